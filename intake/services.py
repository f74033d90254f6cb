"""Paper intake, by the stack.

    intake_batch_create   store the stack as sent (object storage), then split it after commit (a task)
    intake_batch_process  page by page: a separator sheet starts a part for the slot it names; pages
                          without one are read (OCR) and start a part where another employee's NIP
                          appears; each part is filed into its slot as a new version (the normal
                          pipeline follows: legibility, verification) when it is sure enough,
                          else it waits for a fasilitator
    intake_part_assign    a fasilitator files a waiting part (employee and document type chosen)
    intake_folder_scan    the scanner's drop folder (INTAKE_DIR): each file becomes a batch
Scope as everywhere: a batch only files into the employees its sender may see.
"""
from __future__ import annotations

import hashlib
import io
import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.enqueue import enqueue
from documents.models import DocumentType
from documents.objectstore import new_object_key
from people.models import Employee, Role
from documents.objectstore import object_storage
from archive.selectors import employees_visible_to, user_role
from archive.services.audit import audit_record
from archive.services.errors import Refused
from intake import classifier
from intake.models import IntakeBatch, IntakePart
from intake.pages import StackUnreadable, find_separator, open_stack, page_image, part_content

log = logging.getLogger(__name__)


class IntakeRefused(Refused):
    pass


