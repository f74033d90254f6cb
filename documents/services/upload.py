"""Uploads, versions and reads of stored documents.

Store first: the bytes are in object storage, hashed and immutable, before any
database row exists; the pipeline starts only after the row is committed.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import tempfile
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from archive.enqueue import BULK_QUEUE, enqueue
from documents.filetypes import ACCEPTED_LABEL, FileKind, UnsupportedFileType, detect_file_kind, image_upright_size
from documents.models import Document, DocumentStatus, DocumentType, DocumentVersion, ProcessingEvent
from documents.objectstore import new_object_key
from people.models import Employee, HistoryEntry
from documents.objectstore import object_storage
from archive.selectors import employees_visible_to
from archive.services.audit import audit_record
from archive.services.errors import NIP_PROBLEMS, nip_problem
from documents.storage import StoredObject
from ocr.nip import normalize_nip

CHUNK = 1024 * 1024


class UploadRefused(Exception):
    """An upload we will not store: a `code` (which picks the HTTP status), an English msgid and its
    parameters. The words are made where they are shown, by gettext, in the language asked for there
    (locale/id holds the Indonesian): `message` in the active language, `message_id` / `message_en` for
    the API's pair. `translate` names parameters that are words themselves (what a refused file is)."""

    def __init__(self, code: str, msgid: str, params: dict | None = None, *, translate: tuple = (), **extra):
        self.code, self.msgid, self.params, self.translate, self.extra = code, msgid, params or {}, translate, extra
        super().__init__(msgid % self.params)

    def in_language(self, language: str | None = None) -> str:
        with translation.override(language) if language else contextlib.nullcontext():
            # a translated parameter may name values of its own (a NIP's problem: "this one has 5 digits")
            params = {k: gettext(v) % self.params if k in self.translate else v for k, v in self.params.items()}
            return gettext(self.msgid) % params

    @property
    def message(self) -> str:
        return self.in_language()

    @property
    def message_id(self) -> str:
        return self.in_language("id")

    @property
    def message_en(self) -> str:
        return self.in_language("en")


