"""Issuing decrees and cards: number, render, sign, store as an immutable version;
re-issue, revoke, and answer "is this PDF ours, and is it still valid?".

    issue: check the fields (no write)
           -> reserve the number          short transaction (issuing.services.numbering)
           -> render + sign (signing/)    no transaction, no row lock: the TSA and OCSP may be slow
           -> put the PDF in object storage
           -> record                      short transaction: lock the employee, check the decree again,
                                          the version row, the record change, audit; index after commit
    A failure after the number was reserved voids the reservation with its reason (a recorded gap).
    Bulk issuing (issued_documents_issue_many) reserves a run of numbers at once and keeps several
    signatures in flight on the signing session, sharing its revocation data and TSA certificates.
"""
from __future__ import annotations

import base64
import binascii
import collections
import datetime
import hashlib
import io
import re
import secrets
from typing import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from issuing import signing_runtime
from issuing.errors import IssuingRefused, refusal_message
from archive.enqueue import enqueue
from documents.objectstore import new_object_key
from issuing.models import IssuedDocument, NumberReservation
from people.models import Employee
from documents.objectstore import object_storage
from people.ranks import pangkat_label
from archive.services.audit import AuditEntry, audit_record, audit_record_many
from archive.services.errors import Refused, problem_text
from issuing.services.numbering import number_reservation_issued, number_reservation_void_quietly, number_reserve
from issuing.services.record_changes import (decree_derived_fields, decree_plan, decree_problems,
                                             record_change_apply, record_change_audit_entry, record_change_revert)
from signing.templates import ValidationError as TemplateFieldError
from signing.templates import get_template, load_templates
from signing.validate import first_signature_contents

ISSUER_NAME = "Badan Kepegawaian Daerah"  # the holder shown for documents about no one employee


def _unknown_template(template: str) -> IssuingRefused:
    return IssuingRefused(_("Unknown template %(template)s; see /api/v1/templates/.") % {"template": repr(template)},
                          {"template": _("unknown")})


def templates_catalogue() -> list[dict]:
    return [template.describe() for template in load_templates().values()]


EMPLOYEE_KIND_WORDS = {"CPNS": "Calon Pegawai Negeri Sipil", "PNS": "Pegawai Negeri Sipil",
                       "PPPK": "Pegawai Pemerintah dengan Perjanjian Kerja"}


def employee_for_documents(employee: Employee) -> dict:
    """The employee's data as the templates print it."""
    return {"jenis_pegawai": EMPLOYEE_KIND_WORDS.get(employee.status_kepegawaian, "Pegawai Negeri Sipil"),
            "nama": employee.nama, "nip": employee.nip, "pangkat_golongan": pangkat_label(employee.golongan),
            "jabatan": employee.jabatan, "unit": employee.unit.name,
            "instansi": f"{employee.unit.agency.name} Provinsi Jawa Timur",
            "tempat_lahir": employee.tempat_lahir or "-", "tanggal_lahir": employee.tanggal_lahir.isoformat(),
            "alamat": employee.alamat}


def signature_fingerprint(pdf: bytes) -> str:
    """sha256 of the first embedded CMS signature ("" when there is none or the file is unreadable)."""
    contents = first_signature_contents(pdf)
    return hashlib.sha256(contents).hexdigest() if contents else ""


_STORED_IMAGE = re.compile(r"^<\d+ bytes>$")  # how a version keeps a photo in its fields (_json_fields)
_DATA_URL = re.compile(r"^data:image/[a-z]+;base64,", re.IGNORECASE)


