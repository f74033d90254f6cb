"""The verification queue page comes in pages and sorts as chosen; several clean scans are verified
at once after their thumbnails were checked — only the version shown, never a flagged scan (the NIP
of someone else), each an ordinary audited decision."""
import pytest

from archive.models import AuditEvent
from documents.models import Document
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_pages_sort_and_bulk_verify(client, users, upload, letter, settings):
    settings.LIST_PAGE_SIZE = 2
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)

    def filed(title, document_type, **kwargs):
        response = upload(users["pegawai"], letter(dewi, title, **kwargs), nip=dewi.nip, document_type=document_type)
        assert response.status_code == 201, response.json()
        return response.json()["id"]

    wrong = filed("KARTU TANDA PENDUDUK", "ktp", nip="199001012015031001", nama="Budi Santoso")
    ijazah = filed("IJAZAH SARJANA", "ijazah")
    skp = filed("SASARAN KINERJA PEGAWAI 2025", "skp")
    client.force_login(users["fasilitator"])

    first = client.get("/verifikasi/").content.decode()
    assert "3 pindaian menunggu" in first and "Halaman 1 dari 2" in first
    assert f'data-document="{wrong}"' in first and f'data-document="{ijazah}"' in first
    assert f'data-document="{skp}"' not in first
    second = client.get("/verifikasi/?halaman=2").content.decode()
    assert f'data-document="{skp}"' in second and f'data-document="{wrong}"' not in second
    newest = client.get("/verifikasi/?urut=terbaru").content.decode()
    assert newest.index(f'data-document="{skp}"') < newest.index(f'data-document="{ijazah}"')
    # a flagged scan has no tick box; clean ones do, naming the version shown
    assert f'value="{wrong}:1"' not in first and f'value="{ijazah}:1"' in first

    answer = client.post("/verifikasi/massal/", {"pilih": [f"{ijazah}:1", f"{skp}:2", f"{wrong}:1"]})
    assert answer.status_code == 302
    statuses = dict(Document.objects.filter(pk__in=[wrong, ijazah, skp]).values_list("pk", "status"))
    assert statuses == {ijazah: "verified", skp: "awaiting_verification", wrong: "awaiting_verification"}
    assert AuditEvent.objects.filter(action="document.verified", target=f"document:{ijazah}").count() == 1
    page = client.get("/verifikasi/").content.decode()
    assert "1 pindaian diverifikasi." in page and "versi baru" in page and "bendera" in page
