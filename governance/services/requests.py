"""The data request register (Pasal 20-21): a signed letter (scan kept in object storage) naming the
requester, the data asked, its purpose and legal basis -> a decision with its reason -> the answer, a
scoped token (with its agreement) or an export file. Every step is audited under `data_request:<id>`;
a request not answered by its due date (DATA_REQUEST_DAYS after receipt) is overdue."""
from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.filetypes import UnsupportedFileType, detect_file_kind
from documents.objectstore import new_object_key
from documents.objectstore import object_storage
from archive.services.audit import audit_record
from governance.models import DataRequest
from governance.services.consent import agency_token_issue
from governance.services.errors import GovernanceRefused

MAX_LETTER_BYTES = 20 * 1024 * 1024


def _store(content: bytes, prefix: str, *, any_kind: bool = False):
    if not content:
        raise GovernanceRefused(_("Attach the file."), errors={"file": _("must be filled in")})
    if len(content) > MAX_LETTER_BYTES:
        raise GovernanceRefused(_("The file is too large."), errors={"file": _("too large")})
    content_type = "application/octet-stream"
    try:
        content_type = detect_file_kind(content[:8192]).mime
    except UnsupportedFileType:
        if not any_kind:
            raise GovernanceRefused(_("The letter must be a PDF, JPEG or PNG scan."),
                                    errors={"file": _("not a scan")}) from None
    sha256 = hashlib.sha256(content).hexdigest()
    stored = object_storage().put(new_object_key(prefix), content, sha256=sha256, size=len(content),
                                  content_type=content_type)
    return stored, sha256, content_type


def _audit(actor, request: DataRequest, step: str, **details) -> None:
    audit_record(actor=actor, action=f"data_request.{step}", target=f"data_request:{request.pk}",
                 details={"status": request.status, **details})


def data_request_register(*, actor, letter: bytes, number: str, letter_date: dt.date, requester: str,
                          requester_agency: str, service_type: str, data_asked: str, purpose: str,
                          legal_basis: str = "") -> DataRequest:
    fields = {"number": number, "requester": requester, "requester_agency": requester_agency,
              "data_asked": data_asked, "purpose": purpose}
    missing = {name: _("must be filled in") for name, value in fields.items() if not (value or "").strip()}
    if service_type not in DataRequest.Service.values:
        missing["service_type"] = _("not valid")
    if missing:
        raise GovernanceRefused(_("The letter must name the service, the data and its purpose (Pasal 20(3))."),
                                errors=missing)
    stored, sha256, content_type = _store(letter, "data-requests")
    received = timezone.localdate()
    with transaction.atomic():
        request = DataRequest.objects.create(
            **{name: value.strip() for name, value in fields.items()}, letter_date=letter_date,
            service_type=service_type, legal_basis=legal_basis.strip(), letter_key=stored.key,
            letter_version=stored.version_id, letter_sha256=sha256, letter_size=len(letter),
            letter_content_type=content_type, received_by=actor,
            due_date=received + dt.timedelta(days=settings.DATA_REQUEST_DAYS))
        _audit(actor, request, "register", number=request.number, requester_agency=request.requester_agency,
               letter_sha256=sha256, due_date=request.due_date.isoformat())
    return request


def data_request_decide(*, actor, request: DataRequest, approve: bool, reason: str) -> DataRequest:
    reason = " ".join((reason or "").split())
    if not reason:
        raise GovernanceRefused(_("Give the reason for the decision."), errors={"reason": _("must be filled in")})
    with transaction.atomic():
        request = DataRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != DataRequest.Status.RECEIVED:
            raise GovernanceRefused(_("This request is decided already."), code="conflict")
        request.status = DataRequest.Status.APPROVED if approve else DataRequest.Status.REFUSED
        request.decision_reason, request.decided_by, request.decided_at = reason, actor, timezone.now()
        request.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
        _audit(actor, request, "decide", approved=approve, reason=reason)
    return request


def _refuse_unless_approved(request: DataRequest) -> None:
    if request.status != DataRequest.Status.APPROVED:
        raise GovernanceRefused(_("Only an approved request can be answered."), code="conflict")


def data_request_answer_with_token(*, actor, request: DataRequest, name: str, scopes: list[str], recipient: str,
                                   purpose: str, agreement_reference: str, expires_at: dt.datetime,
                                   legal_basis: str = ""):
    """-> (request, token, key shown once): the answer is a scoped token resting on the agreement."""
    with transaction.atomic():
        request = DataRequest.objects.select_for_update().get(pk=request.pk)
        _refuse_unless_approved(request)
        token, key = agency_token_issue(actor=actor, name=name, scopes=scopes, recipient=recipient, purpose=purpose,
                                        agreement_reference=agreement_reference, expires_at=expires_at,
                                        legal_basis=legal_basis or request.legal_basis, data_request=request)
        request.status, request.answer_token = DataRequest.Status.ANSWERED, token
        request.answered_by, request.answered_at = actor, timezone.now()
        request.save(update_fields=["status", "answer_token", "answered_by", "answered_at"])
        _audit(actor, request, "answer", by="token", token=token.pk, prefix=token.prefix, scopes=token.scopes)
    return request, token, key


def data_request_answer_with_export(*, actor, request: DataRequest, export: bytes) -> DataRequest:
    """The answer is a file (CSV, PDF …) prepared for the requester, kept with its hash."""
    stored, sha256, _content_type = _store(export, "data-request-answers", any_kind=True)
    with transaction.atomic():
        request = DataRequest.objects.select_for_update().get(pk=request.pk)
        _refuse_unless_approved(request)
        request.status, request.answer_key, request.answer_version = (DataRequest.Status.ANSWERED, stored.key,
                                                                      stored.version_id)
        request.answer_sha256, request.answered_by, request.answered_at = sha256, actor, timezone.now()
        request.save(update_fields=["status", "answer_key", "answer_version", "answer_sha256", "answered_by",
                                    "answered_at"])
        _audit(actor, request, "answer", by="export", sha256=sha256, size=len(export))
    return request