def _with_images(spec, employee: Employee, fields: dict) -> dict:
    """Photos as bytes: JSON sends them as base64 (a data: URL too); a photo the request leaves out, or
    that a re-issue carries over from the version before (kept there as its size only), is the
    employee's Pas Foto for the employee's own photo, and must be sent again otherwise."""
    fields = dict(fields)
    for field in spec.fields:
        value = fields.get(field.name)
        if field.type != "image" or isinstance(value, (bytes, bytearray)):
            continue
        if isinstance(value, str) and value and not _STORED_IMAGE.match(value):
            try:
                fields[field.name] = base64.b64decode(_DATA_URL.sub("", value.strip()), validate=True)
            except (binascii.Error, ValueError):
                raise IssuingRefused(_("Send the photo as base64."), {field.name: _("not base64")}) from None
            continue
        fields.pop(field.name, None)
        if field.name == "foto" and employee is not None and (photo := _pas_foto(employee)) is not None:
            fields[field.name] = photo
    return fields


def _pas_foto(employee: Employee) -> bytes | None:
    """The Pas Foto in the employee's file, as a card-sized JPEG (a phone's 100-megapixel photo is not
    carried whole into the card); None when there is none or it is not a JPEG or PNG picture."""
    from archive.selectors import document_latest_version
    from documents.services.upload import version_content

    photo = employee.documents.filter(document_type__code="pas_foto", deleted_at__isnull=True).first()
    version = document_latest_version(photo) if photo else None
    if version is None:
        return None
    try:
        with Image.open(io.BytesIO(version_content(version))) as image:
            if image.format not in ("JPEG", "PNG") or image.width * image.height > 200_000_000:
                return None
            image.draft("RGB", (600, 800))
            image = ImageOps.exif_transpose(image)
            image.thumbnail((600, 800))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=90)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return out.getvalue()


def issued_document_check(*, template: str, employee: Employee, fields: dict,
                          supersedes: IssuedDocument | None = None) -> dict:
    """The fields as they will be issued (with those the system fills in), or IssuingRefused naming
    every field that is malformed or makes a wrong decree for this employee. Nothing is written."""
    try:
        spec = get_template(template)
    except Exception:
        raise _unknown_template(template) from None
    fields = _with_images(spec, employee, decree_derived_fields(template=template, employee=employee, fields=fields))
    try:
        spec.clean(fields, employee_for_documents(employee))
    except TemplateFieldError as exc:
        errors = {name: problem_text(exc.problems[name]) if name in exc.problems else text
                  for name, text in exc.errors.items()}
        raise IssuingRefused(_("Fields missing or not valid: %(problems)s") % {
            "problems": "; ".join(f"{k}: {v}" for k, v in errors.items())}, errors) from None
    if problems := decree_problems(template=template, employee=employee, fields=fields, supersedes=supersedes):
        raise IssuingRefused(refusal_message(problems), problems)
    return fields


def issued_document_preview(*, template: str, employee: Employee, fields: dict,
                            supersedes: IssuedDocument | None = None) -> tuple[bytes, list]:
    """The unsigned draft marked KONSEP, with the record's values now and after issuing; nothing is
    stored, no number taken. Refused exactly as issuing would be."""
    from signing.render import render_document

    fields = issued_document_check(template=template, employee=employee, fields=fields, supersedes=supersedes)
    plan = decree_plan(template=template, employee=employee, fields=fields, supersedes=supersedes)
    rendered = render_document(template, number=supersedes.number if supersedes else "KONSEP",
                               employee=employee_for_documents(employee), fields=fields, verify_token="KONSEP-BELUM-DITANDATANGANI",
                               issued_on=timezone.localdate(), config=signing_runtime.issuer().render_config,
                               draft_changes=[(c.label, c.before, c.after) for c in plan])
    return rendered.pdf, plan


