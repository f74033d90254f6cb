"""The user's own email and phone: only the user changes them, and a change takes effect when the link
sent to confirm it is opened — for an email, at the new address (and the old address is told); for a
phone, at the email on record (a phone cannot open a link; with no email on record it applies at once).

Managers never reach this: people.services.employees.employee_contact_update refuses them (403, audited)."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import ContactChange
from archive.enqueue import enqueue
from archive.services.audit import audit_record
from archive.services.errors import Refused
from notifications.mail import email_address_of, mail_send

class ContactRefused(Refused):
    pass


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _current(user, employee, field: str) -> str:
    if employee is not None:
        return getattr(employee, field) or ""
    return (user.email or "") if field == "email" else ""


def _apply(change: ContactChange) -> None:
    if change.employee_id is not None:
        employee = change.employee
        setattr(employee, change.field, change.new_value)
        employee.full_clean()
        employee.save(update_fields=[change.field, "updated_at"])
    if change.field == "email" and (change.employee_id is None or change.user.email):
        change.user.email = change.new_value
        change.user.save(update_fields=["email"])


def contact_change_request(*, user, employee=None, **changes) -> list[ContactChange]:
    """The user's own change of `email` and/or `phone`; returns the changes waiting for their link
    (those applied at once are not returned). The caller has checked that `employee` is the user's own."""
    made = []
    with transaction.atomic():
        for field, value in changes.items():
            value = (value or "").strip()
            old = _current(user, employee, field)
            if value == old:
                continue
            if field == "phone" and employee is None:
                raise ContactRefused(_("Only an employee's record has a phone number."), errors={"phone": _("none")})
            if field == "email" and not value:
                raise ContactRefused(_("The email address cannot be removed, only changed: it is where a reset "
                                       "link goes."), errors={"email": _("must be filled in")})
            send_to = value if field == "email" else email_address_of(user)
            ContactChange.objects.filter(user=user, field=field, confirmed_at__isnull=True,
                                         cancelled_at__isnull=True).update(cancelled_at=timezone.now())
            change = ContactChange.objects.create(
                user=user, employee=employee, field=field, old_value=old, new_value=value, sent_to=send_to,
                token_hash=_hash(secrets.token_urlsafe(32)),  # no key yet: the email gets one (below)
                expires_at=timezone.now() + dt.timedelta(hours=settings.CONTACT_CHANGE_HOURS))
            if not send_to:  # a phone change with no email on record: nothing to confirm with
                _confirm(change, via="no_email_on_record")
                continue
            audit_record(actor=user, action="contact.change_requested", target=user.get_username(),
                         details={"field": field, "change": change.pk})
            transaction.on_commit(lambda pk=change.pk: enqueue(
                "accounts.tasks.send_contact_change_email", pk, "confirm", what=f"contact change confirmation {pk}"))
            if field == "email" and old:
                transaction.on_commit(lambda pk=change.pk: enqueue(
                    "accounts.tasks.send_contact_change_email", pk, "notice_old", what=f"contact change notice {pk}"))
            made.append(change)
    return made


def contact_change_link(key: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}{reverse('contact-confirm', kwargs={'key': key})}"


def contact_change_email_send(change_id: int, kind: str) -> None:
    """The confirmation link (to `sent_to`) or the notice to the old address. The link's key is made here and
    exists only in the email (its hash is stored); a retried send makes a new one, and the older link stops."""
    change = ContactChange.objects.select_related("user").filter(pk=change_id).first()
    if change is None or change.confirmed_at or change.cancelled_at:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"change": change, "field": change.get_field_display().lower(),
                   "hours": settings.CONTACT_CHANGE_HOURS}
        if kind == "confirm":
            key = secrets.token_urlsafe(32)
            ContactChange.objects.filter(pk=change.pk).update(token_hash=_hash(key))
            context["link"] = contact_change_link(key)
            to = change.sent_to
            subject = _("Confirm the change of your %(field)s") % {"field": context["field"]}
            body = render_to_string("accounts/email/contact_confirm.txt", context)
        else:
            to = change.old_value
            subject = _("Your email address in Berkas ASN is being changed")
            body = render_to_string("accounts/email/contact_notice.txt", context)
    mail_send(to=to, subject=subject, body=body)


def contact_change_pending(key: str) -> ContactChange | None:
    change = ContactChange.objects.select_related("user", "employee").filter(token_hash=_hash(key or "")).first()
    if change is None or change.confirmed_at or change.cancelled_at or change.expires_at <= timezone.now():
        return None
    return change


def contact_change_confirm(*, key: str) -> ContactChange:
    with transaction.atomic():
        change = contact_change_pending(key)
        if change is None:
            raise ContactRefused(_("This confirmation link is not valid any more (used, replaced or expired). "
                                   "Ask for the change again."), code="invalid")
        change = (ContactChange.objects.select_for_update(no_key=True, of=("self",))
                  .select_related("user", "employee").get(pk=change.pk))
        return _confirm(change, via="link")


def _confirm(change: ContactChange, *, via: str) -> ContactChange:
    _apply(change)
    change.confirmed_at = timezone.now()
    change.save(update_fields=["confirmed_at"])
    audit_record(actor=change.user, action="contact.change", target=change.user.get_username(),
                 details={"field": change.field, "before": change.old_value, "after": change.new_value, "via": via})
    return change
