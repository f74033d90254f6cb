"""Employees, their histories and the logins that act on them."""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from archive.enqueue import enqueue
from people.models import Employee, Role, Unit, UserProfile
from people.ranks import PPPK_GRADES, parse_pangkat_golongan
from people.selectors_record import parse_day
from archive.services.audit import audit_record
from people.services.status import initial_status_period
from ocr.nip import InvalidNip, normalize_nip, parse_nip

User = get_user_model()


def employee_create(*, nip: str, nama: str, unit: Unit, golongan: str = "", jabatan: str = "",
                    pendidikan: str = "", **extra) -> Employee:
    """Create an employee; birth date and sex come from the NIP when not given, and a PPPK grade
    (golongan I–XVII, no slash) makes a PPPK unless `status_kepegawaian` says otherwise: imports and
    reconciliation files name the grade, not the appointment."""
    extra["status_kepegawaian"] = extra.get("status_kepegawaian") or _appointment_of_grade(golongan)
    parsed = parse_nip(nip, sex=extra.get("jenis_kelamin"))
    employee = Employee(
        nip=parsed.value,
        nama=nama.strip(),
        unit=unit,
        golongan=golongan,
        jabatan=jabatan,
        pendidikan=pendidikan,
        tanggal_lahir=extra.pop("tanggal_lahir", parsed.birth_date),
        jenis_kelamin=extra.pop("jenis_kelamin", parsed.sex),
        **extra,
    )
    employee.status = (employee.status_kepegawaian or "PNS").lower()
    employee.full_clean()
    with transaction.atomic():
        employee.save()
        initial_status_period(employee)
    return employee


def user_create(*, username: str, password: str, role: str, nip: str | None = None,
                unit_codes: list[str] | tuple[str, ...] = (), email: str = "", actor=None):
    """Create a login with its role and scope. Raises ValidationError naming what is wrong."""
    if role not in Role.values:
        raise ValidationError(f"Peran tidak dikenal: {role!r}; pilih salah satu dari {', '.join(Role.values)}.")
    if User.objects.filter(username=username).exists():
        raise ValidationError(f"Nama pengguna {username!r} sudah dipakai.")
    employee = None
    if role == Role.EMPLOYEE:
        if not nip:
            raise ValidationError("Pengguna dengan peran pegawai harus diberi --nip.")
        try:
            employee = Employee.objects.get(nip=normalize_nip(nip))
        except Employee.DoesNotExist:
            raise ValidationError(f"Tidak ada pegawai dengan NIP {nip}.") from None
    units = list(Unit.objects.filter(code__in=unit_codes))
    missing = sorted(set(unit_codes) - {u.code for u in units})
    if missing:
        raise ValidationError(f"Unit kerja tidak dikenal: {', '.join(missing)}.")
    if role == Role.FASILITATOR and not units:
        raise ValidationError("Fasilitator harus diberi minimal satu --unit.")
    user = User(username=username, email=email or (employee.email if employee else ""))
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.is_staff = role == Role.ADMINISTRATOR
        user.save()
        profile = UserProfile.objects.create(user=user, role=role, employee=employee)
        profile.units.set(units)
        audit_record(actor=actor, action="user.create", target=username,
                     details={"role": role, "nip": employee.nip if employee else None, "units": list(unit_codes)})
    return user


IMPORT_COLUMNS = ["nama", "nip", "pangkat_golongan", "pendidikan", "jabatan", "unit"]
# Optional columns: a new employee's appointment (CPNS, PNS, PPPK; else PNS, or PPPK for a PPPK grade; an
# existing employee's changes by decree only) and, for a PPPK, the day their agreement ends.
OPTIONAL_IMPORT_COLUMNS = ["status_kepegawaian", "akhir_perjanjian_kerja"]


@dataclass
class ImportReport:
    created: int = 0
    unchanged: int = 0  # on file already, exactly as the row says
    completed: int = 0  # on file already; the row only fills fields the record left empty
    # (line number, what differs): on file already, with other values; not changed here, since a rank, unit or
    # position moves by decree or by a reviewed reconciliation diff (manage.py reconciliation_import), each
    # change recorded with its old value
    differing: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    applied: bool = False


def _find_unit(value: str, units_by_code: dict, units_by_name: dict) -> Unit | None:
    value = value.strip()
    return units_by_code.get(value.upper()) or units_by_name.get(value.lower())


