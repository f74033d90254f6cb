"""Statistics releases (Pasal 18): a dated snapshot is prepared, an administrator approves it (recorded and
audited), and only then do the public statistics serve it. Approving a newer release of the same day
replaces the older (withdrawn, kept)."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.services.audit import audit_record
from governance.models import StatisticsRelease
from governance.services.errors import GovernanceRefused
from reports.statistics import data_state, dimension_values, document_statistics, fine_counts


def statistics_release_prepare(*, actor, as_of: dt.date) -> StatisticsRelease:
    """Compute the snapshot of `as_of` (a day statistics_day accepts) and keep it awaiting approval."""
    values = {name: [list(pair) for pair in pairs] for name, pairs in dimension_values().items()}
    with transaction.atomic():
        release = StatisticsRelease.objects.create(
            as_of=as_of, fingerprint=data_state(as_of), min_cell=settings.STATISTICS_MIN_CELL,
            fine_counts=fine_counts(as_of), dimensions=values, documents=document_statistics(as_of=as_of),
            prepared_by=actor if getattr(actor, "is_authenticated", False) else None)
        audit_record(actor=actor, action="statistics_release.prepare", target=f"statistics_release:{release.pk}",
                     details={"as_of": as_of.isoformat(), "fingerprint": release.fingerprint})
    return release


def statistics_release_approve(*, actor, release: StatisticsRelease, note: str = "") -> StatisticsRelease:
    """The administrator's recommendation: the release becomes what the public API serves for its day."""
    with transaction.atomic():
        release = StatisticsRelease.objects.select_for_update().get(pk=release.pk)
        if release.status != StatisticsRelease.Status.PENDING:
            raise GovernanceRefused(_("Only a release awaiting approval can be approved."), code="conflict")
        replaced = list(StatisticsRelease.objects.select_for_update().filter(
            as_of=release.as_of, status=StatisticsRelease.Status.APPROVED).values_list("pk", flat=True))
        StatisticsRelease.objects.filter(pk__in=replaced).update(
            status=StatisticsRelease.Status.WITHDRAWN, withdrawn_reason=f"replaced by release {release.pk}")
        release.status, release.approved_by, release.approved_at = (StatisticsRelease.Status.APPROVED, actor,
                                                                   timezone.now())
        release.note = " ".join(note.split())
        release.save(update_fields=["status", "approved_by", "approved_at", "note"])
        audit_record(actor=actor, action="statistics_release.approve", target=f"statistics_release:{release.pk}",
                     details={"as_of": release.as_of.isoformat(), "note": release.note, "replaced": replaced})
    return release


def statistics_release_withdraw(*, actor, release: StatisticsRelease, reason: str) -> StatisticsRelease:
    reason = " ".join(reason.split())
    if not reason:
        raise GovernanceRefused(_("Give a reason."), errors={"reason": _("must be filled in")})
    with transaction.atomic():
        release = StatisticsRelease.objects.select_for_update().get(pk=release.pk)
        if release.status == StatisticsRelease.Status.WITHDRAWN:
            raise GovernanceRefused(_("The release is already withdrawn."), code="conflict")
        release.status, release.withdrawn_reason = StatisticsRelease.Status.WITHDRAWN, reason
        release.save(update_fields=["status", "withdrawn_reason"])
        audit_record(actor=actor, action="statistics_release.withdraw", target=f"statistics_release:{release.pk}",
                     details={"reason": reason})
    return release
