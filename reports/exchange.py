"""Reconciliation with regencies/cities and central government (Pergub Jatim 73/2020 Pasal 25):
export the data set (nama, NIP, pangkat/golongan, pendidikan, jabatan, unit) as CSV or JSON, and
import one in two steps.

    diff:  read the file -> check every line (bad lines named by number) -> compare with the
           database -> store the diff (new, changed field old -> new, missing) with its fingerprint.
           Nothing is written to any employee.
    apply: only with the diff's fingerprint, and only while the database still gives the same
           diff: what is applied is exactly what was shown. Every changed value is kept
           (ReconciliationChange) and audited. Missing employees are reported, never removed.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from people.models import Employee, HistoryEntry, Unit
from archive.csv_safe import csv_safe_row, csv_unescape_cell
from people.ranks import pangkat_label
from people.selectors_status import employees_on_roll, golongan_on
from archive.services.audit import audit_record
from archive.services.errors import Refused
from people.services.employees import (IMPORT_COLUMNS, employee_create, employee_row_check,
                                     reindex_employee_later)
from reports.models import ReconciliationChange, ReconciliationImport

FORMATS = ("csv", "json")
COMPARED_FIELDS = ("nama", "golongan", "pendidikan", "jabatan", "unit")  # unit by its code


class ReconciliationRefused(Refused):
    """A reconciliation file or confirmation the service will not act on."""


def _unknown_format() -> ReconciliationRefused:
    return ReconciliationRefused(_("The format must be one of: %(formats)s.") % {"formats": ", ".join(FORMATS)},
                                 errors={"format": _("unknown")})


# --- export ------------------------------------------------------------------------------------

def reconciliation_rows(employees=None, *, on: dt.date | None = None) -> list[dict]:
    """The data set, one dict per employee, in the columns of IMPORT_COLUMNS. With `on`: the
    employees on the books that day (their status history) with their golongan that day (riwayat
    pangkat, else today's); nama, pendidikan, jabatan and unit are today's."""
    employees = (employees if employees is not None else Employee.objects.all()).select_related("unit")
    if on is None:
        return [{"nama": e.nama, "nip": e.nip, "pangkat_golongan": pangkat_label(e.golongan),
                 "pendidikan": e.pendidikan, "jabatan": e.jabatan, "unit": e.unit.code}
                for e in employees.order_by("nip")]
    employees = employees_on_roll(on, employees)
    golongan = golongan_on(on, employees)
    return [{"nama": e.nama, "nip": e.nip, "pangkat_golongan": pangkat_label(golongan.get(e.pk, e.golongan)),
             "pendidikan": e.pendidikan, "jabatan": e.jabatan, "unit": e.unit.code}
            for e in employees.order_by("nip")]


def reconciliation_export(*, file_format: str, employees=None, on: dt.date | None = None) -> str:
    rows = reconciliation_rows(employees, on=on)
    if file_format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=IMPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_safe_row(row) for row in rows)
        return out.getvalue()
    if file_format == "json":  # one employee a line, so an import can name bad lines by number
        body = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
        return '{"employees": [\n' + body + ("\n" if rows else "") + "]}\n"
    raise _unknown_format()


# --- reading a file ----------------------------------------------------------------------------

def _csv_rows(text: str):
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in IMPORT_COLUMNS if c not in header]
    if missing:
        raise ReconciliationRefused(_("Line 1: missing column(s): %(missing)s (required columns: %(required)s).") % {
            "missing": ", ".join(missing), "required": ", ".join(IMPORT_COLUMNS)},
            errors={"file": _("columns missing")})
    reader.fieldnames = header
    for row in reader:  # a cell our export guarded against spreadsheets reads back as it was
        yield reader.line_num, {key: csv_unescape_cell(value) for key, value in row.items()}


def _json_rows(text: str):
    """Each object of the list (or of {"employees": [...]}) with the line it starts on."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ReconciliationRefused(_("JSON not valid: %(error)s") % {"error": exc},
                                    errors={"file": _("JSON not valid")}) from None
    items = data.get("employees") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ReconciliationRefused(_('JSON must be a list of employees or {"employees": [...]}.'),
                                    errors={"file": _("shape not recognised")})
    decoder = json.JSONDecoder()
    position = text.index("[", text.index('"employees"') if isinstance(data, dict) else 0) + 1
    for item in items:
        while text[position] in " \t\r\n,":
            position += 1
        line = text.count("\n", 0, position) + 1
        _value, position = decoder.raw_decode(text, position)
        yield line, item if isinstance(item, dict) else {}


