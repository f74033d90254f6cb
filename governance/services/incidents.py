"""The incident register (Pasal 31): record and classify a security incident, notify the administrators and
the Diskominfo contact (DISKOMINFO_EMAIL) by email after commit, link the audit entries that show it, and
close it with the lessons learned."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.enqueue import enqueue
from archive.models import AuditEvent
from archive.services.audit import audit_record
from notifications.services.notifications import administrators, notification_send
from governance.models import Incident
from governance.services.errors import GovernanceRefused


def incident_record(*, actor, title: str, description: str, category: str, severity: str,
                    occurred_at: dt.datetime, audit_event_ids: list[int] = ()) -> Incident:
    title, description = " ".join((title or "").split()), (description or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("must be filled in")
    if not description:
        errors["description"] = _("must be filled in")
    if category not in Incident.Category.values:
        errors["category"] = _("not valid")
    if severity not in Incident.Severity.values:
        errors["severity"] = _("not valid")
    if errors:
        raise GovernanceRefused(_("Describe and classify the incident."), errors=errors)
    events = list(AuditEvent.objects.filter(pk__in=list(audit_event_ids)))
    with transaction.atomic():
        incident = Incident.objects.create(title=title, description=description, category=category,
                                           severity=severity, occurred_at=occurred_at, reported_by=actor,
                                           diskominfo_notified_to=settings.DISKOMINFO_EMAIL)
        incident.audit_events.set(events)
        record = audit_record(actor=actor, action="incident.record", target=f"incident:{incident.pk}",
                              details={"title": title, "category": category, "severity": severity,
                                       "linked": [e.pk for e in events]})
        incident.audit_events.add(record)
        notification_send(recipients=administrators(), kind="incident",
                          message=_("Security incident recorded: %(title)s (%(severity)s)") % {
                              "title": title, "severity": incident.get_severity_display()},
                          target=f"incident:{incident.pk}")
        if settings.DISKOMINFO_EMAIL:
            transaction.on_commit(lambda: _enqueue_report(incident.pk))
    return incident


def _enqueue_report(incident_id: int) -> None:
    enqueue("governance.tasks.report_incident_to_diskominfo", incident_id, what=f"Diskominfo report of incident {incident_id}")


def incident_report_deliver(incident_id: int) -> bool:
    """Email the incident to the Diskominfo contact (called by the task; raises so it retries)."""
    from notifications.mail import mail_send

    incident = Incident.objects.get(pk=incident_id)
    to = incident.diskominfo_notified_to
    if not to:
        return False
    body = "\n".join([
        _("Security incident in Berkas ASN (Pergub Jatim 73/2020 Pasal 31)."), "",
        f"{_('Title')}: {incident.title}", f"{_('Category')}: {incident.get_category_display()}",
        f"{_('Severity')}: {incident.get_severity_display()}",
        f"{_('Occurred')}: {timezone.localtime(incident.occurred_at):%Y-%m-%d %H:%M} WIB", "",
        incident.description, "", f"{settings.PUBLIC_BASE_URL}/tata-kelola/insiden/"])
    mail_send(to=to, subject=_("Security incident: %(title)s") % {"title": incident.title}, body=body)
    audit_record(actor=None, action="incident.report", target=f"incident:{incident.pk}", details={"to": to})
    return True


def incident_close(*, actor, incident: Incident, lessons: str) -> Incident:
    lessons = (lessons or "").strip()
    if not lessons:
        raise GovernanceRefused(_("Write down the lessons learned."), errors={"lessons": _("must be filled in")})
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if incident.status == Incident.Status.CLOSED:
            raise GovernanceRefused(_("The incident is closed already."), code="conflict")
        incident.status, incident.lessons = Incident.Status.CLOSED, lessons
        incident.closed_by, incident.closed_at = actor, timezone.now()
        incident.save(update_fields=["status", "lessons", "closed_by", "closed_at"])
        incident.audit_events.add(audit_record(actor=actor, action="incident.close", target=f"incident:{incident.pk}",
                                               details={"lessons": lessons}))
    return incident