def issued_document_issue(*, actor, template: str, employee: Employee, fields: dict,
                          supersedes: IssuedDocument | None = None, official=None, passphrase: str = "",
                          purpose: str = "", then: Callable[[IssuedDocument], None] | None = None
                          ) -> IssuedDocument:
    """Check, reserve the number, sign (outside any transaction), record. `then(issued)` runs inside
    the record transaction (a service request or draft marked decided with it); if it refuses, the
    document is not recorded and its number is voided with the refusal. `purpose` names what the
    number is for, so the same purpose cannot be signed twice at once.

    `official` (national.SigningOfficial, default: the one assigned to the template) signs; one
    who signs through BSrE needs the `passphrase` they type now (never stored). A refused BSrE
    signature (wrong passphrase, certificate expired or revoked) numbers nothing: for BSrE,
    national.services.officials.official_signing keeps the reservation and the remote signature in
    one transaction, rolled back on refusal."""
    from national.services.officials import official_signing

    # Refuse before a number is taken; checked again on the locked record when stored.
    fields = issued_document_check(template=template, employee=employee, fields=fields, supersedes=supersedes)
    today = timezone.localdate()
    token = secrets.token_urlsafe(18)
    with official_signing(template=template, official=official, passphrase=passphrase) as signature:
        inside_official_transaction = signature.credentials is not None  # BSrE: rolled back on refusal
        reservation = None if supersedes else number_reserve(template=template, year=today.year, actor=actor,
                                                             purpose=purpose)[0]
        number = supersedes.number if supersedes else reservation.number
        try:
            engine = signing_runtime.issuer(signature.backend)
            with signing_runtime.locked():  # rendering only; signing below runs without the lock
                rendered = engine.render(template, number=number, employee=employee_for_documents(employee),
                                         fields=fields, verify_token=token, issued_on=today,
                                         signed_by=signature.signed_by)
            issued_pdf = engine.sign_rendered(rendered, signed_by=signature.signed_by,
                                              credentials=signature.credentials)
        except BaseException as exc:
            if not inside_official_transaction:
                number_reservation_void_quietly(reservation=reservation, reason=_("signing failed: %(error)s") % {
                    "error": exc})
            raise

    def record(issued: IssuedDocument) -> None:  # in the record transaction
        signature.record(issued)
        if then is not None:
            then(issued)

    return issued_document_store(actor=actor, template=template, title=get_template(template).name, number=number,
                                 employee=employee, fields=fields, token=token, pdf=issued_pdf.pdf, year=today.year,
                                 supersedes=supersedes, signer_name=signature.name, reservation=reservation,
                                 then=record)


def issued_document_store(*, actor, template: str, title: str, number: str, employee: Employee | None, fields: dict,
                          token: str, pdf: bytes, year: int, supersedes: IssuedDocument | None = None,
                          signer_name: str = "", reservation: NumberReservation | None = None,
                          then: Callable[[IssuedDocument], None] | None = None, index: bool = True) -> IssuedDocument:
    """Store a signed PDF as an immutable version (a new series, or the next version of `supersedes`),
    audit it, and index it after commit. `employee` is None for a document about no one (a report).
    The PDF goes to object storage first (no transaction); the row, the record change and the audit
    entry in one short transaction. When that refuses or fails, `reservation` is voided with the
    reason and the stored PDF is named on it, never current. `index=False`: the caller indexes it
    (bulk issuing indexes a whole batch in one task)."""
    sha256 = hashlib.sha256(pdf).hexdigest()
    stored = None
    try:
        stored = object_storage().put(new_object_key("issued"), pdf, sha256=sha256, size=len(pdf),
                                      content_type="application/pdf")
        return _record(actor=actor, template=template, title=title, number=number, employee=employee, fields=fields,
                       token=token, pdf=pdf, sha256=sha256, stored=stored, year=year, supersedes=supersedes,
                       signer_name=signer_name, reservation=reservation, then=then, index=index)
    except BaseException as exc:
        reason = exc.message if isinstance(exc, Refused) else _("not recorded: %(error)s") % {
            "error": f"{type(exc).__name__}: {exc}"}
        number_reservation_void_quietly(reservation=reservation, reason=reason,
                                        discarded_object_key=stored.key if stored else "")
        raise