def upload_too_large(max_bytes: int) -> UploadRefused:
    return UploadRefused("file_too_large", gettext_noop(
        "The file is larger than the %(limit_mb)s MB limit. Scan at a lower resolution or split the file."),
        {"limit_mb": max_bytes // (1024 * 1024)}, limit_bytes=max_bytes)


def unsupported_file(exc: UnsupportedFileType) -> UploadRefused:
    return UploadRefused("unsupported_file_type",
                         gettext_noop("This file is %(found)s, not a scanned document. Upload a %(accepted)s file."),
                         {"found": exc.found, "accepted": ACCEPTED_LABEL}, translate=("found",), found=exc.found)


@dataclass(frozen=True)
class UploadResult:
    document: Document
    version: DocumentVersion
    created_document: bool


def _spool_and_hash(stream: BinaryIO, max_bytes: int) -> tuple[BinaryIO, str, int, bytes]:
    """Copy the upload to a temporary file, hashing in chunks; stop at the size limit."""
    spooled = tempfile.SpooledTemporaryFile(max_size=8 * CHUNK)
    digest, size, head = hashlib.sha256(), 0, b""
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            spooled.close()
            raise upload_too_large(max_bytes)
        if len(head) < 8192:
            head += chunk[: 8192 - len(head)]
        digest.update(chunk)
        spooled.write(chunk)
    spooled.seek(0)
    return spooled, digest.hexdigest(), size, head


def _resolve_slot(uploader, employee_nip: str, document_type_code: str, history_entry_id: int | None):
    employee = employees_visible_to(uploader).filter(nip=normalize_nip(employee_nip)).first()
    if employee is None and (problem := nip_problem(employee_nip)) is not None:
        raise UploadRefused("invalid_nip", gettext_noop("The NIP %(nip)s is not valid: %(problem)s"),
                            {"nip": employee_nip, "problem": NIP_PROBLEMS.get(problem.code, str(problem)),
                             **problem.params}, translate=("problem",))
    if employee is None:
        raise UploadRefused("employee_not_found", gettext_noop("No employee with NIP %(nip)s within your access."),
                            {"nip": employee_nip})
    document_type = DocumentType.objects.filter(code=document_type_code, active=True).first()
    if document_type is None:
        raise UploadRefused("unknown_document_type",
                            gettext_noop("Unknown document type %(code)r; see /api/v1/document-types/."),
                            {"code": document_type_code})
    history_entry = None
    if history_entry_id is not None:
        history_entry = HistoryEntry.objects.filter(pk=history_entry_id, employee=employee).first()
        if history_entry is None:
            raise UploadRefused("unknown_history_entry",
                                gettext_noop("That history entry does not belong to this employee."))
    return employee, document_type, history_entry


def _same_bytes_already_filed(employee: Employee, sha256: str) -> DocumentVersion | None:
    return (DocumentVersion.objects.filter(sha256=sha256, document__employee=employee,
                                           document__deleted_at__isnull=True)
            .select_related("document__document_type").first())


def document_upload(*, uploader, employee_nip: str, document_type_code: str, stream: BinaryIO,
                    filename: str = "", history_entry_id: int | None = None,
                    page_corners: list | None = None, bulk: bool = False) -> UploadResult:
    """Store an upload as a new document, or a new version of its slot, then start the pipeline.

    `page_corners`: for a photo, the page's four corners the uploader placed (see
    `parse_page_corners`); kept on the version, the original bytes stay as they are.
    `bulk`: filed from a scanned stack (paper intake); processed on the stack's own queue.

    Raises UploadRefused (not found / too large / unsupported / duplicate / bad corners) and
    documents.storage.StorageUnavailable (answered 503); in every case nothing is recorded.
    """
    employee, document_type, history_entry = _resolve_slot(
        uploader, employee_nip, document_type_code, history_entry_id)
    spooled, sha256, size, head = _spool_and_hash(stream, settings.UPLOAD_MAX_BYTES)
    with spooled:
        try:
            kind: FileKind = detect_file_kind(head)
        except UnsupportedFileType as exc:
            raise unsupported_file(exc) from None
        if page_corners is not None:
            page_corners = _corners_inside_photo(page_corners, kind, spooled)
        if existing := _same_bytes_already_filed(employee, sha256):
            raise UploadRefused(
                "duplicate",
                gettext_noop("The same file is already stored as %(type)s version %(version)s "
                             "(document #%(document)s)."),
                {"type": existing.document.document_type.name, "version": existing.number,
                 "document": existing.document_id},
                document=existing.document_id, version=existing.number)
        stored: StoredObject = object_storage().put(
            new_object_key("documents"), spooled, sha256=sha256, size=size, content_type=kind.mime)
    return _record_version(uploader, employee, document_type, history_entry, stored, kind, filename, page_corners,
                           bulk=bulk)


MAX_PHOTO_PAGES = 30


def document_upload_photos(*, uploader, employee_nip: str, document_type_code: str, photos: list,
                           history_entry_id: int | None = None) -> UploadResult:
    """Several photos of one document's pages (`photos`: [(stream, filename)] in page order) become
    one document: one PDF, a page per photo, upright (documents/photo_pages.py), then `document_upload`.
    One photo is uploaded as it is.  Raises UploadRefused as `document_upload` does, and
    `photo_pages_invalid` when a part is not a photo or cannot be read (nothing is stored)."""
    if len(photos) == 1:
        stream, filename = photos[0]
        return document_upload(uploader=uploader, employee_nip=employee_nip, document_type_code=document_type_code,
                               stream=stream, filename=filename, history_entry_id=history_entry_id)
    if len(photos) > MAX_PHOTO_PAGES:
        raise UploadRefused("photo_pages_invalid", gettext_noop("At most %(limit)s page photos in one upload."),
                            {"limit": MAX_PHOTO_PAGES}, limit=MAX_PHOTO_PAGES)
    _resolve_slot(uploader, employee_nip, document_type_code, history_entry_id)  # refuse before reading
    from documents.photo_pages import PhotoUnreadable, photos_to_pdf

    contents, total = [], 0
    for index, (stream, _name) in enumerate(photos, 1):
        spooled, _sha, size, head = _spool_and_hash(stream, settings.UPLOAD_MAX_BYTES - total)
        total += size
        with spooled:
            try:
                kind = detect_file_kind(head)
            except UnsupportedFileType as exc:
                raise unsupported_file(exc) from None
            if not kind.mime.startswith("image/"):
                raise UploadRefused("photo_pages_invalid", gettext_noop(
                    "File %(index)s is not a photo; several files at once are only for photos of one document's "
                    "pages. Upload a PDF on its own."), {"index": index}, page=index)
            contents.append(spooled.read())
    try:
        pdf = photos_to_pdf(contents)
    except PhotoUnreadable as exc:
        raise UploadRefused("photo_pages_invalid",
                            gettext_noop("Photo %(index)s is damaged or unreadable; take that page again."),
                            {"index": exc.index}, page=exc.index) from None
    first = photos[0][1] or "foto"
    stem = first.rsplit(".", 1)[0] if "." in first else first
    return document_upload(uploader=uploader, employee_nip=employee_nip, document_type_code=document_type_code,
                           stream=io.BytesIO(pdf), filename=f"{stem}-{len(photos)}-halaman.pdf",
                           history_entry_id=history_entry_id)


_BAD_CORNERS = gettext_noop("The page corners are not valid; drag the four points onto the page's corners and "
                            "send again.")


def parse_page_corners(raw) -> list | None:
    """The `corners` form field: JSON of four [x, y] (tl, tr, br, bl) in the photo's pixels, or empty."""
    if raw in (None, "", b""):
        return None
    try:
        points = json.loads(raw) if isinstance(raw, (str, bytes)) else raw
        points = [[float(x), float(y)] for x, y in points]
    except (ValueError, TypeError):
        raise UploadRefused("invalid_corners", _BAD_CORNERS) from None
    if len(points) != 4 or not all(math.isfinite(v) for p in points for v in p):
        raise UploadRefused("invalid_corners", _BAD_CORNERS)
    return points


def _corners_inside_photo(points: list, kind: FileKind, spooled) -> list:
    """Corners only for photos, inside the (upright) image, spanning a convex four-sided page."""
    if not kind.mime.startswith("image/"):
        raise UploadRefused("corners_not_for_pdf",
                            gettext_noop("Page corners apply to photos, not PDFs; send the PDF without moving them."))
    try:
        width, height = image_upright_size(spooled)
    except Exception:  # Pillow raises many types on odd files
        raise UploadRefused("invalid_corners", _BAD_CORNERS) from None
    slack_x, slack_y = 0.01 * width, 0.01 * height
    if not all(-slack_x <= x <= width + slack_x and -slack_y <= y <= height + slack_y for x, y in points):
        raise UploadRefused("invalid_corners", _BAD_CORNERS)
    points = [[round(min(max(x, 0.0), width - 1.0), 1), round(min(max(y, 0.0), height - 1.0), 1)]
              for x, y in points]
    crosses = [(b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
               for a, b, c in zip(points, points[1:] + points[:1], points[2:] + points[:2])]
    area = abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1]))) / 2
    if not (all(c > 0 for c in crosses) or all(c < 0 for c in crosses)) or area < 0.05 * width * height:
        raise UploadRefused("invalid_corners", gettext_noop(
            "The four points do not outline a page; put one on each corner of the page (top left, top right, "
            "bottom right, bottom left)."))
    return points


