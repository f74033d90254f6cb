"""Document numbers: reserved before signing, so no database lock is held while the TSA answers.

    number_reserve            short transaction: take the next number(s) and keep a reservation row
    (signing: no transaction; see issuing.services.issuing)
    number_reservation_issued in the record transaction: the reservation names its document
    number_reservation_void   signing failed, or the record step refused: the number stays unused,
                              with the reason, for administrators to see (a gap explained)
    number_reservations_void_stale  a process that died between reserving and recording left its
                              reservation open: after RESERVATION_TIMEOUT it is marked void too

A number is taken exactly once (an UPSERT on the template's sequence row, committed at once); a
reservation ends issued or void, never reused, so a crash leaves a recorded gap, never a duplicate.
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from issuing.models import IssuedDocument, NumberReservation
from archive.services.audit import audit_record
from archive.services.errors import Refused

# Register classification codes (kode klasifikasi arsip) by template, for the number.
CLASSIFICATION = {"sk_kenaikan_pangkat": "823.3", "kgb": "822.4", "izin_belajar": "893.3", "izin_cuti": "851",
                  "teguran_tertulis": "862.1", "kartu_pegawai": "871.1", "karis_karsu": "871.2",
                  "laporan_triwulan": "800.2", "sk_mutasi": "824", "sk_pns": "813.3", "sk_pensiun": "882",
                  "sk_hukuman_disiplin": "862.3", "surat_izin_perceraian": "474.2", "sk_tugas_belajar": "893.4",
                  "surat_usul": "800.1"}


def format_number(template: str, sequence: int, year: int) -> str:
    return f"{CLASSIFICATION.get(template, '800')}/{sequence:04d}/BKD/{year}"


def next_numbers(template: str, year: int, count: int = 1) -> list[str]:
    """`count` consecutive numbers of the template's register for `year`: one UPSERT ... RETURNING,
    atomic under concurrent issuing. Run it in a short transaction: the sequence row stays locked
    until that transaction ends."""
    table = "archive_documentnumbersequence"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (template, year, last_number) VALUES (%s, %s, %s) "
            f"ON CONFLICT (template, year) DO UPDATE SET last_number = {table}.last_number + EXCLUDED.last_number "
            "RETURNING last_number", [template, year, count])
        last = cursor.fetchone()[0]
    return [format_number(template, sequence, year) for sequence in range(last - count + 1, last + 1)]


def next_number(template: str, year: int) -> str:
    return next_numbers(template, year)[0]


def number_reserve(*, template: str, year: int, actor, count: int = 1, purpose: str = "") -> list[NumberReservation]:
    """Take `count` numbers and keep a reservation for each, committed before anything is signed.
    A second open reservation for the same `purpose` (one request approved twice at once) is refused."""
    try:
        with transaction.atomic():
            numbers = next_numbers(template, year, count)
            return NumberReservation.objects.bulk_create([
                NumberReservation(template=template, year=year, number=number, purpose=purpose, reserved_by=actor)
                for number in numbers])
    except IntegrityError:
        if purpose and NumberReservation.objects.filter(purpose=purpose,
                                                        status=NumberReservation.Status.RESERVED).exists():
            raise Refused(_("This is already being issued by someone else; reload the page in a moment."),
                          code="conflict") from None
        raise


def number_reservation_issued(*, reservation: NumberReservation, issued: IssuedDocument) -> None:
    """In the record transaction: the reservation, locked, must still be open (a stale sweep may
    have voided it while signing took too long); it now names its document."""
    from issuing.errors import IssuingRefused

    # One conditional UPDATE: it waits for a sweep holding the row, then sees its outcome.
    if NumberReservation.objects.filter(pk=reservation.pk, status=NumberReservation.Status.RESERVED).update(
            status=NumberReservation.Status.ISSUED, issued_document_id=issued.pk):
        return
    voided = NumberReservation.objects.get(pk=reservation.pk)
    raise IssuingRefused(_("Number %(number)s was voided before the document was recorded (%(reason)s); "
                           "issue it again for a new number.") % {"number": voided.number,
                                                                  "reason": voided.void_reason})


def number_reservation_void(*, reservation: NumberReservation, reason: str, discarded_object_key: str = "",
                            actor=None) -> bool:
    """Mark an open reservation void with the reason (its own short transaction). False when it was
    no longer open (issued, or voided already)."""
    with transaction.atomic():
        locked = NumberReservation.objects.select_for_update(no_key=True).get(pk=reservation.pk)
        if locked.status != NumberReservation.Status.RESERVED:
            return False
        locked.status, locked.voided_at = NumberReservation.Status.VOID, timezone.now()
        locked.void_reason = (reason.strip() or _("not recorded"))[:2000]
        locked.discarded_object_key = discarded_object_key
        locked.save(update_fields=["status", "voided_at", "void_reason", "discarded_object_key"])
        audit_record(actor=actor or locked.reserved_by, action="number.void", target=f"number:{locked.number}",
                     details={"template": locked.template, "reason": locked.void_reason,
                              "purpose": locked.purpose, "discarded_object_key": discarded_object_key})
    return True


def number_reservation_void_quietly(*, reservation: NumberReservation | None, reason: str,
                                   discarded_object_key: str = "") -> None:
    """Void on the way out of a failure: if even that fails (the database is gone), the reservation
    stays open and number_reservations_void_stale records the gap later."""
    if reservation is None:
        return
    try:
        number_reservation_void(reservation=reservation, reason=reason, discarded_object_key=discarded_object_key)
    except Exception:  # noqa: BLE001 - the original failure is what the caller raises
        import logging

        logging.getLogger(__name__).exception("could not void reservation %s", reservation.number)


def number_reservations_void_stale(*, older_than: dt.timedelta | None = None, now: dt.datetime | None = None) -> int:
    """Void the reservations still open after `older_than` (default RESERVATION_TIMEOUT_SECONDS): the
    process that took them stopped between reserving and recording. Returns how many."""
    older_than = older_than if older_than is not None else dt.timedelta(seconds=settings.RESERVATION_TIMEOUT_SECONDS)
    cutoff = (now or timezone.now()) - older_than
    voided = 0
    for reservation in NumberReservation.objects.filter(status=NumberReservation.Status.RESERVED,
                                                        reserved_at__lte=cutoff).order_by("pk"):
        voided += number_reservation_void(reservation=reservation, reason=_(
            "not recorded within %(minutes)s minutes of reserving: the issuing process stopped "
            "(a crash or a restart) before the document was recorded") % {
                "minutes": max(1, round(older_than.total_seconds() / 60))})
    return voided
