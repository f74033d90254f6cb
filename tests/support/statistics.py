"""Publishing statistics in tests: the public API serves only releases an administrator approved
(governance, issue 25), so a test that reads it publishes the day first, from the data as it stands."""
from __future__ import annotations

import datetime as dt


def publish_statistics(day: dt.date | str | None = None):
    """The approved release of `day` (default today) for the data as it stands now: an approved release of
    the same day and data is reused, else one is prepared and approved by an administrator."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from people.models import Role
    from people.services.employees import user_create
    from governance.models import StatisticsRelease
    from governance.services.releases import statistics_release_approve, statistics_release_prepare
    from reports.statistics import data_state

    day = dt.date.fromisoformat(day) if isinstance(day, str) else (day or timezone.localdate())
    current = StatisticsRelease.objects.filter(as_of=day, status="approved", fingerprint=data_state(day)).first()
    if current is not None:
        return current
    admin = (get_user_model().objects.filter(profile__role=Role.ADMINISTRATOR).first()
             or user_create(username="penerbit-statistik", password="Rahasia-Uji-123", role=Role.ADMINISTRATOR))
    release = statistics_release_prepare(actor=admin, as_of=day)
    return statistics_release_approve(actor=admin, release=release, note="rekomendasi administrator")