def _record_version(uploader, employee, document_type, history_entry, stored: StoredObject,
                    kind: FileKind, filename: str, page_corners: list | None = None, *,
                    bulk: bool = False) -> UploadResult:
    with transaction.atomic():
        # Lock the employee row so two uploads to one slot get consecutive version numbers.
        Employee.objects.select_for_update(no_key=True).filter(pk=employee.pk).first()
        document = Document.objects.filter(employee=employee, document_type=document_type,
                                           history_entry=history_entry, deleted_at__isnull=True).first()
        created = document is None
        if created:
            document = Document.objects.create(employee=employee, document_type=document_type,
                                               history_entry=history_entry)
        number = (document.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = DocumentVersion.objects.create(
            document=document, number=number, object_key=stored.key, object_version=stored.version_id,
            sha256=stored.sha256, size=stored.size, content_type=kind.mime,
            original_filename=display_filename(filename), uploaded_by=uploader, page_corners=page_corners)
        document.status = DocumentStatus.RECEIVED
        document.save(update_fields=["status", "updated_at"])
        ProcessingEvent.objects.create(version=version, step="store", outcome="ok",
                                       message=f"{kind.label}, {stored.size} bytes, sha256 {stored.sha256}")
        audit_record(actor=uploader, action="document.upload", target=f"document:{document.pk}",
                     details={"version": number, "sha256": stored.sha256, "employee": employee.nip,
                              "document_type": document_type.code,
                              **({"page_corners": page_corners} if page_corners else {})})
        transaction.on_commit(lambda: start_processing(version.pk, bulk=bulk))
    return UploadResult(document, version, created)


def start_processing(version_id: int, *, bulk: bool = False) -> None:
    """Enqueue after commit. A broker that is down must not turn a stored upload into an error:
    the version stays `received` and `manage.py resume_processing` enqueues it later. `bulk`: on the
    scanned stacks' queue, which the workers take turns with (single scans are never stuck behind it)."""
    if bulk:
        enqueue("documents.tasks.process_document", version_id, what=f"version {version_id}", queue=BULK_QUEUE, bulk=True)
    else:
        enqueue("documents.tasks.process_document", version_id, what=f"version {version_id}")


def display_filename(name: str) -> str:
    """Filenames are shown, never used as paths: keep the last part, printable, bounded."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*')
    return name.strip()[:200]


def version_content(version: DocumentVersion) -> bytes:
    """The stored bytes of a version, checked against their sha256 (CorruptObject if not)."""
    return object_storage().get(version.object_key, version_id=version.object_version, sha256=version.sha256)


def document_reprocess(*, actor, document: Document) -> DocumentVersion:
    """An administrator re-runs the pipeline on the latest version (e.g. after a failure)."""
    version = document.versions.order_by("-number").first()
    with transaction.atomic():
        DocumentVersion.objects.filter(pk=version.pk).update(status=DocumentStatus.RECEIVED, error={})
        Document.objects.filter(pk=document.pk).update(status=DocumentStatus.RECEIVED, updated_at=timezone.now())
        ProcessingEvent.objects.create(version=version, step="reprocess", outcome="ok",
                                       message=f"requested by {actor}")
        audit_record(actor=actor, action="document.reprocess", target=f"document:{document.pk}")
        transaction.on_commit(lambda: start_processing(version.pk))
    return version


def document_soft_delete(*, actor, document: Document, reason: str) -> Document:
    """An administrator's delete: the document leaves every list and search, its bytes stay."""
    if not reason.strip():
        raise UploadRefused("reason_required", gettext_noop("Give a reason for the deletion."))
    with transaction.atomic():
        Document.objects.filter(pk=document.pk).update(deleted_at=timezone.now())
        audit_record(actor=actor, action="document.delete", target=f"document:{document.pk}",
                     details={"reason": reason.strip(), "versions": document.versions.count()})
        transaction.on_commit(lambda: reindex_later(document.pk))
    document.refresh_from_db()
    return document


def thumbnail_content(version: DocumentVersion) -> bytes | None:
    if not version.thumbnail_key:
        return None
    return object_storage().get(version.thumbnail_key, version_id=version.thumbnail_version,
                                sha256=version.thumbnail_sha256)


def reindex_later(document_id: int) -> None:
    enqueue("documents.tasks.index_document", document_id, what=f"index of document {document_id} (run manage.py reindex)")
