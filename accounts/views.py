"""Account pages: one's own account (password, email/phone, two-factor, sign out everywhere) and, for BKD
administrators, user management and the access review. Thin: selectors read, services write, a refusal
is shown beside the form that caused it."""
from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device

from accounts.selectors import access_review_due_at, access_review_last, access_review_rows, account_row
from accounts.selectors import users_for_management
from accounts.services.contact import contact_change_confirm, contact_change_pending
from accounts.services.login import client_ip, lock_message, login_lock
from accounts.services.otp import totp_device_confirm, totp_device_start, totp_remove, totp_verify
from accounts.services.review import access_review_csv, access_review_sign
from accounts.services.state import sessions_end, user_deactivate, user_reactivate
from accounts.services.tokens import api_tokens_revoke
from accounts.services.users import account_create, account_update, fasilitator_replace, password_link_send
from people.models import Role, Unit
from archive.selectors import user_role
from archive.services.audit import audit_record
from archive.services.errors import Refused

User = get_user_model()


def _next(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


# --- One's own account ---------------------------------------------------------------------------

class ContactForm(forms.Form):
    email = forms.EmailField(required=False, label=gettext_lazy("Email"))
    phone = forms.RegexField(r"^\+?[0-9 ()-]{6,30}$", required=False, label=gettext_lazy("Phone"))


@login_required
def account_page(request):
    from people.services.employees import employee_contact_update

    employee = getattr(getattr(request.user, "profile", None), "employee", None)
    initial = ({"email": employee.email, "phone": employee.phone} if employee is not None
               else {"email": request.user.email})
    form = ContactForm(request.POST or None, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k in form.changed_data}
        try:
            if employee is not None:
                pending = employee_contact_update(actor=request.user, employee=employee, **changes)
            else:
                from accounts.services.contact import contact_change_request

                pending = contact_change_request(user=request.user, employee=None,
                                                 **{k: v for k, v in changes.items() if k == "email"})
        except Refused as refusal:
            error = refusal.message
        else:
            if pending:
                messages.info(request, _("A confirmation link has been sent. The change takes effect when it is "
                                         "opened."))
            return redirect("account")
    return render(request, "accounts/account.html", {
        "form": form, "error": error, "row": account_row(request.user),
        "two_factor": user_has_device(request.user, confirmed=True)})


class PasswordChange(auth_views.PasswordChangeView):
    """The user's own password (the old one first). Other sessions end; every API token is revoked."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        response = super().form_valid(form)
        revoked = api_tokens_revoke(user=form.user, reason="password_change")
        audit_record(actor=form.user, action="user.password_change", target=form.user.get_username(),
                     details={"tokens_revoked": revoked, "ip": client_ip(self.request)})
        messages.success(self.request, _("Your password has been changed. Your API tokens have been revoked."))
        return response


@login_required
@require_POST
def sign_out_everywhere(request):
    sessions_end(user=request.user, actor=request.user, reason="sign_out_everywhere")
    logout(request)
    return redirect("login")


def contact_confirm_page(request, key: str):
    """The link in the email: shows the change, and confirms it on the button (a GET changes nothing, so a mail
    scanner opening links confirms nothing)."""
    change = contact_change_pending(key)
    if request.method == "POST" and change is not None:
        contact_change_confirm(key=key)
        return render(request, "accounts/contact_confirm.html", {"done": True, "change": change})
    return render(request, "accounts/contact_confirm.html", {"change": change}, status=200 if change else 404)


# --- Two-factor ------------------------------------------------------------------------------------

def _qr_svg(data: str) -> str:
    import qrcode
    import qrcode.image.svg

    out = io.BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(out)
    return out.getvalue().decode()


@login_required
def otp_setup_page(request):
    """Set up (or replace) the authenticator app: scan the QR code, enter the code it shows. Replacing or removing
    a device needs a session verified with the current one (else the password alone would be enough)."""
    if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
        return redirect(f"{reverse('otp-verify')}?{urlencode({'next': request.get_full_path()})}")
    error = ""
    if request.method == "POST" and request.POST.get("action") == "remove":
        totp_remove(actor=request.user, user=request.user)
        messages.info(request, _("Two-factor verification is off."))
        return redirect("account")
    if request.method == "POST":
        try:
            device = totp_device_confirm(user=request.user, code=request.POST.get("otp", ""))
        except Refused as refusal:
            error = refusal.message
        else:
            otp_login(request, device)
            messages.success(request, _("Two-factor verification is on."))
            return redirect(_next(request, "account"))
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("-id").first()
    if device is None or request.method == "GET":
        device = totp_device_start(user=request.user)
    import base64

    return render(request, "accounts/otp_setup.html", {
        "qr": _qr_svg(device.config_url), "secret": base64.b32encode(device.bin_key).decode(),
        "error": error, "next": _next(request, "account"),
        "has_device": user_has_device(request.user, confirmed=True)})


@login_required
def otp_verify_page(request):
    """The second step of a login with two-factor. A wrong code counts as a failed login."""
    error = ""
    username = request.user.get_username()
    if request.method == "POST" and (lock := login_lock(username, client_ip(request))).locked:
        logout(request)
        return render(request, "registration/login.html", {"locked_message": lock_message(lock)}, status=429)
    if request.method == "POST":
        device = totp_verify(user=request.user, code=request.POST.get("otp", ""))
        if device is not None:
            otp_login(request, device)
            audit_record(actor=request.user, action="auth.otp_verified", target=request.user.get_username(),
                         details={"ip": client_ip(request)})
            return redirect(_next(request))
        user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
        lock = login_lock(username, client_ip(request))
        if lock.locked:
            logout(request)
            return render(request, "registration/login.html", {"locked_message": lock_message(lock)}, status=429)
        error = _("The code is not right. Try the newest code from your authenticator app.")
    return render(request, "accounts/otp_verify.html", {"error": error, "next": _next(request)})


# --- Administrators: users -------------------------------------------------------------------------

def _require_administrator(user) -> None:
    from django.core.exceptions import PermissionDenied

    if user_role(user) != Role.ADMINISTRATOR:
        raise PermissionDenied


class UserCreateForm(forms.Form):
    username = forms.CharField(max_length=150, label=gettext_lazy("Username"))
    role = forms.ChoiceField(choices=Role.choices, label=gettext_lazy("Role"))
    nip = forms.CharField(max_length=30, required=False, label=gettext_lazy("NIP (employee role)"))
    units = forms.CharField(max_length=500, required=False, label=gettext_lazy("Units (codes, comma-separated)"))
    email = forms.EmailField(required=False, label=gettext_lazy("Email (only for a login that is no employee)"))


def _codes(text: str) -> list[str]:
    return [c.strip() for c in (text or "").replace(";", ",").split(",") if c.strip()]


@login_required
def users_page(request):
    _require_administrator(request.user)
    form = UserCreateForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = account_create(actor=request.user, username=data["username"], role=data["role"],
                                  nip=data["nip"] or None, unit_codes=_codes(data["units"]), email=data["email"])
        except Refused as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Login %(username)s created; a link to set the password went to the address "
                                        "on record.") % {"username": user.get_username()})
            return redirect("account-user", pk=user.pk)
    q, role, status = (request.GET.get(k, "") for k in ("q", "role", "status"))
    page = Paginator(users_for_management(q=q, role=role, status=status), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/users.html", {
        "form": form, "error": error, "page": page, "rows": [account_row(u) for u in page],
        "q": q, "role": role, "status": status, "roles": Role.choices})


@login_required
def user_page(request, pk: int):
    _require_administrator(request.user)
    user = get_object_or_404(User.objects.select_related("profile__employee"), pk=pk)
    error = ""
    if request.method == "POST":
        action, reason = request.POST.get("action", ""), request.POST.get("reason", "")
        try:
            if action == "role":
                account_update(actor=request.user, user=user, role=request.POST.get("role"),
                               unit_codes=_codes(request.POST.get("units", "")), nip=request.POST.get("nip") or None)
            elif action == "deactivate":
                user_deactivate(actor=request.user, user=user, reason=reason)
            elif action == "reactivate":
                user_reactivate(actor=request.user, user=user, reason=reason)
            elif action == "replace":
                who = request.POST.get("replacement", "").strip()
                replacement = User.objects.filter(username=who).first()
                if replacement is None:
                    raise Refused(_("No login is named %(username)s.") % {"username": repr(who)})
                fasilitator_replace(actor=request.user, user=user, replacement=replacement, reason=reason)
            elif action == "password_link":
                if not password_link_send(actor=request.user, user=user):
                    raise Refused(_("This login has no email address on record (or is deactivated): no link was "
                                    "sent."))
            elif action == "otp_reset":
                totp_remove(actor=request.user, user=user)
        except Refused as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Saved."))
            return redirect("account-user", pk=user.pk)
    return render(request, "accounts/user.html", {
        "target": user, "row": account_row(User.objects.select_related("profile__employee").get(pk=user.pk)),
        "error": error, "roles": Role.choices, "units": Unit.objects.select_related("agency")})


# --- Administrators: the access review -------------------------------------------------------------

@login_required
def access_review_page(request):
    _require_administrator(request.user)
    error = ""
    if request.method == "POST":
        try:
            access_review_sign(actor=request.user, note=request.POST.get("note", ""))
        except Refused as refusal:
            error = refusal.message
        else:
            messages.success(request, _("The access review is signed off."))
            return redirect("access-review")
    if request.GET.get("format") == "csv":
        response = HttpResponse(access_review_csv(access_review_rows()), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="access-review-current.csv"'
        return response
    rows = access_review_rows()
    return render(request, "accounts/access_review.html", {
        "rows": rows, "unused_count": sum(1 for r in rows if r["unused"]), "error": error,
        "last": access_review_last(), "due_at": access_review_due_at()})
