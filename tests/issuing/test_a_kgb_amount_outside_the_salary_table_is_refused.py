"""A KGB's new basic salary must lie in the range PP 5/2024 gives the employee's golongan (a digit too
many or too few is refused before signing, naming the range); a PPPK's amount is not checked against
the PNS table."""
import pytest

from archive.services.demo import DEMO_PEGAWAI_NIP
from issuing.models import IssuedDocument
from people.models import Employee
from people.ranks import basic_salary_range

pytestmark = pytest.mark.django_db


@pytest.fixture
def dewi(demo):
    return Employee.objects.get(nip=DEMO_PEGAWAI_NIP)  # III/c, no KGB on the record


def test_a_typo_in_the_amount_is_refused_naming_the_range(issue, dewi):
    for typo in (41234000, 412340):
        answer = issue(template="kgb", fields={"gaji_baru": typo, "tmt": "2026-04-01"})
        assert answer.status_code == 400, answer.json()
        assert answer.json()["errors"]["gaji_baru"] == (
            "gaji pokok golongan III berkisar Rp2.785.700 sampai Rp5.180.700 (PP 5/2024); periksa kembali jumlahnya")
    assert IssuedDocument.objects.count() == 0
    assert issue(template="kgb", fields={"gaji_baru": 4123400, "tmt": "2026-04-01"}).status_code == 201


def test_the_table_covers_every_pns_golongan_and_no_pppk():
    assert basic_salary_range("I/a") == (1_685_700, 2_901_400) and basic_salary_range("IV/e")[1] == 6_373_200
    assert basic_salary_range("IX") is None and basic_salary_range("") is None
