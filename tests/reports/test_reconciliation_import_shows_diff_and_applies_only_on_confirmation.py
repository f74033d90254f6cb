"""Reconciliation: the data set exports as CSV and JSON; an import first shows its diff (new, changed
old -> new, missing, bad lines by number) and changes nothing; only a confirmation naming that
diff's fingerprint applies it, exactly as shown, keeping the previous values and auditing them."""
import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from archive.models import AuditEvent
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from reports.models import ReconciliationChange

pytestmark = pytest.mark.django_db

NEW_NIP = "199001012015031002"


def _export(client, file_format):
    response = client.get("/api/v1/reconciliation/export/", {"as": file_format})
    assert response.status_code == 200, response.content
    return response.content.decode()


def _edited_csv(text: str, *, bad_line: bool) -> str:
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        if row["nip"] == DEMO_PEGAWAI_NIP:
            row["pangkat_golongan"], row["jabatan"] = "Penata Tingkat I, III/d", "Perawat Ahli Madya"
    gone = rows.pop(-1)
    rows.append({"nama": "Rudi Hartono", "nip": NEW_NIP, "pangkat_golongan": "III/a", "pendidikan": "S1 Hukum",
                 "jabatan": "Analis Hukum", "unit": "BKD-MUT"})
    if bad_line:
        rows.insert(1, {"nama": "Salah NIP", "nip": "19901301201503100", "pangkat_golongan": "III/a",
                        "pendidikan": "", "jabatan": "", "unit": "BKD-MUT"})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue(), gone


def _upload(client, text: str, name: str):
    upload = io.BytesIO(text.encode())
    upload.name = name
    return client.post("/api/v1/reconciliation/imports/", {"file": upload}, format="multipart")


def _state():
    return sorted(Employee.objects.values_list("nip", "nama", "golongan", "pendidikan", "jabatan", "unit__code"))


def test_unchanged_export_imports_as_an_empty_diff(users, api_client_for):
    admin = api_client_for(users["admin"])
    for file_format in ("csv", "json"):
        diff = _upload(admin, _export(admin, file_format), f"data.{file_format}").json()["diff"]
        assert diff["summary"] == {"lines": Employee.objects.count(), "new": 0, "changed": 0, "missing": 0,
                                   "errors": 0}, file_format


def test_diff_first_then_apply_exactly_what_was_shown(users, api_client_for, django_capture_on_commit_callbacks):
    admin = api_client_for(users["admin"])
    before = _state()
    text, gone = _edited_csv(_export(admin, "csv"), bad_line=True)

    shown = _upload(admin, text, "kabupaten.csv").json()
    diff = shown["diff"]
    assert diff["errors"] == [{"line": 3, "nip": "19901301201503100", "detail": diff["errors"][0]["detail"]}]
    assert "NIP" in diff["errors"][0]["detail"]
    assert [n["nip"] for n in diff["new"]] == [NEW_NIP]
    [changed] = diff["changed"]
    assert changed["nip"] == DEMO_PEGAWAI_NIP and changed["changes"] == {
        "golongan": {"old": "III/c", "new": "III/d"}, "jabatan": {"old": "Perawat Ahli Muda", "new": "Perawat Ahli Madya"}}
    assert [m["nip"] for m in diff["missing"]] == [gone["nip"]]
    assert _state() == before, "a diff changes nothing"
    apply = f"/api/v1/reconciliation/imports/{shown['id']}/apply/"
    assert admin.post(apply, {"fingerprint": shown["fingerprint"]}, format="json").status_code == 409  # bad lines

    text, _ = _edited_csv(_export(admin, "csv"), bad_line=False)
    shown = _upload(admin, text, "kabupaten.csv").json()
    apply = f"/api/v1/reconciliation/imports/{shown['id']}/apply/"
    assert admin.post(apply, {"fingerprint": "0" * 64}, format="json").status_code == 409
    assert _state() == before

    # The data changes after the diff was shown: applying it now would not be what was shown.
    colleague = Employee.objects.exclude(nip=DEMO_PEGAWAI_NIP).order_by("nip").first()
    Employee.objects.filter(pk=colleague.pk).update(jabatan="Jabatan Lain")
    assert admin.post(apply, {"fingerprint": shown["fingerprint"]}, format="json").status_code == 409
    Employee.objects.filter(pk=colleague.pk).update(jabatan=colleague.jabatan)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(apply, {"fingerprint": shown["fingerprint"]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "applied"
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    assert (dewi.golongan, dewi.jabatan) == ("III/d", "Perawat Ahli Madya")
    assert Employee.objects.filter(nip=NEW_NIP, unit__code="BKD-MUT", golongan="III/a").exists()
    assert Employee.objects.filter(nip=gone["nip"]).exists(), "missing employees are reported, never removed"
    kept = {c.field: (c.previous_value, c.new_value) for c in ReconciliationChange.objects.filter(employee=dewi)}
    assert kept == {"golongan": ("III/c", "III/d"), "jabatan": ("Perawat Ahli Muda", "Perawat Ahli Madya")}
    audited = AuditEvent.objects.filter(action="employee.reconcile_update", target=f"employee:{DEMO_PEGAWAI_NIP}")
    assert audited.get().details["changes"]["golongan"] == {"old": "III/c", "new": "III/d"}
    assert admin.post(apply, {"fingerprint": shown["fingerprint"]}, format="json").status_code == 409  # once


def test_json_bad_lines_are_named_by_line(users, api_client_for):
    admin = api_client_for(users["admin"])
    lines = _export(admin, "json").splitlines()
    record = json.loads(lines[4].rstrip(","))
    record["nip"] = "12345"
    lines[4] = json.dumps(record) + ","
    diff = _upload(admin, "\n".join(lines), "data.json").json()["diff"]
    assert [(e["line"], e["nip"]) for e in diff["errors"]] == [(5, "12345")]


def test_command_shows_the_diff_and_applies_only_with_its_fingerprint(users, api_client_for, tmp_path, capsys):
    admin = api_client_for(users["admin"])
    call_command("reconciliation_export", "--format", "csv", "--output", str(tmp_path / "data.csv"))
    text, _ = _edited_csv((tmp_path / "data.csv").read_text(), bad_line=False)
    path = tmp_path / "kota.csv"
    path.write_text(text)
    before = _state()

    call_command("reconciliation_import", str(path))
    out = capsys.readouterr().out
    assert "golongan: 'III/c' -> 'III/d'" in out and "Nothing applied" in out
    assert _state() == before
    fingerprint = out.split("Fingerprint: ")[1].split()[0]
    with pytest.raises(CommandError, match="Nothing applied"):
        call_command("reconciliation_import", str(path), "--apply", "f" * 64)
    assert _state() == before
    call_command("reconciliation_import", str(path), "--apply", fingerprint)
    assert Employee.objects.get(nip=DEMO_PEGAWAI_NIP).golongan == "III/d"

    bad = tmp_path / "bad.csv"
    bad.write_text(_edited_csv(_export(admin, "csv"), bad_line=True)[0])
    with pytest.raises(CommandError, match="bad line"):
        call_command("reconciliation_import", str(bad))
    assert "line 3:" in capsys.readouterr().out
