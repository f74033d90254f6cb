"""Documents the system drafts for an administrator to review and issue.

A scan decided not authentic drafts a Surat Teguran Tertulis (template `teguran_tertulis`,
field `alasan`) for its employee; an administrator issues it (rendered and signed like any
decree) or discards it with a reason. Nothing is issued without an administrator.
"""
from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from documents.models import DocumentStatus, VerificationDecision
from issuing.models import IssueDraft
from people.models import Role
from archive.selectors import user_role
from archive.services.audit import audit_record
from archive.services.errors import Refused
from notifications.services.notifications import administrators, notification_send, users_of_employee

WARNING_TEMPLATE = "teguran_tertulis"
_ALASAN_MAX = 600  # the template's max_length


class DraftRefused(Refused):
    """A draft the service will not act on (see archive.services.errors.Refused)."""


def decision_follow_up(*, actor, decision: VerificationDecision) -> None:
    """Called by document_verify inside its transaction, after the decision is recorded."""
    document = decision.version.document
    with override(settings.LANGUAGE_CODE):  # stored and mailed text: Indonesian whatever the decider reads
        label = str(dict(DocumentStatus.choices)[decision.decision])
    message = f"{document.document_type.name} versi {decision.version.number}: {label}."
    notification_send(recipients=users_of_employee(document.employee), kind=f"document.{decision.decision}",
                      message=f"{message} {decision.note}".strip(), target=f"document:{document.pk}")
    if decision.decision == VerificationDecision.Decision.NOT_AUTHENTIC:
        warning_draft_create(actor=actor, decision=decision)


def warning_alasan(decision: VerificationDecision) -> str:
    version = decision.version
    uploaded = timezone.localtime(version.uploaded_at).date().isoformat()
    text = (f"Dokumen {version.document.document_type.name} (versi {version.number}) yang diunggah pada "
            f"{uploaded} dinyatakan tidak sesuai dengan naskah asli oleh fasilitator: {decision.note}")
    return text if len(text) <= _ALASAN_MAX else text[:_ALASAN_MAX - 1] + "…"


def warning_draft_create(*, actor, decision: VerificationDecision) -> IssueDraft | None:
    """One open draft per version: deciding `not_authentic` again does not draft a second warning."""
    employee = decision.version.document.employee
    if IssueDraft.objects.filter(template=WARNING_TEMPLATE, status=IssueDraft.Status.DRAFT,
                                 decision__version=decision.version).exists():
        return None
    draft = IssueDraft.objects.create(template=WARNING_TEMPLATE, employee=employee, decision=decision,
                                      fields={"alasan": warning_alasan(decision)})
    audit_record(actor=actor, action="draft.create", target=f"draft:{draft.pk}",
                 details={"template": WARNING_TEMPLATE, "employee": employee.nip,
                          "document": decision.version.document_id, "version": decision.version.number})
    notification_send(recipients=administrators(), kind="draft.to_review",
                      message=f"Draf Surat Teguran Tertulis untuk {employee.nama} ({employee.nip}) menunggu "
                              f"pemeriksaan.", target=f"draft:{draft.pk}")
    return draft


def _already_decided(draft: IssueDraft) -> DraftRefused:
    return DraftRefused(_("This draft has already been %(status)s.") % {"status": draft.get_status_display().lower()},
                        code="conflict")


def _locked_draft(draft: IssueDraft) -> IssueDraft:
    draft = (IssueDraft.objects.select_for_update(no_key=True, of=("self",))
             .select_related("employee__unit__agency").get(pk=draft.pk))
    if draft.status != IssueDraft.Status.DRAFT:
        raise _already_decided(draft)
    return draft


def issue_draft_issue(*, actor, draft: IssueDraft, fields: dict | None = None) -> IssueDraft:
    """The administrator issues the draft, optionally with edited fields; it is signed and linked.
    Checked in a short transaction, signed outside any, recorded with the draft's decision."""
    from issuing.services.issuing import issued_document_issue

    if user_role(actor) != Role.ADMINISTRATOR:
        raise DraftRefused(_("Only a BKD administrator can issue a draft."), code="forbidden")
    with transaction.atomic():
        draft = _locked_draft(draft)
    final_fields = {**draft.fields, **(fields or {})}
    decided = {}

    def record_decision(issued) -> None:  # in the issuing record transaction
        locked = _locked_draft(draft)
        locked.status, locked.fields, locked.issued_document = IssueDraft.Status.ISSUED, final_fields, issued
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.save(update_fields=["status", "fields", "issued_document", "decided_by", "decided_at"])
        audit_record(actor=actor, action="draft.issue", target=f"draft:{locked.pk}",
                     details={"issued": issued.pk, "number": issued.number})
        notification_send(recipients=users_of_employee(locked.employee), kind="issued.warning",
                          message=f"{issued.title} nomor {issued.number} telah diterbitkan untuk Anda.",
                          target=f"issued:{issued.pk}")
        decided["draft"] = locked

    try:
        issued_document_issue(actor=actor, template=draft.template, employee=draft.employee, fields=final_fields,
                              purpose=f"draft:{draft.pk}", then=record_decision)
    except DraftRefused:
        raise
    except Refused as exc:  # IssuingRefused, or the number already being issued for this draft
        raise DraftRefused(exc.message, errors=exc.errors, code=exc.code) from None
    return decided["draft"]


def issue_draft_discard(*, actor, draft: IssueDraft, reason: str) -> IssueDraft:
    if user_role(actor) != Role.ADMINISTRATOR:
        raise DraftRefused(_("Only a BKD administrator can discard a draft."), code="forbidden")
    if not reason.strip():
        raise DraftRefused(_("Write the reason for discarding it."), errors={"reason": _("must be filled in")})
    with transaction.atomic():
        draft = IssueDraft.objects.select_for_update(no_key=True).get(pk=draft.pk)
        if draft.status != IssueDraft.Status.DRAFT:
            raise _already_decided(draft)
        draft.status, draft.discard_reason = IssueDraft.Status.DISCARDED, reason.strip()
        draft.decided_by, draft.decided_at = actor, timezone.now()
        draft.save(update_fields=["status", "discard_reason", "decided_by", "decided_at"])
        audit_record(actor=actor, action="draft.discard", target=f"draft:{draft.pk}",
                     details={"reason": draft.discard_reason})
    return draft
