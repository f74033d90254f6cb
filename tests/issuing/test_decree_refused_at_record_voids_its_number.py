"""The domain rules run again on the locked employee when the signed decree is recorded: a
promotion signed while another promotion of the same employee landed is refused there, its number
voided with the refusal, and its signed PDF discarded (named on the void number, never current)."""
import threading

import pytest
from django.db import connection

from issuing.models import IssuedDocument, NumberReservation
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from issuing.errors import IssuingRefused
from issuing.services.issuing import issued_document_issue

pytestmark = pytest.mark.django_db(transaction=True)

PROMOTION = {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}


def test_promotion_overtaken_while_signing_is_refused_and_its_number_voided(demo, users, hanging_tsa):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is proven on PostgreSQL")
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    admin = users["admin"]
    issued_document_issue(actor=admin, template="teguran_tertulis", employee=dewi,  # warm the signing session
                          fields={"alasan": "Terlambat masuk kerja berulang kali."})
    outcome = {}

    def promote():
        try:
            outcome["issued"] = issued_document_issue(actor=admin, template="sk_kenaikan_pangkat", employee=dewi,
                                                      fields=PROMOTION)
        except Exception as exc:  # reported below
            outcome["error"] = exc
        finally:
            connection.close()

    hanging_tsa.hang_next()
    slow = threading.Thread(target=promote)
    slow.start()
    try:
        assert hanging_tsa.holding.wait(timeout=60)
        # meanwhile the same promotion is issued and recorded (the first one waits at the TSA)
        landed = issued_document_issue(actor=admin, template="sk_kenaikan_pangkat", employee=dewi, fields=PROMOTION)
    finally:
        hanging_tsa.release(refuse=False)  # the slow TSA answers after all: the decree gets signed
        slow.join(timeout=120)

    refusal = outcome.get("error")
    assert isinstance(refusal, IssuingRefused), outcome
    assert "pangkat_baru" in refusal.errors
    dewi.refresh_from_db()
    assert dewi.golongan == "III/d"
    assert list(IssuedDocument.objects.filter(template="sk_kenaikan_pangkat")) == [landed]
    void = NumberReservation.objects.get(template="sk_kenaikan_pangkat", status=NumberReservation.Status.VOID)
    assert void.number != landed.number and void.issued_document is None
    assert "pangkat_baru" in void.void_reason
    assert void.discarded_object_key.startswith("issued/")  # the signed PDF: stored, named, never current
    assert not IssuedDocument.objects.filter(object_key=void.discarded_object_key).exists()
