"""What a login may do on every request, web and API alike:

- a session made before the account's current epoch (before "sign out everywhere" or a deactivation)
  is ended;
- a login that must use two-factor (it has a TOTP device, or it is an administrator and
  settings.OTP_REQUIRED_FOR_ADMINISTRATORS is on) reaches nothing but the two-factor pages until its
  session is verified;
- a read-only account (retired: accounts.services.status) may read and download, not write.

Runs after AuthenticationMiddleware and django_otp's OTPMiddleware."""
from __future__ import annotations

from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

EPOCH_KEY = "_account_epoch"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Reachable before two-factor is done, and by a read-only account for writing (its own account matters).
OTP_OPEN_ROUTES = {"login", "logout", "set_language", "otp-verify", "otp-setup", "healthz", "pwa-manifest",
                   "service-worker", "offline", "javascript-catalog"}
READ_ONLY_OPEN_ROUTES = OTP_OPEN_ROUTES | {
    "api-token", "account", "account-sign-out-everywhere", "api-account-sign-out-everywhere", "password_change",
    "contact-confirm", "api-contact-confirm", "api-employee-detail", "api-notification-read",
    "password_reset", "password_reset_confirm", "sso-login", "sso-callback"}


def _refuse(request, message: str, code: str, status: int = 403):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": code}, status=status)
    return render(request, "accounts/refused.html", {"message": message}, status=status)


def _token_user(request):
    from accounts.services.tokens import api_token_authenticate

    header = request.META.get("HTTP_AUTHORIZATION", "").split()
    if len(header) == 2 and header[0].lower() == "token":
        token = api_token_authenticate(header[1])
        return token.user if token is not None else None
    return None


class AccountSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from accounts.models import AccountState
        from accounts.services.otp import otp_required

        match = request.resolver_match
        route = match.url_name if match is not None else ""
        user = request.user
        state = None
        if user.is_authenticated:
            state = AccountState.objects.filter(user=user).only("session_epoch", "read_only").first()
            if request.session.get(EPOCH_KEY, 0) != (state.session_epoch if state else 0):
                logout(request)
                if request.path.startswith("/api/"):
                    return None  # DRF answers 401/403 for the anonymous caller
                return redirect(f"{_login_url()}?{urlencode({'next': request.get_full_path()})}")
            if route not in OTP_OPEN_ROUTES and otp_required(user) and not user.is_verified():
                if request.path.startswith("/api/"):
                    return _refuse(request, _("Two-factor verification is required for this account."),
                                   "otp_required")
                from django_otp import user_has_device

                target = "otp-verify" if user_has_device(user, confirmed=True) else "otp-setup"
                from django.urls import reverse

                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        if request.method in SAFE_METHODS or route in READ_ONLY_OPEN_ROUTES:
            return None
        if state is None and not user.is_authenticated:
            writer = _token_user(request)
            state = AccountState.objects.filter(user=writer).only("read_only").first() if writer else None
        if state is not None and state.read_only:
            return _refuse(request, _("This account is read-only (the employee has retired): you can still read and "
                                      "download your file, but not upload, propose or request."), "account_read_only")
        return None


def _login_url() -> str:
    from django.conf import settings
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)