def employee_row_check(row: dict, units_by_code: dict, units_by_name: dict) -> tuple:
    """One row of the reconciliation columns -> (nip, golongan, unit, problems); each problem in words."""
    problems = []
    if not row["nama"]:
        problems.append("nama kosong")
    try:
        nip = parse_nip(row["nip"]).value
    except InvalidNip as exc:
        nip = None
        problems.append(f"NIP {row['nip']!r} tidak sah: {exc.message}")
    golongan = parse_pangkat_golongan(row["pangkat_golongan"]) if row["pangkat_golongan"] else ""
    if golongan is None:
        problems.append(f"pangkat/golongan {row['pangkat_golongan']!r} tidak dikenal "
                        "(contoh: 'Penata Muda, III/a'; PPPK: 'Golongan IX')")
    unit = _find_unit(row["unit"], units_by_code, units_by_name)
    if unit is None:
        problems.append(f"unit kerja {row['unit']!r} tidak dikenal")
    return nip, golongan, unit, problems


def _appointment_of_grade(golongan: str) -> str:
    return Employee.EmploymentType.PPPK if golongan in PPPK_GRADES else Employee.EmploymentType.PNS


def _appointment_columns(row: dict, golongan: str, problems: list) -> tuple[str, dt.date | None]:
    """The optional columns of a row: (CPNS/PNS/PPPK or "", the agreement's end or None); problems in words."""
    appointment = (row.get("status_kepegawaian") or "").upper()
    if appointment and appointment not in Employee.EmploymentType.values:
        problems.append(f"status kepegawaian {row['status_kepegawaian']!r} tidak dikenal (CPNS, PNS atau PPPK)")
        appointment = ""
    pppk_grade = bool(golongan) and golongan in PPPK_GRADES
    if golongan and appointment and pppk_grade != (appointment == "PPPK"):
        problems.append(f"golongan {golongan} tidak sesuai dengan status {appointment} "
                        "(PPPK: golongan I–XVII; PNS dan CPNS: I/a–IV/e)")
    agreement_end = None
    if text := row.get("akhir_perjanjian_kerja") or "":
        try:
            agreement_end = parse_day(text)
        except ValueError:
            problems.append(f"akhir perjanjian kerja {text!r} bukan tanggal (contoh: 2029-12-31 atau 31-12-2029)")
        else:
            if (appointment or ("PPPK" if pppk_grade else "")) not in ("PPPK", ""):
                problems.append("akhir perjanjian kerja hanya untuk PPPK")
    return appointment, agreement_end


_IMPORT_FIELD_WORDS = {"nama": "nama", "golongan": "golongan", "pendidikan": "pendidikan", "jabatan": "jabatan",
                       "unit": "unit", "akhir_perjanjian_kerja": "akhir perjanjian kerja",
                       "status_kepegawaian": "status kepegawaian"}


def _against_record(employee: Employee, values: dict, appointment: str) -> tuple[dict, str]:
    """An import row beside the record of an employee already on file: (the record's empty fields the row
    fills, what the row says otherwise than the record, in words — "" when nothing)."""
    said = {**values, **({"status_kepegawaian": appointment} if appointment else {})}
    fills, differences = {}, []
    for key, value in said.items():
        held = getattr(employee, key)
        if held == value or not value:
            continue
        if held in ("", None):
            fills[key] = value
        else:
            shown = (held.code, value.code) if key == "unit" else (held, value)
            differences.append(f"{_IMPORT_FIELD_WORDS[key]} {shown[0]} → {shown[1]}")
    return fills, "; ".join(differences)


