"""The life of one scan, top to bottom.

    store (done at upload: documents.services.upload.document_upload)
      -> load the original, checking its sha256        LoadOriginal
      -> extract text and assess legibility (ocr)      ReadAndAssess
         a long document instead: one task per page    read_page (its verdict shown at once)
         joined when every page is read (a chord)      finish_reading
      -> flag encrypted PDFs, scripts, embedded files  InspectPdf
      -> cross-check fields with the employee record   CrossCheckFields
      -> first-page preview and its perceptual hash    MakePreview
      -> look for the same document on other employees FindDuplicates (uses the hash)
      -> decide: needs_rescan | awaiting_verification  (finish)
      -> index for search, after commit, own task      (documents.tasks.index_document)
      -> a fasilitator verifies against the original   (documents.services.verification)

Each step has the same small interface: `name`, and `run(scan)` that reads and
fills the ScanInProgress. The whole run is idempotent: a version already in a final
state is left alone, so a redelivered task (worker killed, acks_late) is harmless;
a run interrupted half way simply runs again from the start, because nothing is
written to the version until `_finish` (but the page verdicts of a long document,
which are shown as they come).

Long documents (settings.OCR_PAGE_TASKS_FROM pages or more): `process_version` loads the
file and hands its pages to `archive.enqueue.enqueue_pages`, one `read_page` each,
spread over the workers; each page's legibility is recorded on the version as soon as it is
known (`page_verdicts`, shown by the status API), and `finish_reading` joins the pages into
one verdict and runs the remaining steps. A page that cannot be read becomes a reason on the
verdict; the other pages' text and verdicts are kept.
"""
from __future__ import annotations

import difflib
import hashlib
import logging
import time
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

import ocr
from documents import previews
from documents.models import FINAL_STATUSES, Document, DocumentStatus, DocumentVersion, ProcessingEvent
from archive.enqueue import enqueue_pages
from documents.objectstore import new_object_key
from documents.objectstore import object_storage
from documents.services.upload import reindex_later
from ocr.nip import normalize_nip

log = logging.getLogger(__name__)


@dataclass
class ScanInProgress:
    version: DocumentVersion
    content: bytes = b""
    analysis: ocr.AnalysisResult | None = None
    error: dict = field(default_factory=dict)  # {code, message_id, message_en}: the file can't be read
    field_checks: dict = field(default_factory=dict)
    flags: list = field(default_factory=list)
    perceptual_hash: str = ""
    thumbnail: tuple[str, str, str] | None = None  # key, version, sha256
    events: list[tuple[str, str, str, float]] = field(default_factory=list)  # step, outcome, message, seconds


class LoadOriginal:
    name = "load"

    def run(self, scan: ScanInProgress) -> str:
        v = scan.version
        scan.content = object_storage().get(v.object_key, version_id=v.object_version, sha256=v.sha256)
        return f"{len(scan.content)} bytes, sha256 verified"


class LoadOriginalOfLongDocument(LoadOriginal):
    """The pages of a long document are read by a few worker processes, one page after another: each
    process keeps the last original it loaded (verified; a stored version never changes) for its next
    page, instead of loading the whole file again for every page."""

    def run(self, scan: ScanInProgress) -> str:
        v = scan.version
        kept = _last_original.get((v.object_key, v.object_version, v.sha256))
        if kept is not None:
            scan.content = kept
            return f"{len(kept)} bytes, sha256 verified (kept by this worker process)"
        message = super().run(scan)
        self.keep(scan)
        return message

    @staticmethod
    def keep(scan: ScanInProgress) -> None:
        v = scan.version
        _last_original.clear()
        if len(scan.content) <= KEEP_ORIGINAL_MAX_BYTES:
            _last_original[(v.object_key, v.object_version, v.sha256)] = scan.content


KEEP_ORIGINAL_MAX_BYTES = 64 * 1024 * 1024  # what an idle worker process may hold on to
_last_original: dict[tuple[str, str, str], bytes] = {}  # this process's last long original, by version


def ocr_config() -> ocr.OcrConfig:
    return ocr.OcrConfig(languages=settings.OCR_LANGUAGES, max_pages=settings.OCR_MAX_PAGES)


