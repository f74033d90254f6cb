"""The staff view of one document: every version with its processing log, the decisions, and for
administrators the audit trail of that document; a fasilitator of another unit gets 404."""
import pytest

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(users, upload, letter, client):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    first = upload(users["pegawai"], letter(dewi, "KTP"), nip=dewi.nip, document_type="ktp").json()["id"]
    client.force_login(users["fasilitator"])
    client.post(f"/verifikasi/{first}/", {"decision": "rejected", "reason": "rescan"})
    assert upload(users["pegawai"], letter(dewi, "KTP"), nip=dewi.nip, document_type="ktp").json()["id"] == first
    return first


def test_administrator_sees_versions_processing_log_and_audit_trail(client, users, two_versions):
    client.force_login(users["admin"])
    page = client.get(f"/dokumen/{two_versions}/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Versi 2" in page and "Versi 1" in page
    assert 'data-step="ocr"' in page and 'data-step="cross_check"' in page and 'data-step="finish"' in page
    assert "Ditolak" in page and "Pindaian tidak terbaca dengan jelas" in page  # the decision and its reason
    assert 'id="audit"' in page
    assert 'data-action="document.upload"' in page and 'data-action="document.rejected"' in page


def test_fasilitator_sees_no_audit_trail_and_another_unit_gets_404(client, users, make_user, two_versions):
    client.force_login(users["fasilitator"])
    page = client.get(f"/dokumen/{two_versions}/").content.decode()
    assert 'data-step="ocr"' in page and 'id="audit"' not in page
    client.force_login(make_user("fas-kominfo", "fasilitator", units=["KOMINFO-APT"]))
    assert client.get(f"/dokumen/{two_versions}/").status_code == 404


def test_the_employee_keeps_their_own_page(client, users, two_versions):
    client.force_login(users["pegawai"])
    page = client.get(f"/dokumen/{two_versions}/").content.decode()
    assert 'data-step="ocr"' not in page and 'id="audit"' not in page
