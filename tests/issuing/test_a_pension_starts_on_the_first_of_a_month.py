"""A pension decree whose TMT is not the first day of a month is refused before a number is taken,
naming the next first; on the first it is issued."""
import pytest

from archive.services.demo import DEMO_PEGAWAI_NIP
from issuing.models import IssuedDocument
from people.models import Employee

pytestmark = pytest.mark.django_db


def test_a_pension_tmt_must_be_the_first_of_a_month(issue, demo):
    assert Employee.objects.filter(nip=DEMO_PEGAWAI_NIP).exists()
    before = IssuedDocument.objects.count()
    answer = issue(template="sk_pensiun", fields={"jenis_pensiun": "Tidak Cakap Jasmani/Rohani", "tmt": "2026-11-17"})
    assert answer.status_code == 400
    assert "tanggal 1" in answer.json()["errors"]["tmt"] and "2026-12-01" in answer.json()["errors"]["tmt"]
    assert IssuedDocument.objects.count() == before
    assert issue(template="sk_pensiun", fields={"jenis_pensiun": "Tidak Cakap Jasmani/Rohani",
                                                "tmt": "2026-12-01"}).status_code == 201