def _record(*, actor, template, title, number, employee, fields, token, pdf, sha256, stored, year, supersedes,
            signer_name, reservation, then, index=True) -> IssuedDocument:
    with transaction.atomic():
        if supersedes:
            previous = IssuedDocument.objects.select_for_update(no_key=True).get(pk=supersedes.pk)
            if previous.status == IssuedDocument.Status.REVOKED:
                raise IssuingRefused(_("A revoked document cannot be issued again."))
            IssuedDocument.objects.filter(series=previous.series, status=IssuedDocument.Status.CURRENT).update(
                status=IssuedDocument.Status.SUPERSEDED)
        version = (IssuedDocument.objects.filter(series=supersedes.series).count() + 1) if supersedes else 1
        issued = IssuedDocument.objects.create(
            series=supersedes.series if supersedes else IssuedDocument._meta.get_field("series").default(),
            version=version, template=template, title=title, number=number, year=year,
            employee=employee, fields=_json_fields(fields), token=token, object_key=stored.key,
            object_version=stored.version_id, sha256=sha256, size=len(pdf),
            signature_fingerprint=signature_fingerprint(pdf),
            signer_name=signer_name or signing_runtime.issuer()._signer_name(), issued_by=actor)
        if reservation is not None:
            number_reservation_issued(reservation=reservation, issued=issued)
        entries = [AuditEntry("issued.reissue" if supersedes else "issued.issue", f"issued:{issued.pk}",
                              {"number": number, "template": template, "employee": employee.nip if employee else None,
                               "version": version})]
        # checks the decree again on the locked employee row (another decree may have landed since)
        change = record_change_apply(issued=issued, actor=actor, supersedes=supersedes)
        if change is not None:
            entries.append(record_change_audit_entry(change))
        audit_record_many(actor=actor, entries=entries)  # one turn on the chain for both
        if then is not None:
            then(issued)
        if index:
            transaction.on_commit(lambda: _index_later(issued.series, only=None if supersedes else issued.pk))
    return issued


def _json_fields(fields: dict) -> dict:
    """Keep the request's fields as JSON (an uploaded photo as its size only)."""
    return {k: (f"<{len(v)} bytes>" if isinstance(v, (bytes, bytearray)) else v) for k, v in fields.items()}


def issued_document_revoke(*, actor, issued: IssuedDocument, reason: str) -> IssuedDocument:
    if not reason.strip():
        raise IssuingRefused(_("Write the reason for revoking it."), {"reason": _("must be filled in")})
    with transaction.atomic():
        issued = IssuedDocument.objects.select_for_update(no_key=True).get(pk=issued.pk)
        if issued.status == IssuedDocument.Status.REVOKED:
            raise IssuingRefused(_("This document has already been revoked."))
        issued.status = IssuedDocument.Status.REVOKED
        issued.revoked_at, issued.revoked_by, issued.revoked_reason = timezone.now(), actor, reason.strip()
        issued.save(update_fields=["status", "revoked_at", "revoked_by", "revoked_reason"])
        record_change_revert(issued=issued, actor=actor, why=reason.strip())
        audit_record(actor=actor, action="issued.revoke", target=f"issued:{issued.pk}",
                     details={"number": issued.number, "reason": reason.strip()})
        transaction.on_commit(lambda: _index_later(issued.series))
    return issued


def issued_content(issued: IssuedDocument) -> bytes:
    return object_storage().get(issued.object_key, version_id=issued.object_version, sha256=issued.sha256)


def verify_pdf(content: bytes) -> dict:
    """What an uploaded PDF is: ours and unchanged (current/superseded/revoked), ours with bytes added
    after the end of what was signed (appended: the signed content is the document we issued, the file
    is not), ours but changed after signing (modified), or not a document this system issued (unknown).

    `authentic` means "valid now": exactly the bytes we issued, every signature valid, and in force —
    false for a superseded or revoked document, whose `status` says why (an integrator checking only
    the flag must not accept a revoked decree)."""
    sha256 = hashlib.sha256(content).hexdigest()
    with signing_runtime.locked():
        report = signing_runtime.validator().validate(content)
    issued = IssuedDocument.objects.filter(sha256=sha256).select_related("employee").first()
    if issued is None and (fingerprint := signature_fingerprint(content)):
        issued = IssuedDocument.objects.filter(signature_fingerprint=fingerprint).select_related("employee").first()
    if issued is not None and issued.sha256 == sha256 and report.authentic:
        status = issued.status
    elif issued is not None and _appended_to(issued, content) and (report.error or not _covers_whole_file(report)):
        # The signed document, byte for byte, then more: pyHanko sees the last signature cover its revision
        # only (ENTIRE_REVISION), or cannot read the file at all when the tail hides the cross-reference.
        status = "appended"
    elif report.signed and report.modified:
        status = "modified"
    else:
        status = "unknown"
    return {"authentic": status == IssuedDocument.Status.CURRENT,
            "status": status, "signatures": report.as_dict()["signatures"],
            "document": public_view(issued) if issued is not None and status != "unknown" else None}