class ReadAndAssess:
    name = "ocr"

    def run(self, scan: ScanInProgress) -> str:
        try:
            # corners the uploader placed on a photo replace the page finding
            scan.analysis = ocr.analyze(scan.content, config=ocr_config(), corners=scan.version.page_corners)
        except ocr.OcrError as exc:
            # A file we cannot read is the uploader's to fix, not a reason to retry.
            scan.error = {"code": exc.code, "message": exc.message}
            return f"unreadable: {exc.code}"
        a = scan.analysis
        given = ", page corners placed by the uploader" if scan.version.page_corners else ""
        return f"{a.pages} page(s), score {a.score:.0f}, legible={a.legible}, confidence {a.mean_confidence:.0f}{given}"


def _normalise_name(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in name).split())


def names_match(printed: str, recorded: str) -> bool:
    """Tolerate OCR slips and academic titles ('Dr. Dewi Rahayu, S.Kep.')."""
    a, b = _normalise_name(printed), _normalise_name(recorded)
    return bool(a and b) and (b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85)


class CrossCheckFields:
    name = "cross_check"

    def run(self, scan: ScanInProgress) -> str:
        if scan.analysis is None:
            return "skipped: no text"
        employee = scan.version.document.employee
        fields = scan.analysis.fields
        nips = [normalize_nip(n) for n in fields.get("nip", [])]
        names = fields.get("nama", [])
        scan.field_checks = {
            "nip": "absent" if not nips else ("match" if employee.nip in nips else "mismatch"),
            "nama": "absent" if not names else ("match" if any(names_match(n, employee.nama) for n in names)
                                                else "mismatch"),
        }
        return ", ".join(f"{k}: {v}" for k, v in scan.field_checks.items())


class FindDuplicates:
    """The same document filed for a different employee: a possible forgery.

    The same bytes, or the same content (documents/similarity.py: the NIP and number printed on it and
    the body text), never merely the same template: decrees of two employees share a letterhead and
    most of their words, not their NIP and number.  The page's picture hash only finds candidates."""

    name = "duplicates"

    def run(self, scan: ScanInProgress) -> str:
        from django.db.models import Q

        from documents.similarity import same_document

        v = scan.version
        fields = scan.analysis.fields if scan.analysis is not None else {}
        text = scan.analysis.text if scan.analysis is not None else ""
        match = Q(sha256=v.sha256)
        if scan.perceptual_hash:
            match |= Q(perceptual_hash=scan.perceptual_hash)
        # The NIP or number inside the stored field lists, as text: JSON containment (`contains`) is
        # PostgreSQL's only, and the embedded default runs on SQLite. A candidate is judged below anyway.
        for nip in (fields.get("nip") or [])[:1]:
            match |= Q(fields__nip__icontains=nip)
        for nomor in (fields.get("nomor") or [])[:1]:
            match |= Q(fields__nomor__icontains=nomor)
        candidates = (DocumentVersion.objects.filter(match).exclude(document__employee=v.document.employee_id)
                      .filter(document__deleted_at__isnull=True).select_related("document__employee")
                      .order_by("-pk")[:50])
        found = 0
        for other in candidates:
            same_bytes = other.sha256 == v.sha256
            if not same_bytes and not (text and same_document(fields, text, other.fields, other.text)):
                continue
            found += 1
            scan.flags.append({"code": "possible_forgery", "other_document": other.document_id,
                               "other_version": other.number, "other_employee": other.document.employee.nip,
                               "same_bytes": same_bytes})
        return f"{found} match(es) on other employees (of {len(candidates)} candidates)"


class MakePreview:
    name = "preview"

    def run(self, scan: ScanInProgress) -> str:
        if scan.error:
            return "skipped: unreadable file"
        image = previews.first_page_image(scan.content, scan.version.content_type)
        scan.perceptual_hash = previews.perceptual_hash(image)
        jpeg = previews.thumbnail_jpeg(image)
        sha = hashlib.sha256(jpeg).hexdigest()
        stored = object_storage().put(new_object_key("thumbnails"), jpeg, sha256=sha, size=len(jpeg),
                                      content_type="image/jpeg")
        scan.thumbnail = (stored.key, stored.version_id, sha)
        return f"phash {scan.perceptual_hash}"


