"""Statistics releases (Pasal 18): a dated snapshot is prepared, an administrator approves it (recorded and
audited), and only then do the public statistics serve it. Approving a newer release of the same day
replaces the older (withdrawn, kept). A release is protected against every release approved before it, so
that no two can be differenced to single anyone out (reports.differencing); one approved meanwhile makes
it stale: prepare it again."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.services.audit import audit_record
from governance.models import StatisticsRelease
from governance.services.errors import GovernanceRefused
from governance.selectors import release_cube
from reports.differencing import Earlier, blocks_across_releases, fine_counts_dict
from reports.statistics import (cube_from_fine_counts, data_state, dimension_values, document_statistics,
                                fine_counts)


def statistics_release_prepare(*, actor, as_of: dt.date) -> StatisticsRelease:
    """Compute the snapshot of `as_of` (a day statistics_day accepts), protected within itself and against
    every release approved before (reports.differencing), and keep it awaiting approval."""
    values = {name: [list(pair) for pair in pairs] for name, pairs in dimension_values().items()}
    k, rows = settings.STATISTICS_MIN_CELL, fine_counts(as_of)
    earlier = [Earlier(fine_counts_dict(release.fine_counts), release_cube(release).hidden)
               for release in StatisticsRelease.objects.filter(approved_at__isnull=False).order_by("approved_at")]
    blocks = [[list(cell) for cell in block] for block in blocks_across_releases(fine_counts_dict(rows), earlier, k)]
    cube = cube_from_fine_counts(rows, values=values, as_of=as_of, min_cell=k, blocks=blocks)
    with transaction.atomic():
        release = StatisticsRelease.objects.create(
            as_of=as_of, fingerprint=data_state(as_of), min_cell=k, fine_counts=rows, dimensions=values,
            blocks=blocks, documents=document_statistics(as_of=as_of, cube=cube),
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
        if StatisticsRelease.objects.filter(approved_at__gte=release.prepared_at).exists():
            raise GovernanceRefused(_("Another release was approved after this one was prepared; prepare it again "
                                      "so that it is protected against that one too."), code="conflict")
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