def _read(text: str, file_format: str) -> tuple[list[dict], list[dict]]:
    """(clean records, bad lines) of a file; each record {line, nip, nama, golongan, pendidikan, jabatan, unit}."""
    if file_format not in FORMATS:
        raise _unknown_format()
    units_by_code = {u.code.upper(): u for u in Unit.objects.all()}
    units_by_name = {u.name.lower(): u for u in units_by_code.values()}
    records, errors, seen = [], [], {}
    rows = _csv_rows(text) if file_format == "csv" else _json_rows(text)
    for line, row in rows:
        row = {c: " ".join(str(row.get(c) or "").split()) for c in IMPORT_COLUMNS}
        nip, golongan, unit, problems = employee_row_check(row, units_by_code, units_by_name)
        if nip and nip in seen:
            problems.append(f"NIP {nip} sudah ada di baris {seen[nip]}")
        if problems:
            errors.append({"line": line, "nip": row["nip"], "detail": "; ".join(problems)})
            continue
        seen[nip] = line
        records.append({"line": line, "nip": nip, "nama": row["nama"], "golongan": golongan,
                        "pendidikan": row["pendidikan"], "jabatan": row["jabatan"], "unit": unit.code})
    return records, errors


# --- diff --------------------------------------------------------------------------------------

def _current(employee: Employee) -> dict:
    return {"nama": employee.nama, "golongan": employee.golongan, "pendidikan": employee.pendidikan,
            "jabatan": employee.jabatan, "unit": employee.unit.code}


def _history_key(entry: dict) -> tuple:
    """Same kind, date and title; education by its year (SI-ASN gives the year of graduation only)."""
    day = str(entry.get("effective_date") or "")
    return (entry["kind"], day[:4] if entry["kind"] == "pendidikan" else day,
            " ".join(str(entry["title"]).lower().split()))


def _history_additions(employee: Employee, entries: list[dict]) -> list[dict]:
    """The history entries a source has that the employee's riwayat lacks (same kind, date and title)."""
    have = {_history_key({"kind": h.kind, "effective_date": h.effective_date.isoformat() if h.effective_date else "",
                          "title": h.title}) for h in employee.history.all()}
    additions, seen = [], set()
    for entry in entries:
        key = _history_key(entry)
        if key not in have and key not in seen:
            seen.add(key)
            additions.append(entry)
    return additions


def _compare(records: list[dict], errors: list[dict], scope: list[str] | None = None) -> dict:
    """The diff of `records` against the database. `scope`: the NIPs the source was asked about (an
    SI-ASN pull): only those can be missing. A record's `history` (a pull's riwayat) adds the entries
    the employee lacks."""
    existing = {e.nip: e for e in Employee.objects.select_related("unit").prefetch_related("history")}
    on_roll = set(employees_on_roll(timezone.localdate()).values_list("nip", flat=True))
    new, changed = [], []
    for record in records:
        employee = existing.get(record["nip"])
        if employee is None:
            new.append({k: record[k] for k in ("line", "nip", "nama", *COMPARED_FIELDS[1:])})
            continue
        before = _current(employee)
        changes = {f: {"old": before[f], "new": record[f]} for f in COMPARED_FIELDS if before[f] != record[f]}
        history = _history_additions(employee, record["history"]) if record.get("history") else []
        if changes or history:
            item = {"line": record["line"], "nip": record["nip"], "nama": employee.nama, "changes": changes}
            if history:
                item["history"] = history
            changed.append(item)
    in_file = {r["nip"] for r in records} | {e["nip"] for e in errors}
    asked = set(scope) if scope is not None else None
    missing = [{"nip": nip, "nama": e.nama, "unit": e.unit.code} for nip, e in sorted(existing.items())
               if nip not in in_file and nip in on_roll and (asked is None or nip in asked)]
    diff = {"new": new, "changed": changed, "missing": missing, "errors": errors,
            "summary": {"lines": len(records) + len(errors), "new": len(new), "changed": len(changed),
                        "missing": len(missing), "errors": len(errors)}}
    canonical = json.dumps({k: diff[k] for k in ("new", "changed", "missing", "errors")}, sort_keys=True,
                           ensure_ascii=False)
    return {**diff, "fingerprint": hashlib.sha256(canonical.encode()).hexdigest()}


def reconciliation_diff(*, actor, text: str, file_format: str, source_name: str = "") -> ReconciliationImport:
    """Compare a file with the database and keep the diff; changes nothing else."""
    records, errors = _read(text, file_format)
    diff = _compare(records, errors)
    with transaction.atomic():
        reconciliation = ReconciliationImport.objects.create(
            fingerprint=diff.pop("fingerprint"), source_name=source_name[:255], file_format=file_format,
            records=records, diff=diff, created_by=actor)
        audit_record(actor=actor, action="reconciliation.diff", target=f"reconciliation:{reconciliation.pk}",
                     details={"source": source_name, "fingerprint": reconciliation.fingerprint, **diff["summary"]})
    return reconciliation