class InspectPdf:
    """Encrypted PDFs, and PDFs that carry JavaScript, launch actions or embedded files, are kept
    (the original is never refused after storing) but flagged for the fasilitator."""

    name = "inspect_pdf"

    def run(self, scan: ScanInProgress) -> str:
        if scan.version.content_type != "application/pdf":
            return "skipped: not a PDF"
        from documents.pdf_inspection import risky_pdf_features

        found = risky_pdf_features(scan.content)
        scan.flags.extend(found)
        return ", ".join(flag["code"] for flag in found) or "no active content"


# The order is the flow; previews come before duplicates because duplicates use the pHash.
READING = [LoadOriginal(), ReadAndAssess()]
AFTER_READING = [InspectPdf(), CrossCheckFields(), MakePreview(), FindDuplicates()]
STEPS = [*READING, *AFTER_READING]
OPTIONAL_STEPS = {"preview", "inspect_pdf"}  # a failure here is logged, not fatal


def process_version(version_id: int, *, force: bool = False, bulk: bool = False) -> str:
    """Run the pipeline on one stored version; returns its status (still `processing` while the
    pages of a long document are being read by their own tasks). `bulk`: the version came in a
    scanned stack, and its page tasks wait on the stack's queue."""
    version = _claim(version_id, force=force)
    if version is None:
        return DocumentVersion.objects.get(pk=version_id).status
    scan = ScanInProgress(version=version)
    _run(scan, [LoadOriginal()])
    if pages := _pages_to_read_apart(scan):
        LoadOriginalOfLongDocument.keep(scan)  # this process may well read the first pages
        DocumentVersion.objects.filter(pk=version.pk).update(pages=pages)
        _log_event(version, "load", "ok", scan.events[-1][2], scan.events[-1][3])
        _log_event(version, "ocr", "ok", f"{pages} pages, one task each")
        enqueue_pages(version.pk, pages, bulk=bulk)
        return DocumentVersion.objects.get(pk=version_id).status
    _run(scan, [ReadAndAssess(), *AFTER_READING])
    return _finish(scan)


def _run(scan: ScanInProgress, steps: list) -> None:
    for step in steps:
        started = time.perf_counter()
        try:
            message = step.run(scan)
            scan.events.append((step.name, "ok", message, time.perf_counter() - started))
        except Exception as exc:
            if step.name not in OPTIONAL_STEPS:
                _log_event(scan.version, step.name, "retry", f"{type(exc).__name__}: {exc}",
                           time.perf_counter() - started)
                raise  # the task decides: retry with backoff, or mark failed when retries run out
            scan.events.append((step.name, "failed", f"{type(exc).__name__}: {exc}", time.perf_counter() - started))


def _pages_to_read_apart(scan: ScanInProgress) -> int:
    """The page count when the document is long enough to read one task per page, else 0 (a file
    that cannot be opened, or a photo with corners placed, is read whole: its error says why)."""
    if not settings.OCR_PAGE_TASKS_FROM or scan.version.page_corners:
        return 0
    try:
        pages = ocr.page_count(scan.content, config=ocr_config())
    except ocr.OcrError:
        return 0
    return pages if pages >= max(2, settings.OCR_PAGE_TASKS_FROM) else 0


def read_page(version_id: int, number: int) -> dict:
    """One page of a long document: read, judged, its verdict recorded at once. Returns the page
    (ocr.PageResult as a dict) for `finish_reading`. A page the OCR cannot read is returned as an
    unreadable page, never raised: the other pages must not be lost with it. The first page's task
    also makes the preview, while the other pages are still being read, so the join waits less."""
    started = time.perf_counter()
    version = DocumentVersion.objects.get(pk=version_id)
    scan = ScanInProgress(version=version)
    LoadOriginalOfLongDocument().run(scan)
    content = scan.content
    try:
        page = ocr.analyze_page(content, number, config=ocr_config())
    except ocr.OcrError as exc:
        page = ocr.PageResult.unreadable(number, f"{exc.code}: {exc.message}")
    page_verdict_record(version_id, page, seconds=time.perf_counter() - started)
    result = page.to_dict()
    if number == 1 and page.source != "none" and version.status == DocumentStatus.PROCESSING:
        result[PREVIEW_KEY] = _preview_ahead(scan)  # not for a document already joined (a redelivery)
    return result


