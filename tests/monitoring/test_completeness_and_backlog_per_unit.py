"""Monitoring counts verified core documents per unit and the age of the verification backlog,
scoped to the caller's units, as JSON and as CSV."""
import csv
import io

import pytest

from documents.catalogue import CORE_DOCUMENT_TYPES
from documents.models import Document
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_verified_scan_counts_and_waiting_scan_is_backlog(users, upload, letter, api_client_for):
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    first = upload(users["pegawai"], letter(employee, title="KARTU TANDA PENDUDUK"), nip=employee.nip,
                   document_type="ktp", filename="ktp.pdf").json()["id"]
    upload(users["pegawai"], letter(employee, title="KARTU KELUARGA"), nip=employee.nip,
           document_type="kartu_keluarga", filename="kk.pdf")
    fasilitator = api_client_for(users["fasilitator"])
    assert Document.objects.get(pk=first).status == "awaiting_verification"
    fasilitator.post(f"/api/v1/documents/{first}/verification/", {"decision": "verified"}, format="json")

    report = fasilitator.get("/api/v1/monitoring/").json()
    assert {row["unit"] for row in report["units"]} == {"DINKES-YANKES", "DINKES-SEK"}  # their units only
    row = next(r for r in report["units"] if r["unit"] == "DINKES-YANKES")
    staff = Employee.objects.filter(unit__code="DINKES-YANKES").count()
    assert row["employees"] == staff and row["required"] == staff * len(CORE_DOCUMENT_TYPES)
    assert (row["present"], row["verified"], row["backlog"]) == (2, 1, 1)
    assert row["backlog_oldest_days"] is not None and row["backlog_oldest_days"] < 1

    admin_units = {r["unit"] for r in api_client_for(users["admin"]).get("/api/v1/monitoring/").json()["units"]}
    assert len(admin_units) == 7
    assert api_client_for(users["pegawai"]).get("/api/v1/monitoring/").status_code == 403

    exported = fasilitator.get("/api/v1/monitoring/export/")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert exported["Content-Disposition"].startswith("attachment")
    assert next(r for r in rows if r["unit"] == "DINKES-YANKES")["verified"] == "1"


def test_page_shows_the_units(users, client):
    client.force_login(users["fasilitator"])
    page = client.get("/pemantauan/")
    assert page.status_code == 200 and "Bidang Pelayanan Kesehatan" in page.content.decode()
    client.force_login(users["pegawai"])
    assert client.get("/pemantauan/").status_code == 403
