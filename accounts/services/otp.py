"""TOTP two-factor through django-otp (its otp_totp plugin: RFC 6238, throttled, drift-tolerant).

Anyone may turn it on for themself; administrators must when settings.OTP_REQUIRED_FOR_ADMINISTRATORS
is on. A login that needs it gives the six-digit code after the password: on the web a second page
(accounts.views), on the API the `otp` field of POST /api/v1/auth/token/. A wrong code counts as a
failed login for the lockout, like a wrong password."""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from people.models import Role
from archive.selectors import user_role
from archive.services.audit import audit_record
from archive.services.errors import Refused


class OtpRefused(Refused):
    pass


def otp_required(user) -> bool:
    if user_has_device(user, confirmed=True):
        return True
    return bool(settings.OTP_REQUIRED_FOR_ADMINISTRATORS) and user_role(user) == Role.ADMINISTRATOR


def totp_device_start(*, user) -> TOTPDevice:
    """A new, unconfirmed device (its key goes into the authenticator app by QR code); earlier
    unconfirmed ones are dropped."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="default", confirmed=False)


def totp_device_confirm(*, user, code: str) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None or not device.verify_token(_digits(code)):
        raise OtpRefused(_("The code is not right. Check that the time on your phone is correct and try the "
                           "newest code."), code="otp_invalid", errors={"otp": _("not right")})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()  # one authenticator per login
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=user, action="user.otp_enabled", target=user.get_username())
    return device


def totp_verify(*, user, code: str) -> TOTPDevice | None:
    """The confirmed device that accepts the code, or None."""
    code = _digits(code)
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            if device.verify_token(code):
                return device
    return None


def totp_remove(*, actor, user) -> int:
    """The user themself, or an administrator for someone who lost their phone (audited)."""
    if actor.pk != user.pk and user_role(actor) != Role.ADMINISTRATOR:
        raise OtpRefused(_("Only the user or a BKD administrator can turn two-factor off."), code="forbidden")
    with transaction.atomic():
        removed, _detail = TOTPDevice.objects.filter(user=user).delete()
        audit_record(actor=actor, action="user.otp_removed", target=user.get_username(), details={"devices": removed})
    return removed


def second_factor_check(*, user, code: str, request, identifier: str):
    """For a login that passed its password: the device that accepted `code`, None when no second factor
    is needed; OtpRefused when one is needed and missing or wrong (a wrong one counts as a failure)."""
    if not otp_required(user):
        return None
    if not user_has_device(user, confirmed=True):
        raise OtpRefused(_("This account must use two-factor verification. Set it up on the web first "
                           "(Account > Two-factor verification)."), code="otp_setup_required")
    if not (code or "").strip():
        raise OtpRefused(_("Enter the six-digit code from your authenticator app (field otp)."), code="otp_required",
                         errors={"otp": _("must be filled in")})
    device = totp_verify(user=user, code=code)
    if device is None:
        user_login_failed.send(sender=__name__, credentials={"username": identifier}, request=request)
        raise OtpRefused(_("The two-factor code is not right."), code="otp_invalid", errors={"otp": _("not right")})
    return device


def _digits(code) -> str:
    return "".join(ch for ch in str(code or "") if ch.isdigit())[:8]
