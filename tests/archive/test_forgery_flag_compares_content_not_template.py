"""A possible forgery is the same document's content on two employees, not two documents from one
template: two employees' decrees from the same template (same letterhead, layout and wording, a
picture hash a few bits apart) raise no flag; the same decree, scanned again, under another
employee does, on both sides.  The flag names the other employee (NIP) only to an administrator;
everyone else reads "dokumen serupa pada pegawai lain"."""
import re

import imagehash
import pytest

from documents.models import DocumentVersion
from people.models import Unit
from documents.previews import first_page_image, perceptual_hash
from people.services.employees import employee_create
from tests.support.letters import decree_scan

pytestmark = pytest.mark.django_db

SITI = {"nip": "198503142010012003", "nama": "Siti Rahmawati", "nomor": "800/1234/204/2026"}
BUDI = {"nip": "199001012015031002", "nama": "Budi Santoso", "nomor": "800/5678/204/2026"}


@pytest.fixture
def employees(demo):
    home = Unit.objects.get(code="DINKES-YANKES")  # the demo fasilitator's unit
    elsewhere = Unit.objects.exclude(agency=home.agency).order_by("code").first()  # outside their scope
    return (employee_create(nip=SITI["nip"], nama=SITI["nama"], unit=elsewhere),
            employee_create(nip=BUDI["nip"], nama=BUDI["nama"], unit=home))


def _flags(response):
    assert response.status_code == 201, response.content
    return DocumentVersion.objects.get(document_id=response.json()["id"]).flags


def test_two_employees_decrees_from_one_template_raise_no_flag(users, upload, employees):
    siti, budi = employees
    siti_scan, budi_scan = decree_scan(**SITI), decree_scan(**BUDI)
    hashes = [imagehash.hex_to_hash(perceptual_hash(first_page_image(s, "image/jpeg"))) for s in (siti_scan, budi_scan)]
    assert hashes[0] - hashes[1] <= 4  # the template: a page hash can hardly tell them apart
    assert _flags(upload(users["admin"], siti_scan, nip=siti.nip, document_type="sk_pns", filename="a.jpg")) == []
    assert _flags(upload(users["admin"], budi_scan, nip=budi.nip, document_type="sk_pns", filename="b.jpg")) == []


def test_the_same_decree_under_two_employees_is_flagged_on_both(users, upload, employees, api_client_for, client):
    siti, budi = employees
    r1 = upload(users["admin"], decree_scan(**SITI), nip=siti.nip, document_type="sk_pns", filename="a.jpg")
    again = decree_scan(**SITI, quality=60)  # scanned again: other bytes, the same decree
    r2 = upload(users["admin"], again, nip=budi.nip, document_type="sk_pns", filename="b.jpg")
    flags = _flags(r2)
    assert [(f["code"], f["other_employee"], f["same_bytes"]) for f in flags] == [("possible_forgery", siti.nip, False)]
    assert [f["other_employee"] for f in _flags(r1)] == [budi.nip]

    # the fasilitator of Budi's unit sees that a similar document exists, not whose it is
    seen = api_client_for(users["fasilitator"]).get(f"/api/v1/documents/{r2.json()['id']}/").json()
    assert seen["flags"] == [{"code": "possible_forgery", "same_bytes": False,
                              "detail": "dokumen serupa pada pegawai lain"}]
    assert all("other_employee" not in f for v in seen["versions"] for f in v["flags"])
    queue = api_client_for(users["fasilitator"]).get("/api/v1/verification-queue/").json()["results"]
    forgery = [f for item in queue for f in item["flags"] if f["code"] == "possible_forgery"]
    assert forgery == [{"code": "possible_forgery", "same_bytes": False, "detail": "dokumen serupa pada pegawai lain"}]
    client.force_login(users["fasilitator"])
    page = client.get(f"/verifikasi/{r2.json()['id']}/", HTTP_ACCEPT_LANGUAGE="id")
    assert page.status_code == 200
    flag = re.search(r'<p class="flag flag-possible_forgery">(.*?)</p>', page.content.decode(), re.S).group(1)
    assert "dokumen serupa pada pegawai lain" in flag.lower() and siti.nip not in flag and "href" not in flag
    # the administrator can follow it
    admin_view = api_client_for(users["admin"]).get(f"/api/v1/documents/{r2.json()['id']}/").json()
    assert admin_view["flags"][0]["other_employee"] == siti.nip
    assert admin_view["flags"][0]["other_document"] == r1.json()["id"]