def intake_batch_create(*, uploader, stream, filename: str = "", source: str = "upload") -> IntakeBatch:
    if user_role(uploader) not in (Role.FASILITATOR, Role.ADMINISTRATOR):
        raise IntakeRefused(_("Only fasilitators and BKD administrators digitise paper files."), code="forbidden")
    data = stream.read(settings.INTAKE_MAX_BYTES + 1)
    if len(data) > settings.INTAKE_MAX_BYTES:
        raise IntakeRefused(_("The stack is larger than %(mb)s MB; split it into several files.") % {
            "mb": settings.INTAKE_MAX_BYTES // 1024 ** 2}, code="too_large")
    if not data:
        raise IntakeRefused(_("The file is empty."), errors={"file": _("empty")})
    sha256 = hashlib.sha256(data).hexdigest()
    stored = object_storage().put(new_object_key("intake"), data, sha256=sha256, size=len(data),
                                  content_type="application/octet-stream")
    with transaction.atomic():
        batch = IntakeBatch.objects.create(uploaded_by=uploader, source=source, original_filename=filename[:255],
                                           object_key=stored.key, object_version=stored.version_id, sha256=sha256,
                                           size=len(data))
        audit_record(actor=uploader, action="intake.batch", target=f"intake:{batch.pk}",
                     details={"filename": filename[:255], "size": len(data), "source": source})
        transaction.on_commit(lambda: _process_later(batch.pk))
    return batch


def _process_later(batch_id: int) -> None:
    enqueue("intake.tasks.process_intake_batch", batch_id, what=f"intake batch {batch_id}")


def intake_batch_process(batch_id: int) -> str:
    """Split and file one batch; idempotent (a batch already split is left alone)."""
    with transaction.atomic():
        batch = IntakeBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status in (IntakeBatch.Status.DONE, IntakeBatch.Status.FAILED):
            return batch.status
        batch.status = IntakeBatch.Status.SPLITTING
        batch.save(update_fields=["status"])
    data = object_storage().get(batch.object_key, version_id=batch.object_version, sha256=batch.sha256)
    try:
        stack = open_stack(data, batch.original_filename)
        IntakeBatch.objects.filter(pk=batch.pk).update(pages=stack.page_count)
        # A rerun after a crash splits again; the parts it had filed already are kept, not filed twice.
        IntakePart.objects.filter(batch=batch).exclude(status=IntakePart.Status.FILED).delete()
        scope = employees_visible_to(batch.uploaded_by) if batch.uploaded_by else Employee.objects.none()
        model = classifier_model()
        for index, part in enumerate(_split(stack, batch, scope), start=1):
            _settle(batch, stack, part, index, scope, model)
    except StackUnreadable as exc:  # the file, or one of its pages (decoded as it is read)
        IntakeBatch.objects.filter(pk=batch.pk).update(status=IntakeBatch.Status.FAILED, error=exc.message,
                                                       finished_at=timezone.now())
        return IntakeBatch.Status.FAILED
    IntakeBatch.objects.filter(pk=batch.pk).update(status=IntakeBatch.Status.DONE, finished_at=timezone.now())
    return IntakeBatch.Status.DONE


def _split(stack, batch: IntakeBatch, scope):
    """Parts as dicts {first, last, slot | None, employee | None, text}, in page order."""
    from ocr.fields import extract_nip
    from ocr.nip import normalize_nip

    part = None
    for number in range(1, stack.page_count + 1):
        image = page_image(stack, number)
        slot = find_separator(image)
        IntakeBatch.objects.filter(pk=batch.pk).update(pages_read=number)
        if slot is not None:  # a sheet starts the next part; the sheet itself is not filed
            if part and part["last"] >= part["first"]:
                yield part
            part = {"first": number + 1, "last": number, "slot": slot, "employee": None, "text": ""}
            continue
        if part is not None and part["slot"] is not None:
            part["last"] = number
            continue
        text = _page_text(image)
        nips = {normalize_nip(n) for n in extract_nip(text)}
        employee = scope.filter(nip__in=nips).first() if nips else None
        starts_new = part is None or (employee is not None and part["employee"] not in (None, employee))
        if starts_new:
            if part:
                yield part
            part = {"first": number, "last": number, "slot": None, "employee": employee, "text": text}
        else:
            part["last"] = number
            part["employee"] = part["employee"] or employee
            part["text"] = part["text"] or text
    if part and part["last"] >= part["first"]:
        yield part


def _page_text(image) -> str:
    """The page's words, read by the same Tesseract set-up as the pipeline (ocr/)."""
    import numpy as np

    from documents.pipeline import ocr_config
    from ocr.limits import Deadline
    from ocr.tesseract import ocr_image

    return ocr_image(np.asarray(image.convert("L")), ocr_config(), Deadline(120), dpi=150).text


def _settle(batch, stack, part: dict, index: int, scope, model) -> IntakePart:
    content, content_type = part_content(stack, part["first"], part["last"])
    sha256 = hashlib.sha256(content).hexdigest()
    done = IntakePart.objects.filter(batch=batch, index=index, sha256=sha256).first()
    if done is not None:
        return done
    stored = object_storage().put(new_object_key("intake-parts"), content, sha256=sha256, size=len(content),
                                  content_type=content_type)
    employee, document_type, confidence, reason = None, None, 0.0, ""
    if part["slot"] is not None:
        nip, code = part["slot"]
        source = IntakePart.Source.SEPARATOR
        employee = scope.filter(nip=nip).first()
        document_type = DocumentType.objects.filter(code=code, active=True).first()
        confidence = 1.0 if employee and document_type else 0.0
        if employee is None:
            reason = _("The sheet names NIP %(nip)s, which is not in your units.") % {"nip": nip}
        elif document_type is None:
            reason = _("The sheet names an unknown document type %(code)s.") % {"code": code}
    else:
        source = IntakePart.Source.PROPOSED
        employee = part["employee"]
        code, type_confidence = classifier.propose(model, part["text"])
        document_type = DocumentType.objects.filter(code=code).first() if code else None
        confidence = type_confidence if employee else 0.0
        if employee is None:
            reason = _("No NIP of an employee in your units was found on it.")
        elif document_type is None:
            reason = _("Its document type could not be recognised.")
        elif confidence < settings.INTAKE_AUTO_FILE_CONFIDENCE:
            reason = _("Not sure enough of the document type (%(percent)s%%).") % {"percent": round(confidence * 100)}
    made = IntakePart.objects.create(
        batch=batch, index=index, first_page=part["first"], last_page=part["last"], employee=employee,
        document_type=document_type, confidence=round(confidence, 3), source=source,
        status=IntakePart.Status.REVIEW, reason=reason, text=part["text"][:20000], object_key=stored.key,
        object_version=stored.version_id, sha256=sha256, content_type=content_type)
    if not reason:
        _file(made, employee=employee, document_type=document_type, actor=batch.uploaded_by, bulk=True)
    return made


def _file(part: IntakePart, *, employee: Employee, document_type: DocumentType, actor,
          bulk: bool = False) -> IntakePart:
    """The part becomes a new version in its slot; the normal pipeline takes it from there (filed by
    the stack: on the stack's queue, `bulk`; by a fasilitator's hand: like any single scan)."""
    from documents.services.upload import document_upload

    content = object_storage().get(part.object_key, version_id=part.object_version, sha256=part.sha256)
    suffix = "pdf" if part.content_type == "application/pdf" else "tif"
    with transaction.atomic():
        result = document_upload(uploader=actor, employee_nip=employee.nip, document_type_code=document_type.code,
                                 stream=io.BytesIO(content),
                                 filename=f"alih-media-{part.batch_id}-{part.index}.{suffix}", bulk=bulk)
        IntakePart.objects.filter(pk=part.pk).update(status=IntakePart.Status.FILED, document=result.document,
                                                     employee=employee, document_type=document_type, reason="")
    part.refresh_from_db()
    return part


def intake_part_assign(*, actor, part: IntakePart, employee_nip: str, document_type_code: str) -> IntakePart:
    """A fasilitator files a waiting part into a slot of an employee in their units."""
    from ocr.nip import normalize_nip

    if part.status != IntakePart.Status.REVIEW:
        raise IntakeRefused(_("This part is filed already."), code="conflict")
    employee = employees_visible_to(actor).filter(nip=normalize_nip(employee_nip or "")).first()
    if employee is None:
        raise IntakeRefused(_("No employee in your units has this NIP."), errors={"employee": _("not found")})
    document_type = DocumentType.objects.filter(code=document_type_code, active=True).first()
    if document_type is None:
        raise IntakeRefused(_("Unknown document type; see /api/v1/document-types/."),
                            errors={"document_type": _("unknown")})
    IntakePart.objects.filter(pk=part.pk).update(source=IntakePart.Source.MANUAL)
    filed = _file(part, employee=employee, document_type=document_type, actor=actor)
    audit_record(actor=actor, action="intake.assign", target=f"intake:{part.batch_id}",
                 details={"part": part.index, "employee": employee.nip, "document_type": document_type.code})
    return filed


# --- the classifier, retrained on a schedule -----------------------------------------------

_MODEL: dict = {}


def _model_path() -> Path:
    return Path(settings.DATA_DIR) / "intake-classifier.joblib"


def classifier_retrain() -> str:
    """Learn document types from the text of verified documents (the latest version of each)."""
    import joblib

    from documents.models import DocumentStatus, DocumentVersion

    samples = list(DocumentVersion.objects.filter(status=DocumentStatus.VERIFIED, document__deleted_at__isnull=True)
                   .exclude(text="").order_by("-pk").values_list("text", "document__document_type__code")[:5000])
    model = classifier.train(samples)
    _MODEL.clear()
    if model is None:
        _model_path().unlink(missing_ok=True)
        return f"not enough verified documents ({len(samples)})"
    _model_path().parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, _model_path())
    _MODEL["model"] = model
    return f"trained on {model.samples} documents of {len(model.types)} types"


def classifier_model():
    """The last trained model (trained now if there is none yet)."""
    import joblib

    if "model" not in _MODEL:
        path = _model_path()
        if not path.exists():
            classifier_retrain()
        _MODEL["model"] = joblib.load(path) if path.exists() else None
    return _MODEL["model"]


# --- the scanner's drop folder --------------------------------------------------------------

def intake_folder_scan() -> int:
    """Each file in INTAKE_DIR becomes a batch sent by INTAKE_USER; processed files move to
    INTAKE_DIR/diproses/, unreadable or refused ones to INTAKE_DIR/gagal/ with a note. Never deleted."""
    from django.contrib.auth import get_user_model

    if not settings.INTAKE_DIR:
        return 0
    folder = Path(settings.INTAKE_DIR)
    done, failed = folder / "diproses", folder / "gagal"
    done.mkdir(parents=True, exist_ok=True)
    failed.mkdir(exist_ok=True)
    user = get_user_model().objects.filter(username=settings.INTAKE_USER, is_active=True).first()
    taken = 0
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        try:
            if user is None:
                raise IntakeRefused(f"INTAKE_USER {settings.INTAKE_USER!r} is not an active user.")
            with path.open("rb") as stream:
                intake_batch_create(uploader=user, stream=stream, filename=path.name, source="drop_folder")
        except Exception as exc:  # a broken file is reported; the rest continue
            log.warning("intake drop folder: %s refused: %s", path.name, exc)
            path.rename(failed / f"{stamp}-{path.name}")
            (failed / f"{stamp}-{path.name}.txt").write_text(str(getattr(exc, "message", exc)))
            continue
        path.rename(done / f"{stamp}-{path.name}")
        taken += 1
    return taken
