"""Weekly digests: each user hears, once a week, what is due and what waits for them.

    employee      their own due items and the gaps in their file
    fasilitator   their units: scans awaiting verification, requests awaiting the agency step, due items
    administrator the province: requests awaiting BKD, drafts, due items by kind

Sent as a notification (and emailed, kind `digest.weekly`); one per user and ISO week, recorded in
DigestSent, so a scheduler that fires twice (or a restart) never sends it twice.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.selectors import access_review_reminder
from desk.models import ServiceRequest
from documents.models import DocumentStatus
from issuing.models import IssueDraft
from notifications.models import DigestSent
from people.models import Role
from archive.selectors import documents_visible_to, user_role
from people.selectors_due import due_items

# Stored in Indonesian, like every notification (read by people and emailed as is).
KIND_WORDS = {"gaji_berkala": "kenaikan gaji berkala", "kenaikan_pangkat": "kenaikan pangkat",
              "pensiun": "pensiun (BUP)", "pengangkatan_pns": "pengangkatan CPNS menjadi PNS",
              "perpanjangan_pppk": "perpanjangan perjanjian kerja PPPK", "incomplete_file": "berkas belum lengkap"}
WITHIN_DAYS = 60


def week_of(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def digest_text(user, today: dt.date) -> str | None:
    """The digest's words for one user, or None when there is nothing to say."""
    role = user_role(user)
    items = due_items(user, within_days=WITHIN_DAYS, today=today)
    lines = []
    if role == Role.EMPLOYEE:
        for item in items:
            when = f" ({'terlambat, ' if item.overdue else ''}{item.due_on:%d-%m-%Y})" if item.due_on else ""
            lines.append(f"- {KIND_WORDS[item.kind].capitalize()}{when}: {item.detail}")
    else:
        waiting = documents_visible_to(user).filter(status=DocumentStatus.AWAITING_VERIFICATION).count()
        if role == Role.FASILITATOR:
            step = ServiceRequest.objects.filter(status=ServiceRequest.Status.SUBMITTED,
                                                 employee__unit__in=user.profile.units.all()).count()
            if waiting:
                lines.append(f"- {waiting} pindaian menunggu verifikasi")
            if step:
                lines.append(f"- {step} permohonan layanan menunggu verifikasi instansi")
        elif role == Role.ADMINISTRATOR:
            bkd = ServiceRequest.objects.filter(status=ServiceRequest.Status.FORWARDED).count()
            drafts = IssueDraft.objects.filter(status=IssueDraft.Status.DRAFT).count()
            if bkd:
                lines.append(f"- {bkd} permohonan layanan menunggu keputusan BKD")
            if drafts:
                lines.append(f"- {drafts} draf dokumen menunggu diterbitkan")
            if (review := access_review_reminder()) is not None:
                since = (f"jatuh tempo sejak {timezone.localtime(review['due_at']):%d-%m-%Y}" if review["due_at"]
                         else "belum pernah dilakukan")
                lines.append(f"- Tinjauan akses akun {since}; {review['unused']} akun aktif lama tidak dipakai")
        for kind, count in sorted(Counter(item.kind for item in items).items()):
            lines.append(f"- {count} pegawai: {KIND_WORDS[kind]}")
    if not lines:
        return None
    return (f"Ringkasan mingguan {today:%d-%m-%Y} (jatuh tempo dalam {WITHIN_DAYS} hari dan yang terlambat):\n"
            + "\n".join(lines))


def digests_send(*, today: dt.date | None = None) -> int:
    """Send this week's digest to every active user who has something to hear; returns how many were sent."""
    from notifications.services.notifications import notification_send

    today = today or timezone.localdate()
    period = week_of(today)
    sent = 0
    done = set(DigestSent.objects.filter(period=period).values_list("recipient_id", flat=True))
    for user in get_user_model().objects.filter(is_active=True, profile__isnull=False).exclude(pk__in=done):
        text = digest_text(user, today)
        if text is None:
            continue
        try:
            with transaction.atomic():
                record = DigestSent.objects.create(recipient=user, period=period)
                [notification] = notification_send(recipients=[user], kind="digest.weekly", message=text,
                                                   target="due:")
                record.notification = notification
                record.save(update_fields=["notification"])
        except IntegrityError:  # another run sent it meanwhile
            continue
        sent += 1
    return sent
