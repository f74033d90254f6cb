"""The quarterly report is a signed PDF (pyHanko authentic, pdfsig valid) whose figures are the
database's, stored as a versioned issued document that /verify answers for; producing it again
supersedes the earlier version."""
import io
import subprocess

import pdfplumber
import pytest
from django.core.management import call_command
from django.utils import timezone

from archive.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from archive.services.issuing import issued_document_issue
from signing import pki
from signing.validate import validate_pdf
from tests.support.signing import assert_pdfsig_valid

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(signing_settings):
    today = timezone.localdate()
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def _line(text: str, starts: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith(starts))
    return line[len(starts):].split()


def test_report_is_signed_and_its_figures_are_the_database(users, quarter, product_pki_dir, tmp_path, client,
                                                           django_capture_on_commit_callbacks):
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    with django_capture_on_commit_callbacks(execute=True):
        issued_document_issue(actor=users["admin"], template="sk_kenaikan_pangkat", employee=employee,
                              fields={"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"})
    Employee.objects.filter(nip=DEMO_PEGAWAI_NIP).update(status_aktif="pensiun")  # leaves this quarter

    output = tmp_path / "laporan.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("quarterly_report", "--quarter", quarter, "--output", str(output))
    pdf = output.read_bytes()

    root = pki.load_pki(product_pki_dir).root_cert
    report = validate_pdf(pdf, trust_roots=[root])
    assert report.authentic, report.as_dict()
    assert report.signatures[0].timestamped and report.signatures[0].certified
    assert_pdfsig_valid(pdf, root, tmp_path)
    fonts = subprocess.run(["pdffonts", str(output)], capture_output=True, text=True, check=True).stdout
    assert all(row.split()[-5] == "yes" for row in fonts.splitlines()[2:]), fonts  # PDF/A: every font embedded

    text = _text(pdf)
    active = Employee.objects.filter(status_aktif="aktif")
    dinkes = active.filter(unit__agency__code="DINKES").count()
    assert _line(text, "Dinas Kesehatan ")[:3] == [str(dinkes), str(dinkes + 1), "1"]  # active, joined, left
    assert _line(text, "Jumlah ")[0] == str(active.count())
    assert _line(text, "Surat Keputusan Kenaikan Pangkat ") == ["1", "0"]
    assert DEMO_PEGAWAI_NIP not in text and employee.nama not in text  # aggregates only

    answer = client.post("/api/v1/verify/", {"file": io.BytesIO(pdf)}, format="multipart").json()
    assert answer["authentic"] and answer["status"] == "current"
    assert answer["document"]["holder"] == "Badan Kepegawaian Daerah" and answer["document"]["nip"] == ""

    call_command("quarterly_report", "--quarter", quarter)
    again = client.post("/api/v1/verify/", {"file": io.BytesIO(pdf)}, format="multipart").json()
    assert again["status"] == "superseded" and again["document"]["current_version"] == 2
    call_command("reindex")  # a report belongs to no one's file: the personnel index skips it


def test_administrator_produces_it_through_the_api_and_the_page(users, quarter, api_client_for, client):
    admin = api_client_for(users["admin"])
    response = admin.post("/api/v1/reports/quarterly/", {"quarter": quarter}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["quarter"] == quarter and body["version"] == 1 and body["verify_url"].startswith("https://")
    content = admin.get(f"/api/v1/reports/quarterly/{body['id']}/content/")
    assert content.status_code == 200 and content.content.startswith(b"%PDF")
    assert [r["id"] for r in admin.get("/api/v1/reports/quarterly/").json()] == [body["id"]]
    assert admin.post("/api/v1/reports/quarterly/", {"quarter": "2026Q5"}, format="json").status_code == 400
    assert api_client_for(users["fasilitator"]).post("/api/v1/reports/quarterly/", {"quarter": quarter},
                                                     format="json").status_code == 403

    client.force_login(users["admin"])
    page = client.get("/laporan/triwulan/")
    assert page.status_code == 200 and body["number"] in page.content.decode()
    made = client.post("/laporan/triwulan/", {"quarter": quarter})
    assert made.status_code == 302
    assert admin.get(f"/api/v1/reports/quarterly/{body['id']}/").json()["status"] == "superseded"
    client.force_login(users["fasilitator"])
    assert client.get("/laporan/triwulan/").status_code == 403