def reconciliation_diff_records(*, actor, records: list[dict], errors: list[dict], source_name: str,
                                scope: list[str] | None = None) -> ReconciliationImport:
    """The diff of records another system gave (an SI-ASN pull), kept like a file's: nothing else changes.
    Each record is in the reconciliation columns (nip, nama, golongan, pendidikan, jabatan, unit code),
    numbered by `line`, optionally with `history`."""
    diff = _compare(records, errors, scope)
    if scope is not None:
        diff["scope"] = list(scope)
    with transaction.atomic():
        reconciliation = ReconciliationImport.objects.create(
            fingerprint=diff.pop("fingerprint"), source_name=source_name[:255], file_format="json",
            records=records, diff=diff, created_by=actor)
        audit_record(actor=actor, action="reconciliation.diff", target=f"reconciliation:{reconciliation.pk}",
                     details={"source": source_name, "fingerprint": reconciliation.fingerprint, **diff["summary"]})
    return reconciliation


def reconciliation_apply(*, actor, reconciliation: ReconciliationImport, fingerprint: str) -> ReconciliationImport:
    """Apply a stored diff, confirmed by its fingerprint. Refused (conflict) when it was applied
    already, when the fingerprint is not this diff's, or when the database changed since."""
    with transaction.atomic():
        reconciliation = ReconciliationImport.objects.select_for_update(no_key=True).get(pk=reconciliation.pk)
        if reconciliation.status != ReconciliationImport.Status.PENDING:
            raise ReconciliationRefused(_("This diff has already been applied."), code="conflict")
        if fingerprint != reconciliation.fingerprint:
            raise ReconciliationRefused(_("The diff's fingerprint does not match: the confirmation must name the "
                                          "diff shown."), code="conflict", errors={"fingerprint": _("does not match")})
        if reconciliation.diff["errors"]:
            count = len(reconciliation.diff["errors"])
            raise ReconciliationRefused(ngettext("The file has %(count)s bad line; fix it and make a new diff.",
                                                 "The file has %(count)s bad lines; fix them and make a new diff.",
                                                 count) % {"count": count}, code="conflict")
        list(Employee.objects.select_for_update(no_key=True).values_list("pk", flat=True))  # hold them while comparing
        if _compare(reconciliation.records, [], reconciliation.diff.get("scope"))["fingerprint"] != reconciliation.fingerprint:
            raise ReconciliationRefused(_("The employee data changed since this diff was made; make a new diff."),
                                        code="conflict")
        units = {u.code: u for u in Unit.objects.all()}
        for item in reconciliation.diff["new"]:
            employee = employee_create(nip=item["nip"], nama=item["nama"], golongan=item["golongan"],
                                       pendidikan=item["pendidikan"], jabatan=item["jabatan"], unit=units[item["unit"]])
            ReconciliationChange.objects.create(reconciliation=reconciliation, employee=employee, field="created",
                                                new_value=json.dumps(item, ensure_ascii=False))
            audit_record(actor=actor, action="employee.reconcile_create", target=f"employee:{employee.nip}",
                         details={"reconciliation": reconciliation.pk, "values": item})
        for item in reconciliation.diff["changed"]:
            employee = Employee.objects.get(nip=item["nip"])
            for field, change in item["changes"].items():
                setattr(employee, field, units[change["new"]] if field == "unit" else change["new"])
                ReconciliationChange.objects.create(reconciliation=reconciliation, employee=employee, field=field,
                                                    previous_value=change["old"], new_value=change["new"])
            for entry in item.get("history", []):
                HistoryEntry.objects.create(employee=employee, kind=entry["kind"], title=entry["title"][:200],
                                            effective_date=entry.get("effective_date") or None,
                                            reference_number=(entry.get("reference_number") or "")[:100],
                                            details={"source": reconciliation.source_name})
                ReconciliationChange.objects.create(reconciliation=reconciliation, employee=employee, field="history",
                                                    new_value=json.dumps(entry, ensure_ascii=False))
            employee.full_clean()
            employee.save()
            audit_record(actor=actor, action="employee.reconcile_update", target=f"employee:{employee.nip}",
                         details={"reconciliation": reconciliation.pk, "changes": item["changes"],
                                  "history_added": len(item.get("history", []))})
            if {"nama", "unit"} & set(item["changes"]):  # their documents' search entries carry both
                transaction.on_commit(lambda pk=employee.pk: reindex_employee_later(pk))
        reconciliation.status = ReconciliationImport.Status.APPLIED
        reconciliation.applied_by, reconciliation.applied_at = actor, timezone.now()
        reconciliation.save(update_fields=["status", "applied_by", "applied_at"])
        audit_record(actor=actor, action="reconciliation.apply", target=f"reconciliation:{reconciliation.pk}",
                     details={"fingerprint": fingerprint, **reconciliation.diff["summary"]})
    return reconciliation