def employees_import_csv(*, text: str, skip_invalid: bool = False, actor=None) -> ImportReport:
    """Import employees from the reconciliation columns: new ones are created; one already on file is left as
    it is but for the fields its record left empty, and a row that says otherwise than the record (another
    rank, unit, position…) is reported by its line, not applied — those changes go by decree or through a
    reviewed reconciliation diff, each recorded with its old value.

    A file with any bad row imports nothing (unless skip_invalid), and the report
    names each bad row by its line in the file.
    """
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in IMPORT_COLUMNS if c not in header]
    if missing:
        report.errors.append((1, f"kolom tidak ada: {', '.join(missing)} (kolom wajib: {', '.join(IMPORT_COLUMNS)})"))
        return report
    reader.fieldnames = header
    units_by_code = {u.code.upper(): u for u in Unit.objects.all()}
    units_by_name = {u.name.lower(): u for u in units_by_code.values()}
    rows, seen = [], {}
    for row in reader:
        line = reader.line_num
        row = {k: (v or "").strip() for k, v in row.items() if k}
        nip, golongan, unit, problems = employee_row_check(row, units_by_code, units_by_name)
        appointment, agreement_end = _appointment_columns(row, golongan, problems)
        if nip and nip in seen:
            problems.append(f"NIP {nip} sudah ada di baris {seen[nip]}")
        if problems:
            report.errors.append((line, "; ".join(problems)))
            continue
        seen[nip] = line
        rows.append((line, nip, row, golongan, unit, appointment, agreement_end))
    if report.errors and not skip_invalid:
        return report
    with transaction.atomic():
        existing_by_nip = Employee.objects.select_related("unit").in_bulk([row[1] for row in rows], field_name="nip")
        for line, nip, row, golongan, unit, appointment, agreement_end in rows:
            values = {"nama": row["nama"], "golongan": golongan, "pendidikan": row["pendidikan"],
                      "jabatan": row["jabatan"], "unit": unit}
            if agreement_end and (appointment or _appointment_of_grade(golongan)) == "PPPK":
                values["akhir_perjanjian_kerja"] = agreement_end
            if existing := existing_by_nip.get(nip):
                fills, differences = _against_record(existing, values, appointment)
                if differences:
                    report.differing.append((line, f"NIP {nip} sudah ada dengan data lain: {differences}"))
                    continue
                if fills:  # facts the record lacks (an agreement's end, an education): nothing held is replaced
                    Employee.objects.filter(pk=existing.pk).update(**fills)
                    report.completed += 1
                else:
                    report.unchanged += 1
                continue
            employee_create(nip=nip, **values, status_kepegawaian=appointment)
            report.created += 1
        audit_record(actor=actor, action="employees.import",
                     details={"created": report.created, "unchanged": report.unchanged, "completed": report.completed,
                              "differing_lines": [line for line, _ in report.differing],
                              "skipped": len(report.errors)})
    report.applied = True
    return report


def reindex_employee_later(employee_id: int) -> None:
    enqueue("people.tasks.index_employee_documents", employee_id, what=f"search entries of employee {employee_id}")


CONTACT_FIELDS = ("email", "phone")


def employee_contact_update(*, actor, employee: Employee, **changes) -> list:
    """Email and phone are the employee's own: no manager — fasilitator or administrator — may change them
    (Pergub Jatim 73/2020 Pasal 30(2)j; Babel Pasal 27(2)j). An attempt is refused and audited. The employee's
    own change waits for the link sent to confirm it (accounts.services.contact); returns those waiting."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    from accounts.services.contact import contact_change_request
    from archive.selectors import user_role

    own_employee_id = getattr(getattr(actor, "profile", None), "employee_id", None)
    is_self = user_role(actor) is not None and own_employee_id == employee.pk
    if not is_self:
        audit_record(actor=actor, action="credentials.change_refused", target=f"employee:{employee.nip}",
                     details={"fields": sorted(changes)})
        raise PermissionDenied(_("No manager may change an employee's email, phone number or password; the "
                                 "employee changes them, or a reset link goes to the address on record."))
    unknown = set(changes) - set(CONTACT_FIELDS)
    if unknown:
        from archive.services.errors import Refused

        raise Refused(_("Only %(fields)s can be changed here.") % {"fields": ", ".join(CONTACT_FIELDS)},
                      errors={field: _("cannot be changed here") for field in sorted(unknown)})
    return contact_change_request(user=actor, employee=employee, **changes)


def user_password_change(*, actor, user, new_password: str) -> None:
    """Only the user themself (an administrator sends a reset link instead: accounts.services.users).
    Every API token of the user stops; other sessions end with the old password's session hash."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    from accounts.services.tokens import api_tokens_revoke

    if actor.pk != user.pk:
        audit_record(actor=actor, action="credentials.change_refused", target=user.get_username(),
                     details={"fields": ["password"]})
        raise PermissionDenied(_("Only the owner of the account can change its password; an administrator can "
                                 "send a reset link to the address on record."))
    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        revoked = api_tokens_revoke(user=user, reason="password_change")
        audit_record(actor=actor, action="user.password_change", target=user.get_username(),
                     details={"tokens_revoked": revoked})
