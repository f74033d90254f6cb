"""No decree takes effect before the employee was appointed (TMT CPNS: the status history, else the month
in the NIP): a TMT or a first day of leave before it is refused naming it. With no rank on the record, a
regular promotion's four years count from TMT CPNS."""
import pytest

from archive.services.demo import DEMO_PEGAWAI_NIP
from people.models import Employee

pytestmark = pytest.mark.django_db


@pytest.fixture
def dewi(demo):
    return Employee.objects.get(nip=DEMO_PEGAWAI_NIP)  # CPNS from January 2010 (NIP), no rank history


def _errors(api_client_for, users, template, fields):
    answer = api_client_for(users["admin"]).post("/api/v1/issued-documents/preview/", {
        "template": template, "employee": DEMO_PEGAWAI_NIP, "fields": fields}, format="json")
    assert answer.status_code == 400, answer.status_code
    return answer.json()["errors"]


@pytest.mark.parametrize("template,fields,field", [
    ("kgb", {"gaji_baru": 3000000, "tmt": "2009-06-01"}, "tmt"),
    ("izin_cuti", {"jenis_cuti": "Cuti Sakit", "tanggal_mulai": "2009-06-01", "tanggal_selesai": "2009-06-05"},
     "tanggal_mulai"),
    ("sk_mutasi", {"unit_baru": "", "jabatan_baru": "Perawat Ahli Madya", "tmt": "2008-02-01"}, "tmt"),
])
def test_a_decree_dated_before_the_appointment_is_refused(dewi, users, api_client_for, template, fields, field):
    assert _errors(api_client_for, users, template, fields)[field] == "sebelum pegawai diangkat (TMT CPNS 2010-01-01)"


def test_a_first_promotion_counts_four_years_from_tmt_cpns(dewi, users, api_client_for):
    errors = _errors(api_client_for, users, "sk_kenaikan_pangkat",
                     {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2012-01-01"})
    assert "paling cepat 2014-01-01" in errors["tmt"]
