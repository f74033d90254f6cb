"""Consent and agreements (Babel Pasal 20(3), Jatim Pasal 26): an employee grants and withdraws consent per
recipient and purpose; an agency token is made with the agreement it rests on and its expiry."""
from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Employee
from archive.services.audit import audit_record
from governance.models import Consent, TokenAgreement
from governance.services.errors import GovernanceRefused
from reports.tokens import agency_token_create

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")


def _code(value: str, field: str) -> str:
    value = (value or "").strip()
    if not CODE.match(value):
        raise GovernanceRefused(_("Use a short code of letters, digits, dots, dashes or underscores."),
                                errors={field: _("not a code")})
    return value


def consent_grant(*, actor, employee: Employee, recipient: str, purpose: str) -> Consent:
    recipient, purpose = _code(recipient, "recipient"), _code(purpose, "purpose")
    try:
        with transaction.atomic():
            consent = Consent.objects.create(employee=employee, recipient=recipient, purpose=purpose,
                                             granted_by=actor)
            audit_record(actor=actor, action="consent.grant", target=f"employee:{employee.pk}",
                         details={"consent": consent.pk, "recipient": recipient, "purpose": purpose})
    except IntegrityError:
        raise GovernanceRefused(_("Consent for this recipient and purpose is already given."),
                                code="conflict") from None
    return consent


def consent_withdraw(*, actor, consent: Consent) -> Consent:
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.withdrawn_at is not None:
            raise GovernanceRefused(_("This consent is already withdrawn."), code="conflict")
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        audit_record(actor=actor, action="consent.withdraw", target=f"employee:{consent.employee_id}",
                     details={"consent": consent.pk, "recipient": consent.recipient, "purpose": consent.purpose})
    return consent


def agency_token_issue(*, actor, name: str, scopes: list[str], recipient: str, purpose: str,
                       agreement_reference: str, expires_at: dt.datetime, legal_basis: str = "",
                       data_request=None):
    """A token for another agency's system with the agreement it rests on -> (token, key shown once)."""
    recipient, purpose = _code(recipient, "recipient"), _code(purpose, "purpose")
    agreement_reference = " ".join((agreement_reference or "").split())
    if not agreement_reference:
        raise GovernanceRefused(_("Name the agreement (MoU) the token rests on."),
                                errors={"agreement_reference": _("must be filled in")})
    if expires_at <= timezone.now():
        raise GovernanceRefused(_("The expiry must be in the future."), errors={"expires_at": _("in the past")})
    with transaction.atomic():
        token, key = agency_token_create(actor=actor, name=name, scopes=scopes)
        agreement = TokenAgreement.objects.create(
            token=token, recipient=recipient, purpose=purpose, agreement_reference=agreement_reference,
            expires_at=expires_at, legal_basis=" ".join(legal_basis.split()), data_request=data_request)
        audit_record(actor=actor, action="agency_token.agreement", target=f"agency_token:{token.pk}",
                     details={"recipient": recipient, "purpose": purpose, "agreement": agreement_reference,
                              "expires_at": expires_at.isoformat(), "legal_basis": agreement.legal_basis,
                              "data_request": data_request.pk if data_request else None})
    return token, key