PREVIEW_KEY = "preview"  # beside the first page's result: the preview its task made (`_preview_ahead`)


def _preview_ahead(scan: ScanInProgress) -> dict:
    """MakePreview run in the first page's task, as the join would run it: a failure is logged, not
    fatal. A task delivered twice stores one thumbnail more, which nothing points to (as a join
    retried would)."""
    _run(scan, [MakePreview()])
    return {"perceptual_hash": scan.perceptual_hash, "thumbnail": scan.thumbnail, "event": scan.events[-1]}


def _preview_made(scan: ScanInProgress, preview: dict | None) -> bool:
    """Take the preview the first page's task made (False when it made none, or it failed there)."""
    if not preview or preview["event"][1] != "ok":
        return False
    scan.perceptual_hash = preview["perceptual_hash"]
    scan.thumbnail = tuple(preview["thumbnail"])
    scan.events.append(tuple(preview["event"]))
    return True


def page_not_read(version_id: int, number: int, error: str) -> dict:
    """The page's task gave up (retries ran out, or a bug): the page counts as unreadable."""
    page = ocr.PageResult.unreadable(number, error)
    page_verdict_record(version_id, page, seconds=None)
    return page.to_dict()


def page_verdict_record(version_id: int, page: ocr.PageResult, *, seconds: float | None) -> None:
    """Shown while the other pages are still being read (the status API's `progress`)."""
    verdict = {"legible": page.legible, "score": page.score, "reasons": [r.to_dict() for r in page.reasons]}
    with transaction.atomic():
        version = DocumentVersion.objects.select_for_update(no_key=True).get(pk=version_id)
        if version.status != DocumentStatus.PROCESSING:
            return
        version.page_verdicts = {**version.page_verdicts, str(page.number): verdict}
        version.save(update_fields=["page_verdicts"])
        outcome = "failed" if page.source == "none" else "ok"
        _log_event(version, "ocr_page", outcome, f"page {page.number}: legible={page.legible}, score "
                   f"{page.score:.0f}{' ' + page.metrics['error'] if page.metrics.get('error') else ''}", seconds)


def finish_reading(version_id: int, pages: list[dict]) -> str:
    """Every page of a long document is read: one verdict, then the steps that follow reading."""
    version = DocumentVersion.objects.select_related("document__employee").get(pk=version_id)
    if version.status in FINAL_STATUSES:
        return version.status
    scan = ScanInProgress(version=version)
    _run(scan, [LoadOriginalOfLongDocument()])
    _last_original.clear()  # every page is read
    preview = next((p[PREVIEW_KEY] for p in pages if p.get(PREVIEW_KEY)), None)
    pages = [{k: v for k, v in p.items() if k != PREVIEW_KEY} for p in pages]
    scan.analysis = ocr.combine(sorted((ocr.PageResult.from_dict(p) for p in pages), key=lambda p: p.number),
                                ocr_config())
    a = scan.analysis
    scan.events.append(("ocr", "ok", f"{a.pages} page(s) joined, score {a.score:.0f}, legible={a.legible}, "
                                     f"confidence {a.mean_confidence:.0f}", None))
    for step in AFTER_READING:
        if not (isinstance(step, MakePreview) and _preview_made(scan, preview)):
            _run(scan, [step])
    return _finish(scan)


def _claim(version_id: int, *, force: bool) -> DocumentVersion | None:
    with transaction.atomic():
        # Lock the version only: with select_related, FOR UPDATE would also lock the document and the
        # employee, in the opposite order to an upload (employee, then document), and deadlock with it.
        version = (DocumentVersion.objects.select_for_update(no_key=True, of=("self",))
                   .select_related("document__employee").get(pk=version_id))
        if version.status in FINAL_STATUSES and not force:
            return None
        version.status = DocumentStatus.PROCESSING
        version.attempts += 1
        version.page_verdicts = {}
        version.save(update_fields=["status", "attempts", "page_verdicts"])
        _set_document_status(version, DocumentStatus.PROCESSING)
    return version


def _set_document_status(version: DocumentVersion, status: str) -> None:
    """The document shows the state of its newest version only."""
    Document.objects.filter(pk=version.document_id).exclude(
        versions__number__gt=version.number).update(status=status, updated_at=timezone.now())