def _appended_to(issued: IssuedDocument, content: bytes) -> bool:
    """The file begins with exactly the bytes we issued and goes on after them."""
    return len(content) > issued.size and hashlib.sha256(content[:issued.size]).hexdigest() == issued.sha256


def _covers_whole_file(report) -> bool:
    """pyHanko's coverage of the last signature or document timestamp: ENTIRE_FILE, or only its
    revision (ENTIRE_REVISION) when bytes follow it."""
    return bool(report.signatures) and report.signatures[-1].covers_whole_file


def _signing_official(issued: IssuedDocument) -> dict | None:
    """The named official who signed (name, title, NIP as printed under the decree), if one did."""
    from national.selectors import signing_official_of

    return signing_official_of(issued)


def decree_substance(issued: IssuedDocument) -> list[dict]:
    """What the decree decides, as printed on it: each field of its template with its label, in the
    template's order and the printed form (dates "1 April 2026", amounts "Rp4.123.400,00"). A photo
    is not repeated here; it is on the page image."""
    from signing.templates import format_date_id, format_rupiah

    try:
        specs = get_template(issued.template).fields
    except Exception:  # a document with no template file (the quarterly report)
        return []
    lines = []
    for spec in specs:
        value = issued.fields.get(spec.name)
        if value in (None, "") or spec.type == "image":
            continue
        try:
            if spec.type == "date":
                value = format_date_id(datetime.date.fromisoformat(str(value)))
            elif spec.type == "money":
                value = format_rupiah(int(value))
        except (TypeError, ValueError):
            pass
        lines.append({"label": spec.label, "value": str(value)})
    return lines


def public_view(issued: IssuedDocument) -> dict:
    """What anyone holding the document may see: no personal data beyond what is printed on it."""
    from ocr.nip import parse_nip

    current = (IssuedDocument.objects.filter(series=issued.series, status=IssuedDocument.Status.CURRENT)
               .values_list("number", "version").first())
    holder = issued.employee
    return {"type": issued.title, "number": issued.number, "version": issued.version,
            "issued_on": timezone.localtime(issued.issued_at).date().isoformat(),
            "holder": holder.nama if holder else ISSUER_NAME, "nip": parse_nip(holder.nip).masked() if holder else "",
            "signer": issued.signer_name, "signing_official": _signing_official(issued), "status": issued.status,
            "revoked_reason": issued.revoked_reason if issued.status == IssuedDocument.Status.REVOKED else "",
            "current_version": current[1] if current else None, "verify_url": verify_url(issued),
            "fields": decree_substance(issued), "page_image_url": f"{verify_url(issued)}/halaman-1.jpg"}


def verify_page_image(issued: IssuedDocument) -> bytes:
    """The first page of the signed PDF as a JPEG, for the verify page: the reader compares it with
    the paper in their hand."""
    from documents.previews import page_jpeg

    return page_jpeg(issued_content(issued), "application/pdf", 1, long_side=1400)


def verify_url(issued: IssuedDocument) -> str:
    return f"{settings.PUBLIC_BASE_URL}/verify/{issued.token}"


def _index_later(series, only: int | None = None) -> None:
    """Index every version of the series (their statuses changed), or `only` a new document's one."""
    pks = [only] if only else list(IssuedDocument.objects.filter(series=series).values_list("pk", flat=True))
    _index_these_later(pks)


