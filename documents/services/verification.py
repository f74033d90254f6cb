"""A fasilitator's decision on a scan, recorded for ever; a change is a new decision."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.services.duties import duties_separate
from documents.models import Document, DocumentStatus, VerificationDecision
from archive.selectors import can_verify
from archive.services.audit import audit_record
from documents.services.upload import reindex_later
from issuing.services.drafts import decision_follow_up
from archive.services.errors import Refused

DECIDABLE = {DocumentStatus.AWAITING_VERIFICATION, DocumentStatus.NEEDS_RESCAN, DocumentStatus.VERIFIED,
             DocumentStatus.REJECTED, DocumentStatus.NOT_AUTHENTIC}


def document_verify(*, actor, document: Document, decision: str, note: str = "") -> VerificationDecision:
    if not can_verify(actor, document):
        raise PermissionDenied("Hanya fasilitator unit pegawai ini atau administrator yang dapat memverifikasi.")
    if decision not in VerificationDecision.Decision.values:
        raise ValidationError(f"Keputusan harus salah satu dari: {', '.join(VerificationDecision.Decision.values)}.")
    if decision != VerificationDecision.Decision.VERIFIED and not note.strip():
        raise ValidationError("Tuliskan alasan agar pegawai tahu apa yang harus diperbaiki.")
    uploader = document.versions.order_by("-number").values_list("uploaded_by_id", flat=True).first()
    duties_separate(actor=actor, maker_id=uploader, kind="verify", target=f"document:{document.pk}")
    with transaction.atomic():
        document = Document.objects.select_for_update(no_key=True).get(pk=document.pk)
        version = document.versions.order_by("-number").first()
        if version.uploaded_by_id == actor.pk:  # a new version arrived meanwhile, uploaded by the decider
            duties_separate(actor=actor, maker_id=version.uploaded_by_id, kind="verify",
                            target=f"document:{document.pk}")
        if version.status not in DECIDABLE:
            raise ValidationError("Dokumen masih diproses; verifikasi setelah pemrosesan selesai.")
        made = VerificationDecision.objects.create(version=version, decision=decision, note=note.strip(),
                                                   decided_by=actor)
        version.status = decision
        version.save(update_fields=["status"])
        document.status = decision
        document.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=f"document.{decision}", target=f"document:{document.pk}",
                     details={"version": version.number, "note": note.strip()})
        decision_follow_up(actor=actor, decision=made)  # notify; not_authentic drafts a written warning
        transaction.on_commit(lambda: reindex_later(document.pk))
    return made


def documents_verify_clean(*, actor, selection: list[tuple[int, int]]) -> dict:
    """Verify several scans at once from the queue (each thumbnail seen by the fasilitator): only
    scans the queue shows without a flag, and only the version that was shown — a scan that gained a
    new version, a flag, or left the queue meanwhile is skipped, as is one the actor may not decide
    (their own upload). Each is one ordinary decision (audited, the employee notified).
    Returns {"verified": [Document], "skipped": [(Document | None, reason code)]}."""
    from documents.selectors import queue_flags, verification_queue

    queue = verification_queue(actor).select_related("employee", "document_type")
    verified, skipped = [], []
    for document_pk, version_number in selection:
        document = queue.filter(pk=document_pk).first()
        if document is None:
            skipped.append((None, "not_waiting"))
            continue
        version = document.versions.order_by("-number").first()
        if version.number != version_number:
            skipped.append((document, "new_version"))
            continue
        if queue_flags(version, was_verified=document.was_verified):
            skipped.append((document, "flagged"))
            continue
        try:
            document_verify(actor=actor, document=document, decision=VerificationDecision.Decision.VERIFIED)
        except (PermissionDenied, ValidationError):
            skipped.append((document, "not_decidable"))
        except Refused:  # separation of duties: one's own upload
            skipped.append((document, "own_upload"))
        else:
            verified.append(document)
    return {"verified": verified, "skipped": skipped}
