"""A missing or malformed field answers 400 naming it, and no number is used up."""
import pytest

from issuing.models import DocumentNumberSequence, IssuedDocument

pytestmark = pytest.mark.django_db


def test_templates_are_listed_with_their_fields(api_client_for, users):
    templates = {t["code"]: t for t in api_client_for(users["admin"]).get("/api/v1/templates/").json()}
    assert set(templates) >= {"sk_kenaikan_pangkat", "kgb", "izin_belajar", "izin_cuti", "teguran_tertulis",
                              "kartu_pegawai", "karis_karsu"}
    fields = {f["name"]: f for f in templates["sk_kenaikan_pangkat"]["fields"]}
    assert set(fields) == {"pangkat_baru", "tmt", "jenis_kenaikan"}
    assert fields["jenis_kenaikan"]["required"] is False and "Penyesuaian Ijazah" in fields["jenis_kenaikan"]["choices"]


@pytest.mark.parametrize("fields, bad", [
    ({"tmt": "2026-04-01"}, "pangkat_baru"),
    ({"pangkat_baru": "Penata, III/c", "tmt": "1 April"}, "tmt"),
    ({"pangkat_baru": "Raja, VI/z", "tmt": "2026-04-01"}, "pangkat_baru"),
])
def test_bad_field_is_named(issue, fields, bad):
    response = issue(fields=fields)
    assert response.status_code == 400
    body = response.json()
    assert bad in body["errors"] and bad in body["detail"]
    assert not IssuedDocument.objects.exists() and not DocumentNumberSequence.objects.exists()


def test_unknown_template_and_employee(issue):
    assert issue(template="sk_jadi_gubernur").status_code == 400
    assert issue(nip="199001012015011001").status_code == 400