def _index_these_later(pks: list[int]) -> None:
    if pks:
        enqueue("issuing.tasks.index_issued_documents", pks, what=f"search index of issued documents {pks}")


def issued_documents_issue_many(*, actor, template: str, items: list[tuple[Employee, dict]],
                                concurrency: int | None = None) -> list:
    """Bulk issuing: one result per `(employee, fields)` item, in order — the IssuedDocument, or the
    exception that stopped that item (IssuingRefused for a wrong decree, SigningError, ...). The items
    that pass the check get a run of numbers in one short transaction; they are rendered, then signed
    with up to `concurrency` (default settings.SIGNING_IN_FLIGHT) signatures in flight on the process's
    signing session (their TSA round trips overlap, and they share one validation context: the
    revocation data is fetched once, not per document); each is recorded in its own short transaction as its signature arrives, while
    the next documents are rendered and signed. No transaction is open while
    signing; an item that fails after its number was reserved voids that number with the reason.
    The issued documents are indexed together, in one task, when the batch ends."""
    from national.services.officials import official_for_template

    results: list = [None] * len(items)
    if official_for_template(template) is not None:  # a named official signs: one at a time, as they sign
        for index, (employee, fields) in enumerate(items):
            try:
                results[index] = issued_document_issue(actor=actor, template=template, employee=employee,
                                                       fields=fields)
            except Exception as exc:  # noqa: BLE001 - this item's outcome
                results[index] = exc
        return results
    checked = []
    for index, (employee, fields) in enumerate(items):
        try:
            checked.append((index, employee, issued_document_check(template=template, employee=employee,
                                                                   fields=fields)))
        except IssuingRefused as refusal:
            results[index] = refusal
    if not checked:
        return results
    today = timezone.localdate()
    reservations = number_reserve(template=template, year=today.year, actor=actor, count=len(checked))
    engine, title = signing_runtime.issuer(), get_template(template).name
    in_flight: collections.deque = collections.deque()
    concurrency = concurrency or settings.SIGNING_IN_FLIGHT

    def record_oldest() -> None:
        (index, employee, fields), reservation, token, future = in_flight.popleft()
        try:
            pdf = future.result()
        except BaseException as exc:  # noqa: BLE001 - this item's outcome
            number_reservation_void_quietly(reservation=reservation, reason=_("signing failed: %(error)s") % {
                "error": exc})
            results[index] = exc
            return
        try:
            results[index] = issued_document_store(actor=actor, template=template, title=title,
                                                   number=reservation.number, employee=employee, fields=fields,
                                                   token=token, pdf=pdf.pdf, year=today.year, reservation=reservation,
                                                   index=False)
        except Exception as exc:  # noqa: BLE001 - the item's outcome; its number is voided with the reason
            results[index] = exc

    # A pipeline: render the next document and record finished ones while up to `concurrency`
    # signatures run on the signing session's loop (their TSA waits overlap this thread's work).
    started = 0
    try:
        for item, reservation in zip(checked, reservations):
            _, employee, fields = item
            token = secrets.token_urlsafe(18)
            with signing_runtime.locked():  # rendering only
                rendered = engine.render(template, number=reservation.number, fields=fields, verify_token=token,
                                         employee=employee_for_documents(employee), issued_on=today)
            in_flight.append((item, reservation, token, engine.submit_rendered(rendered)))
            started += 1
            while len(in_flight) >= concurrency:
                record_oldest()
        while in_flight:
            record_oldest()
    except BaseException as exc:
        for reservation in reservations[started:]:
            number_reservation_void_quietly(reservation=reservation, reason=_("signing failed: %(error)s") % {
                "error": exc})
        while in_flight:  # the ones already signing still end issued or void
            record_oldest()
        raise
    finally:  # the batch's documents go into the search index in one task, not one each
        _index_these_later([r.pk for r in results if isinstance(r, IssuedDocument)])
    return results


