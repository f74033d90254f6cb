"""Signing took longer than the stale sweep allows: the sweep voided the number, so recording the
document under it is refused with the reason, and the number stays void (never issued twice)."""
import datetime as dt

import pytest

from issuing.errors import IssuingRefused
from issuing.models import IssuedDocument, NumberReservation
from issuing.services.numbering import number_reservation_issued, number_reservations_void_stale, number_reserve

pytestmark = pytest.mark.django_db


def test_recording_under_a_voided_number_is_refused(users):
    reservation, still_open = number_reserve(template="kgb", year=2026, actor=users["admin"], count=2)
    assert number_reservations_void_stale(older_than=dt.timedelta(0)) == 2
    NumberReservation.objects.filter(pk=still_open.pk).update(status=NumberReservation.Status.RESERVED)

    with pytest.raises(IssuingRefused) as refused:
        number_reservation_issued(reservation=reservation, issued=IssuedDocument())
    assert reservation.number in refused.value.message
    reservation.refresh_from_db()
    assert reservation.status == NumberReservation.Status.VOID and reservation.issued_document_id is None
