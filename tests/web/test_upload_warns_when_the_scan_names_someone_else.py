"""An employee whose scan carries someone else's NIP or name is warned at once: the status the upload
page polls says so (`field_checks`), the page's script never answers "Terbaca jelas" alone then, and
the document's own page shows the warning (also without JavaScript)."""
import pathlib

import pytest

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db
UPLOAD_JS = pathlib.Path(__file__).resolve().parents[2] / "static" / "js" / "upload.js"


def test_warned_at_once(client, users, upload, letter):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    theirs = upload(users["pegawai"], letter(dewi, "KARTU TANDA PENDUDUK", nip="199001012015031001",
                                             nama="Budi Santoso"), nip=dewi.nip, document_type="ktp").json()["id"]
    mine = upload(users["pegawai"], letter(dewi, "IJAZAH SARJANA"), nip=dewi.nip, document_type="ijazah").json()["id"]
    client.force_login(users["pegawai"])
    status = client.get(f"/api/v1/documents/{theirs}/status/").json()
    assert status["field_checks"]["nip"] == "mismatch"
    assert 'data-warning="not-theirs"' in client.get(f"/dokumen/{theirs}/").content.decode()
    assert 'data-warning="not-theirs"' not in client.get(f"/dokumen/{mine}/").content.decode()
    script = UPLOAD_JS.read_text()
    assert script.index("notTheirs(answer)) {") < script.index('showResult("legible"')  # the warning comes first
    page = client.get("/dokumen/unggah/").content.decode()
    assert "bukan milik Anda" in page  # the warning's words are on the upload page for the script
