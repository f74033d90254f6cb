"""Signing officials: who signs a decree, through which back end, and the passphrase plumbing for
BSrE (typed by the official at signing time, held only for the call, never stored or logged).

    official_signing(template=..., official=..., passphrase=...)  -> a context for one signature:
        BSrE: the certificate's status is asked first (expired/revoked refuse before a number is
        taken), then the number and the signature run in one transaction, so a refused signature
        (wrong passphrase) rolls the number back: nothing is numbered.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from issuing import signing_runtime
from archive.services.audit import audit_record
from archive.services.errors import Refused
from issuing.errors import IssuingRefused
from national.models import DecreeSigner, IssuedSignature, SigningOfficial
from signing.bsre import RefusalReason, ServiceUnavailable, SignatureRefused, SignerCredentials


class SigningRefused(IssuingRefused):
    """The signature was not made (refused by the service, or the passphrase is missing). An
    IssuingRefused, so every caller that reports a refused decree (batch, drafts) reports this one."""

    def __init__(self, message: str, *, code: str = "invalid", errors: dict | None = None, **extra):
        Refused.__init__(self, message, code=code, errors=errors, **extra)


@dataclass
class OfficialSignature:
    """What the issuer needs for one signature by an official (or by the deployment's key)."""

    official: SigningOfficial | None = None
    backend: str = ""  # "" = DOCUMENT_SIGNER_BACKEND
    credentials: SignerCredentials | None = None

    @property
    def signed_by(self) -> tuple[str, str, str] | None:
        o = self.official
        return (o.name, o.title, o.nip) if o else None

    @property
    def name(self) -> str:
        return self.official.name if self.official else ""

    def record(self, issued) -> None:
        if self.official is not None:
            o = self.official
            IssuedSignature.objects.create(issued=issued, official=o, backend=o.backend, name=o.name, title=o.title,
                                           nip=o.nip)


def official_for_template(template: str) -> SigningOfficial | None:
    assignment = DecreeSigner.objects.select_related("official").filter(template=template,
                                                                        official__active=True).first()
    return assignment.official if assignment else None


def signature_refusal(official: SigningOfficial, exc: SignatureRefused) -> SigningRefused:
    """The service's refusal in the user's words (Indonesian by default); nothing was numbered."""
    name = official.name
    if exc.reason is RefusalReason.WRONG_PASSPHRASE:
        return SigningRefused(_("The passphrase of %(name)s's electronic certificate is wrong. Nothing was signed "
                                "or numbered; type the passphrase again.") % {"name": name},
                              errors={"passphrase": _("wrong passphrase")}, reason=exc.reason.value)
    if exc.reason is RefusalReason.CERTIFICATE_EXPIRED:
        message = _("The electronic certificate of %(name)s at BSrE has expired: renew it at BSrE (BSSN) before "
                    "signing. Nothing was signed or numbered.") % {"name": name}
    elif exc.reason is RefusalReason.CERTIFICATE_REVOKED:
        message = _("The electronic certificate of %(name)s at BSrE has been revoked: apply to BSrE (BSSN) for a "
                    "new one. Nothing was signed or numbered.") % {"name": name}
    elif exc.reason is RefusalReason.NOT_REGISTERED:
        message = _("The NIK of %(name)s is not registered at BSrE: register it at BSrE (BSSN) before signing. "
                    "Nothing was signed or numbered.") % {"name": name}
    else:
        message = _("BSrE refused to sign: %(detail)s. Nothing was signed or numbered.") % {"detail": exc.detail}
    return SigningRefused(message, code="conflict", reason=exc.reason.value)


def service_unavailable() -> SigningRefused:
    return SigningRefused(_("BSrE could not be reached; nothing was signed or numbered. Try again later."),
                          code="unavailable")


def _refused(official, exc, audit: bool = True) -> SigningRefused:
    refusal = signature_refusal(official, exc) if isinstance(exc, SignatureRefused) else service_unavailable()
    if audit:
        audit_record(actor=None, action="signing.refused", target=f"official:{official.pk}",
                     details={"reason": refusal.extra.get("reason", "unavailable"), "backend": official.backend})
    return refusal


def official_check(official: SigningOfficial, passphrase: str) -> SignerCredentials | None:
    """The credentials of one signature by `official`; refused now (before any number) when a BSrE
    official typed no passphrase or their certificate cannot sign (expired, revoked, unknown NIK)."""
    if official.backend != SigningOfficial.Backend.BSRE:
        return None
    if not passphrase:
        raise SigningRefused(_("%(name)s signs through BSrE: type the passphrase of the electronic certificate.")
                             % {"name": official.name}, errors={"passphrase": _("must be filled in")})
    credentials = SignerCredentials(nik=official.nik, passphrase=passphrase)
    try:
        with signing_runtime.locked():
            signing_runtime.issuer("bsre").session.signer.check(credentials)
    except (SignatureRefused, ServiceUnavailable) as exc:
        raise _refused(official, exc) from None
    return credentials


@contextlib.contextmanager
def official_signing(*, template: str, official: SigningOfficial | None = None, passphrase: str = "",
                     credentials: SignerCredentials | None = None):
    """Around taking the number and signing one decree (see the module's docstring)."""
    official = official or official_for_template(template)
    if official is None:
        yield OfficialSignature()
        return
    if official.backend != SigningOfficial.Backend.BSRE:
        yield OfficialSignature(official=official)
        return
    credentials = credentials or official_check(official, passphrase)
    try:
        with transaction.atomic():  # the number is given back when the service refuses
            yield OfficialSignature(official=official, backend="bsre", credentials=credentials)
    except (SignatureRefused, ServiceUnavailable) as exc:
        raise _refused(official, exc) from None
