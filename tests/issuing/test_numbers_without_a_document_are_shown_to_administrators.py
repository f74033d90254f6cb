"""Every gap in a register is explained: a number reserved and then voided is listed, with its
reason, on the administrators' issued-documents page; a fasilitator cannot open the page."""
import pytest
from django.db import IntegrityError

from issuing.models import NumberReservation
from issuing.services.numbering import number_reservation_void, number_reserve

pytestmark = pytest.mark.django_db


def test_void_number_is_listed_with_its_reason(client, users):
    reserved, issuing = number_reserve(template="kgb", year=2026, actor=users["admin"], count=2)
    assert int(issuing.number.split("/")[1]) == int(reserved.number.split("/")[1]) + 1
    assert number_reservation_void(reservation=reserved, reason="TSA tidak menjawab")
    assert not number_reservation_void(reservation=reserved, reason="again")  # once only

    client.force_login(users["admin"])
    page = client.get("/diterbitkan/").content.decode()
    assert reserved.number in page and "TSA tidak menjawab" in page
    assert issuing.number in page  # still being signed: listed as reserved
    client.force_login(users["fasilitator"])
    assert client.get("/diterbitkan/").status_code == 403


def test_one_request_cannot_be_signed_twice_at_once(users):
    from archive.services.errors import Refused

    number_reserve(template="surat_usul", year=2026, actor=users["admin"], purpose="service_request:7")
    with pytest.raises(Refused) as refused:
        number_reserve(template="surat_usul", year=2026, actor=users["admin"], purpose="service_request:7")
    assert refused.value.code == "conflict"
    assert NumberReservation.objects.filter(purpose="service_request:7").count() == 1


def test_a_void_number_needs_its_reason(users):
    (reservation,) = number_reserve(template="kgb", year=2026, actor=users["admin"])
    with pytest.raises(IntegrityError):
        NumberReservation.objects.filter(pk=reservation.pk).update(status="void", void_reason="")
