"""The quarterly report is a signed PDF (pyHanko authentic, pdfsig valid) whose figures are the
database's, stored as a versioned issued document that /verify answers for; producing it again
supersedes the earlier version."""
import io
import subprocess

import pdfplumber
import pytest
from django.core.management import call_command
from django.utils import timezone

from people.models import ON_ROLL_STATUSES, Employee, StatusPeriod, Unit
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.status import status_period_record
from issuing.services.issuing import issued_document_issue
from people.services.employees import employee_create
from reports.quarterly import Quarter
from signing import pki
from signing.validate import validate_pdf
from tests.support.signing import assert_pdfsig_valid

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(signing_settings):
    today = timezone.localdate()
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"


def _on_roll(day) -> set[int]:
    """Who was on the books on `day`: each employee's latest unrevoked status period by then."""
    status = {}
    for employee_id, period_status in (StatusPeriod.objects.filter(revoked_at__isnull=True, effective_from__lte=day)
                                       .order_by("effective_from", "id").values_list("employee_id", "status")):
        status[employee_id] = period_status
    return {pk for pk, s in status.items() if s in ON_ROLL_STATUSES}


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
    first_day = Quarter.parse(quarter).first_day
    status_period_record(employee=employee, status="pensiun", effective_from=first_day, actor=users["admin"],
                         reason="Batas usia pensiun")  # leaves this quarter
    employee_create(nip=f"19980101{first_day:%Y%m}1001", nama="Calon Pegawai Baru", status_kepegawaian="CPNS",
                    unit=Unit.objects.get(code="DINKES-YANKES"))  # appointed (TMT in the NIP) this quarter

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
    active = _on_roll(timezone.localdate())  # the status history, walked here by hand
    dinkes = Employee.objects.filter(pk__in=active, unit__agency__code="DINKES").count()
    assert _line(text, "Dinas Kesehatan ")[:3] == [str(dinkes), "1", "1"]  # active, joined, left
    assert _line(text, "Jumlah ")[:3] == [str(len(active)), "1", "1"]
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