def _log_event(version, step, outcome, message, seconds=None):
    ProcessingEvent.objects.create(version=version, step=step, outcome=outcome, message=message[:2000],
                                   seconds=seconds)


def _finish(scan: ScanInProgress) -> str:
    v, a = scan.version, scan.analysis
    if scan.error:
        status = DocumentStatus.FAILED
    elif a is not None and not a.legible:
        status = DocumentStatus.NEEDS_RESCAN
    else:
        status = DocumentStatus.AWAITING_VERIFICATION
    with transaction.atomic():
        v = DocumentVersion.objects.select_for_update(no_key=True).get(pk=v.pk)
        if v.status in FINAL_STATUSES:  # another delivery finished first
            return v.status
        v.status = status
        v.error = scan.error
        v.processed_at = timezone.now()
        if a is not None:
            v.pages, v.text, v.fields = a.pages, a.text, a.fields
            v.legibility = {"legible": a.legible, "score": a.score, "mean_confidence": a.mean_confidence,
                            "reasons": [r.to_dict() for r in a.reasons]}
        v.field_checks, v.flags, v.perceptual_hash = scan.field_checks, scan.flags, scan.perceptual_hash
        if scan.thumbnail:
            v.thumbnail_key, v.thumbnail_version, v.thumbnail_sha256 = scan.thumbnail
        v.save()
        for flag in scan.flags:  # the other side of a possible forgery is flagged too
            if flag.get("code") != "possible_forgery":
                continue
            other = DocumentVersion.objects.select_for_update(no_key=True).get(document_id=flag["other_document"],
                                                                    number=flag["other_version"])
            mirror = {"code": "possible_forgery", "other_document": v.document_id, "other_version": v.number,
                      "other_employee": v.document.employee.nip, "same_bytes": flag["same_bytes"]}
            if mirror not in other.flags:
                other.flags = [*other.flags, mirror]
                other.save(update_fields=["flags"])
        for step, outcome, message, seconds in scan.events:
            _log_event(v, step, outcome, message, seconds)
        _log_event(v, "finish", "ok", status)
        _set_document_status(v, status)
        if status == DocumentStatus.NEEDS_RESCAN:
            _ask_for_a_rescan(v)
        transaction.on_commit(lambda: reindex_later(v.document_id))
    return status


def _ask_for_a_rescan(version: DocumentVersion) -> None:
    """The employee (and whoever uploaded for them) learns the scan is unreadable, and why."""
    from notifications.services.notifications import notification_send, users_of_employee

    document = Document.objects.select_related("employee", "document_type").get(pk=version.document_id)
    reasons = "; ".join(r.get("message_id", r.get("code", "")) for r in version.legibility.get("reasons", []))
    message = f"{document.document_type.name} versi {version.number} sulit dibaca dan perlu dipindai ulang."
    notification_send(recipients=[*users_of_employee(document.employee), version.uploaded_by],
                      kind="document.needs_rescan", message=f"{message} {reasons}".strip(),
                      target=f"document:{document.pk}")


def mark_failed(version_id: int, error: str) -> None:
    """Retries ran out, or the file broke a step: the document says so, an administrator can re-run it.
    The uploader reads a plain message (they see `error`); what went wrong, in the library's words,
    is in the processing log, which only staff see. Still indexed: a failed scan is found by its
    metadata like any other."""
    with transaction.atomic():
        v = DocumentVersion.objects.select_for_update(no_key=True).get(pk=version_id)
        v.status = DocumentStatus.FAILED
        v.error = {"code": "processing_failed", "message": gettext(
            "This file could not be processed. Upload it again as a PDF or a sharp photo of the whole page; "
            "if it fails again, contact BKD.")}
        v.save(update_fields=["status", "error"])
        _log_event(v, "finish", "failed", error)
        _set_document_status(v, DocumentStatus.FAILED)
        transaction.on_commit(lambda: reindex_later(v.document_id))


def log_indexed(document_id: int, seconds: float) -> None:
    version = DocumentVersion.objects.filter(document_id=document_id).order_by("-number").first()
    if version is not None:
        _log_event(version, "index", "ok", "search index updated", seconds)