MAX_BATCH_ITEMS = 5000
BATCH_CHUNK = 16  # items per signing task: signed four at a time (issued_documents_issue_many)


def issue_batch_create(*, actor, template: str, items: list[dict]):
    """Queue one issuing task per chunk of BATCH_CHUNK items; progress is read from the batch."""
    from issuing.models import IssueBatch
    try:
        get_template(template)
    except Exception:
        raise _unknown_template(template) from None
    if not items or len(items) > MAX_BATCH_ITEMS:
        raise IssuingRefused(_("A batch holds 1 to %(max)s documents.") % {"max": MAX_BATCH_ITEMS},
                             {"items": _("number not valid")})
    with transaction.atomic():
        batch = IssueBatch.objects.create(template=template, items=items, total=len(items), created_by=actor)
        audit_record(actor=actor, action="issued.batch", target=f"batch:{batch.pk}",
                     details={"template": template, "total": len(items)})
        chunks = [list(range(start, min(start + BATCH_CHUNK, len(items))))
                  for start in range(0, len(items), BATCH_CHUNK)]
        transaction.on_commit(lambda: [enqueue("issuing.tasks.issue_batch_items", batch.pk, chunk,
                                               what=f"batch {batch.pk} items {chunk[0]}-{chunk[-1]}")
                                       for chunk in chunks])
    return batch


def issue_batch_run_items(batch_id: int, indexes: list[int]) -> None:
    """Issue some items of a batch together; a bad item's failure is recorded on the batch, never
    raised to stop the rest. Idempotent: an item already counted (a redelivered task) is not issued
    twice. A failure that may pass (signing, storage, database) is raised after the other items are
    recorded, so the task retries the items left. Run by a Celery task, so failures are worded in the
    default language (Indonesian), whoever started the batch."""
    from issuing.models import IssueBatch

    batch = IssueBatch.objects.get(pk=batch_id)
    decided = set(batch.done_items) | {e["index"] for e in batch.errors}
    todo = [index for index in indexes if index not in decided]
    wanted = {index: "".join(str(batch.items[index].get("employee", "")).split()) for index in todo}
    employees = {e.nip: e for e in Employee.objects.filter(nip__in=wanted.values()).select_related("unit__agency")}
    ready = []
    for index in todo:
        employee = employees.get(wanted[index])
        if employee is None:
            nip = str(batch.items[index].get("employee", ""))
            _batch_failed(batch_id, index, nip, _("No employee has NIP %(nip)s.") % {"nip": nip})
        else:
            ready.append(index)
    if not ready:
        return
    results = issued_documents_issue_many(
        actor=batch.created_by, template=batch.template,
        items=[(employees[wanted[index]], batch.items[index].get("fields") or {}) for index in ready])
    passing = None
    for index, result in zip(ready, results):
        if isinstance(result, IssuedDocument):
            _batch_done(batch_id, index, result)
        elif isinstance(result, Refused):
            _batch_failed(batch_id, index, wanted[index], result.message)
        else:
            passing = passing or result
    if passing is not None:
        raise passing


def _batch_done(batch_id: int, index: int, issued: IssuedDocument) -> None:
    from django.db.models import F

    from issuing.models import IssueBatch

    with transaction.atomic():
        batch = IssueBatch.objects.select_for_update(no_key=True).get(pk=batch_id)
        batch.done_items = [*batch.done_items, index]
        batch.done = F("done") + 1
        batch.save(update_fields=["done_items", "done"])
        batch.issued.add(issued)


def _batch_failed(batch_id: int, index: int, nip: str, detail: str) -> None:
    from django.db.models import F

    from issuing.models import IssueBatch

    with transaction.atomic():
        batch = IssueBatch.objects.select_for_update(no_key=True).get(pk=batch_id)
        batch.errors = [*batch.errors, {"index": index, "employee": nip, "detail": detail}]
        batch.failed = F("failed") + 1
        batch.save(update_fields=["errors", "failed"])
