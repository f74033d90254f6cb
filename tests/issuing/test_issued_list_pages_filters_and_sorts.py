"""The issued list is no longer cut at 100: it comes in pages, filtered by employee, template and
status, sorted as chosen; each employee links to their staff page."""
import pytest

from issuing.models import IssuedDocument
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_pages_filters_and_sorts(client, users, issue, settings):
    settings.LIST_PAGE_SIZE = 1
    first = issue().json()["id"]
    second = issue(fields={"pangkat_baru": "Pembina, IV/a", "tmt": "2027-04-01", "jenis_kenaikan": "Pilihan"}).json()["id"]
    client.force_login(users["admin"])
    newest = client.get("/diterbitkan/").content.decode()
    assert f'href="/diterbitkan/{second}/"' in newest and f'href="/diterbitkan/{first}/"' not in newest
    assert "Halaman 1 dari 2" in newest and f'href="/pegawai/{DEMO_PEGAWAI_NIP}/"' in newest
    page_two = client.get("/diterbitkan/?halaman=2").content.decode()
    assert f'href="/diterbitkan/{first}/"' in page_two
    oldest = client.get("/diterbitkan/?urut=terlama").content.decode()
    assert f'href="/diterbitkan/{first}/"' in oldest
    assert IssuedDocument.objects.get(pk=first).status == "current"
    current = client.get(f"/diterbitkan/?status=current&employee={DEMO_PEGAWAI_NIP}").content.decode()
    assert "2 dokumen." in current
    revoked = client.get("/diterbitkan/?status=revoked").content.decode()
    assert "0 dokumen." in revoked and f'href="/diterbitkan/{first}/"' not in revoked
