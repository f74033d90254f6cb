"""Password reset by a one-time link sent to the email on record (issue 10).

    request:  a username, NIP or email address -> recorded, and handed to a task (after commit) -> the
              caller is told the same thing, after the same work, whether or not anything matched (no user
              enumeration, by the page or by its timing)
    dispatch: (the task) the matching active logins -> for each one with an address on record, a reset
              email is queued
    email:    Django's token generator (valid PASSWORD_RESET_TIMEOUT seconds, spent once the password
              changes) -> a link to the confirm page -> the address on the employee record (never the
              address typed in the form)
    confirm:  Django's PasswordResetConfirmView: the password policy applies; the change is audited.

Lockout is not lifted by a reset: a locked account opens when its lock expires.
Every request and every reset is in the audit log; at most PASSWORD_RESET_MAX_PER_HOUR emails
per account per hour, so the form cannot be used to flood someone's mailbox, and at most
PASSWORD_RESET_ADDRESS_MAX_PER_HOUR requests per client address per hour are taken (past it, one
`limited` entry an hour and nothing else is written or queued: the form cannot fill the audit log).
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from archive.enqueue import enqueue
from archive.models import AuditEvent
from accounts.services.logins import client_ip
from archive.services.audit import audit_record
from notifications.mail import email_address_of, mail_send
from ocr.nip import normalize_nip

REQUESTED = "auth.password_reset_request"
MATCHED = "auth.password_reset_matched"
LIMITED = "auth.password_reset_limited"
SENT = "auth.password_reset_sent"
DONE = "auth.password_reset"


def _accounts_matching(identifier: str) -> list:
    User = get_user_model()
    if "@" in identifier:
        match = Q(email__iexact=identifier) | Q(profile__employee__email__iexact=identifier)
    else:
        match = Q(username__iexact=identifier)
        nip = normalize_nip(identifier)
        if nip.isdigit() and len(nip) == 18:
            match |= Q(profile__employee__nip=nip)
    users = User.objects.filter(match, is_active=True).select_related("profile__employee").distinct()
    return [user for user in users if user.has_usable_password()]


def _sent_within_the_hour(user) -> int:
    since = timezone.now() - dt.timedelta(hours=1)
    return AuditEvent.objects.filter(action=SENT, target=user.get_username(), at__gte=since).count()


def password_reset_request(*, identifier: str, request=None) -> None:
    """Record the request and queue its dispatch. The same queries run whatever `identifier` names, so
    neither the page nor its timing says whether an account matched (issue 22)."""
    identifier = " ".join((identifier or "").split())[:254]
    ip = client_ip(request)
    since = timezone.now() - dt.timedelta(hours=1)
    with transaction.atomic():
        # an administrator's "send a reset link" (no request) is not limited by address
        recent = AuditEvent.objects.filter(action=REQUESTED, details__ip=ip, at__gte=since).count() if request else 0
        if recent >= settings.PASSWORD_RESET_ADDRESS_MAX_PER_HOUR:
            if not AuditEvent.objects.filter(action=LIMITED, details__ip=ip, at__gte=since).exists():
                audit_record(actor=None, action=LIMITED, target=ip, details={"ip": ip, "requests": recent})
            return
        audit_record(actor=None, action=REQUESTED, target=identifier, details={"ip": ip})
        if identifier:
            transaction.on_commit(lambda: enqueue("accounts.tasks.dispatch_password_reset", identifier, ip,
                                                  what="a password reset request"))


def password_reset_dispatch(identifier: str, ip: str) -> None:
    """(The task.) Queue a reset email to every account `identifier` names that has an address on record."""
    with transaction.atomic():
        matched, queued = _accounts_matching(identifier), []
        for user in matched:
            if not email_address_of(user):
                audit_record(actor=None, action=SENT, target=user.get_username(),
                             details={"ip": ip, "sent": False, "why": "no email address on record"})
                continue
            if _sent_within_the_hour(user) >= settings.PASSWORD_RESET_MAX_PER_HOUR:
                audit_record(actor=None, action=SENT, target=user.get_username(),
                             details={"ip": ip, "sent": False, "why": "hourly limit reached"})
                continue
            audit_record(actor=None, action=SENT, target=user.get_username(), details={"ip": ip, "sent": True})
            queued.append(user.pk)
        audit_record(actor=None, action=MATCHED, target=identifier,
                     details={"ip": ip, "accounts": [u.get_username() for u in matched], "queued": len(queued)})
        for user_id in queued:
            transaction.on_commit(lambda user_id=user_id: enqueue("accounts.tasks.send_password_reset_email", user_id, what=f"password reset email for user {user_id}"))


def password_reset_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.PUBLIC_BASE_URL}{path}"


def password_reset_email_send(user_id: int) -> None:
    """Build a fresh link and mail it to the address on record (called by the task; raises on SMTP failure)."""
    user = get_user_model().objects.select_related("profile__employee").filter(pk=user_id, is_active=True).first()
    address = email_address_of(user) if user is not None else ""
    if not address or not user.has_usable_password():
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"user": user, "link": password_reset_link(user),
                   "hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)}
        subject = render_to_string("registration/password_reset_subject.txt", context).strip()
        body = render_to_string("registration/password_reset_email.txt", context)
    mail_send(to=address, subject=subject, body=body)


def password_reset_completed(*, user, request=None) -> None:
    """After the new password is set: every API token of the user stops (they also stop by the changed
    password's session hash; revoking says so in the token list), and the audit records it."""
    from accounts.services.tokens import api_tokens_revoke

    revoked = api_tokens_revoke(user=user, reason="password_reset")
    audit_record(actor=user, action=DONE, target=user.get_username(),
                 details={"ip": client_ip(request), "tokens_revoked": revoked})
