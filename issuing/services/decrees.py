"""What each issued decree checks and changes on the employee's record.

One class per template: `check` refuses a wrong decree before it is numbered or signed (a
"kenaikan" to an equal rank, a TMT before the last one, KGB within two years, pensiun before the
BUP …); `apply` writes its changes through a Ledger, which keeps each change with its value
before, so that

    preview  = apply on a dry ledger (nothing written: the KONSEP page's "now / after" table)
    issue    = check, then apply in the issuing transaction (issuing.services.issuing)
    revoke   = revert exactly what the ledger recorded (issuing.services.record_changes)

Templates without a class here (the quarterly report) change nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from issuing.models import IssuedDocument
from people.models import ON_ROLL_STATUSES, Employee, EmploymentStatus, HistoryEntry, StatusPeriod, Unit
from people.ranks import RANKS, basic_salary_range, diploma_rank, pangkat_label, parse_pangkat_golongan
from people.selectors_calendar import weekdays_off_between, working_days
from people.selectors_record import (ANNUAL_LEAVE, LONG_LEAVE, add_years, appraisals_below_good, bup_age,
                                      first_of_month_from, first_of_next_month, last_history, leave_account,
                                      leave_balance, leave_overlapping, leave_until, leaves_of_kind,
                                      nip_appointment_month, pension_date, sanction_running, tmt_cpns, years_between)
from people.selectors_status import employee_status_on
from signing.templates import format_rupiah, get_template

WORKING = frozenset({"cpns", "pns", "pppk"})  # at work: may be promoted, moved, sent to study
RANK_ORDER = {code: i for i, (code, _name) in enumerate(RANKS)}


def parsed_fields(template: str, fields: dict) -> dict:
    """The request's fields as values (dates as dates, money as int); assumes the template's own
    validation (DocumentTemplate.clean) has passed."""
    out = {}
    for spec in get_template(template).fields:
        raw = fields.get(spec.name)
        out[spec.name] = spec.parse(raw) if raw not in (None, "") and spec.type != "image" else raw
    return out


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Ledger:
    """Collects (and unless `dry`, writes) one decree's changes to one employee's record."""

    employee: Employee
    dry: bool = False
    actor: object = None
    issued_document: object = None
    lines: list[Change] = field(default_factory=list)
    changes: dict = field(default_factory=lambda: {"fields": {}, "history": [], "statuses": []})

    def set_field(self, name: str, value, *, label: str, shown: str | None = None, shown_before: str | None = None):
        before = getattr(self.employee, name)
        self.lines.append(Change(label, shown_before if shown_before is not None else str(before or "-"),
                                 shown if shown is not None else str(value)))
        if before == value:
            return
        self.changes["fields"][name] = [json_value(before), json_value(value)]
        if not self.dry:
            Employee.objects.filter(pk=self.employee.pk).update(**{name: value})
            setattr(self.employee, name, value)

    def add_history(self, kind: str, title: str, effective_date: dt.date | None, **details):
        shown = title + (f" (TMT {effective_date.isoformat()})" if effective_date else "")
        self.lines.append(Change(str(HistoryEntry.Kind(kind).label), "", shown))
        if self.dry:
            return
        number = self.issued_document.number if self.issued_document else details.pop("reference_number", "")
        details = {k: json_value(v) for k, v in details.items()}
        if self.issued_document:
            details["issued_document"] = self.issued_document.pk
        entry = HistoryEntry.objects.create(employee=self.employee, kind=kind, title=title[:200],
                                            effective_date=effective_date, reference_number=number[:100],
                                            details=details)
        self.changes["history"].append(entry.pk)

    def add_status(self, status: str, effective_from: dt.date, reason: str):
        from people.services.status import status_period_record

        now = employee_status_on(self.employee, effective_from) or ""
        self.lines.append(Change(_("Employment status"), _status_label(now),
                                 _("%(status)s from %(date)s") % {"status": _status_label(status),
                                                                  "date": effective_from.isoformat()}))
        if self.dry:
            return
        period = status_period_record(employee=self.employee, status=status, effective_from=effective_from,
                                      actor=self.actor, reason=reason, issued_document=self.issued_document)
        self.changes["statuses"].append(period.pk)

    def move_fasilitator_units(self, old_unit, new_unit) -> None:
        """A fasilitator who is moved serves the new unit in place of the old one (the scope follows)."""
        from people.models import Role, UserProfile

        profile = UserProfile.objects.filter(employee=self.employee, role=Role.FASILITATOR,
                                             units=old_unit).first()
        if profile is None:
            return
        self.lines.append(Change(_("Fasilitator of"), old_unit.name, new_unit.name))
        if self.dry:
            return
        profile.units.remove(old_unit)
        profile.units.add(new_unit)
        self.changes.setdefault("fasilitator_units", []).append([profile.pk, old_unit.pk, new_unit.pk])

    def summary(self) -> str:
        return "; ".join(f"{c.label}: {c.before + ' → ' if c.before else ''}{c.after}" for c in self.lines)


def json_value(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _status_label(status: str) -> str:
    return str(EmploymentStatus(status).label) if status in EmploymentStatus.values else (status or "-")


class DecreeEffect:
    """A template's rules and record change. `statuses`: what the employee's status must be today."""

    template: str = ""
    statuses: frozenset = ON_ROLL_STATUSES

    def derived(self, employee: Employee, fields: dict) -> dict:
        """Fields the system fills in itself (e.g. a unit's full name from its code)."""
        return {}

    def check(self, employee: Employee, values: dict, today: dt.date) -> dict[str, str]:
        return {}

    def suggested(self, employee: Employee, due_on: dt.date, today: dt.date) -> dict[str, str]:
        """The fields the record already decides for an employee due on `due_on` (the bulk page fills
        them; the administrator checks and completes the rest)."""
        return {"tmt": due_on.isoformat()}

    def apply(self, ledger: Ledger, values: dict) -> None:
        raise NotImplementedError

    def status_problem(self, employee: Employee, today: dt.date) -> str | None:
        status = employee_status_on(employee, today) or employee.status
        if status in self.statuses:
            return None
        return _("not possible for an employee whose status is %(status)s") % {"status": _status_label(status)}


def _add_problem(problems: dict[str, str], field: str, problem: str) -> None:
    """Another reason against the same field: both are said."""
    problems[field] = f"{problems[field]}; {problem}" if field in problems else problem


STARTING_FIELDS = ("tmt", "tanggal_mulai")  # the day a decree takes effect, by the templates' names


def before_appointment(employee: Employee, values: dict) -> dict[str, str]:
    """A decree cannot take effect before the employee was appointed (TMT CPNS, or the month in the NIP)."""
    days = {name: values[name] for name in STARTING_FIELDS if isinstance(values.get(name), dt.date)}
    if all(day >= nip_appointment_month(employee.nip) for day in days.values()):
        return {}  # TMT CPNS is never after the month in the NIP: no need to read the status history
    appointed = tmt_cpns(employee)
    return {name: _("is before the employee's appointment (TMT CPNS %(date)s)") % {"date": appointed.isoformat()}
            for name, day in days.items() if day < appointed}


PROMOTION_REGULAR, PROMOTION_DIPLOMA = "Reguler", "Penyesuaian Ijazah"


class KenaikanPangkat(DecreeEffect):
    """One rank up (a diploma adjustment: to the rank of the diploma on the record), after four years in
    the last rank for a regular promotion and at least one for the others (pilihan, istimewa, pengabdian,
    penyesuaian ijazah: PP 99/2000 jo. PP 12/2002), on the first of a month, at most a year ahead."""

    template, statuses = "sk_kenaikan_pangkat", frozenset({"pns"})

    def derived(self, employee, fields):
        return {"jenis_kenaikan": fields.get("jenis_kenaikan") or PROMOTION_REGULAR}

    def check(self, employee, values, today):
        problems = {}
        new, tmt = parse_pangkat_golongan(values["pangkat_baru"]), values["tmt"]
        now = employee.golongan if employee.golongan in RANK_ORDER else None  # a PPPK's golongan has no rank
        kind, diploma = values.get("jenis_kenaikan") or PROMOTION_REGULAR, diploma_rank(employee.pendidikan)
        if now and new and RANK_ORDER[new] <= RANK_ORDER[now]:
            problems["pangkat_baru"] = _("%(new)s is not higher than the current rank %(now)s; a promotion "
                                         "must raise the rank") % {"new": new, "now": pangkat_label(now)}
        elif kind == PROMOTION_DIPLOMA and new and new != diploma:
            problems["pangkat_baru"] = _(
                "a diploma adjustment gives the rank of the diploma on the record (%(diploma)s): %(rank)s") % {
                "diploma": employee.pendidikan or "-",
                "rank": pangkat_label(diploma) if diploma else _("no diploma is recorded")}
        elif kind != PROMOTION_DIPLOMA and now and new and RANK_ORDER[new] > RANK_ORDER[now] + 1:
            problems["pangkat_baru"] = _(
                "a promotion raises the rank one step: after %(now)s comes %(next)s. A larger step is only a "
                "diploma adjustment (penyesuaian ijazah), to the rank of the diploma on the record "
                "(%(diploma)s)") % {
                "now": pangkat_label(now), "next": pangkat_label(RANKS[RANK_ORDER[now] + 1][0]),
                "diploma": employee.pendidikan or "-"}
        if tmt.day != 1:
            problems["tmt"] = _("a rank takes effect on the first day of a month, e.g. %(date)s") % {
                "date": first_of_next_month(tmt).isoformat()}
        elif tmt > add_years(today, 1):
            problems["tmt"] = _("is more than a year from today; a promotion is decreed at most a year "
                                "ahead")
        last = last_history(employee, HistoryEntry.Kind.PANGKAT)
        since = last.effective_date if last else tmt_cpns(employee)  # no rank on record: the first, from TMT CPNS
        if tmt <= since:
            problems["tmt"] = _("must be after the TMT of the last rank (%(date)s)") % {"date": since.isoformat()}
        elif kind == PROMOTION_REGULAR and tmt < add_years(since, 4):
            problems["tmt"] = _("a regular promotion comes after four years in the last rank: not before "
                                "%(date)s (other kinds of promotion: after one year)") % {
                "date": add_years(since, 4).isoformat()}
        elif tmt < add_years(since, 1):
            problems["tmt"] = _("a rank is held at least a year before the next (four years for a regular "
                                "promotion): not before %(date)s, a year after the last rank's TMT") % {
                "date": add_years(since, 1).isoformat()}
        if kind == PROMOTION_REGULAR and (low := appraisals_below_good(employee, {tmt.year - 1, tmt.year - 2})):
            # PP 99/2000 Pasal 7: a regular promotion asks for an appraisal of at least Baik in the last two years
            _add_problem(problems, "employee", _(
                "a regular promotion asks for an SKP of at least Baik in each of the last two years; the record has "
                "%(appraisals)s") % {"appraisals": ", ".join(f"SKP {year}: {predicate}" for year, predicate in low)})
        running = sanction_running(employee, today, tmt)
        if running:
            # BKN's promotion requirements: not serving a moderate or severe sanction (PP 94/2021).
            entry, last_day = running
            _add_problem(problems, "tmt" if entry.effective_date <= tmt <= last_day else "employee", _(
                "the employee is serving a disciplinary sanction (%(sanction)s, from %(start)s) until %(end)s; no "
                "promotion is decreed while it runs: after it ends, with a TMT from %(earliest)s") % {
                "sanction": entry.title, "start": entry.effective_date.isoformat(), "end": last_day.isoformat(),
                "earliest": first_of_month_from(last_day + dt.timedelta(days=1)).isoformat()})
        return problems

    def suggested(self, employee, due_on, today):
        """The next rank, from the due date or, when that has passed, from the first of next month
        (a missed promotion is not back-dated)."""
        fields = {"tmt": (due_on if due_on >= today else first_of_next_month(today)).isoformat()}
        if employee.golongan in RANK_ORDER and RANK_ORDER[employee.golongan] + 1 < len(RANKS):
            fields["pangkat_baru"] = pangkat_label(RANKS[RANK_ORDER[employee.golongan] + 1][0])
        fields["jenis_kenaikan"] = PROMOTION_REGULAR  # the due list counts four years in the rank
        return fields

    def apply(self, ledger, values):
        golongan = parse_pangkat_golongan(values["pangkat_baru"])
        ledger.set_field("golongan", golongan, label=_("Rank/grade"), shown=pangkat_label(golongan),
                         shown_before=pangkat_label(ledger.employee.golongan) or "-")
        ledger.add_history(HistoryEntry.Kind.PANGKAT, pangkat_label(golongan), values["tmt"])


class GajiBerkala(DecreeEffect):
    template, statuses = "kgb", frozenset({"pns", "pppk"})

    def check(self, employee, values, today):
        problems = {}
        allowed = basic_salary_range(employee.golongan)
        if allowed and not allowed[0] <= values["gaji_baru"] <= allowed[1]:
            problems["gaji_baru"] = _("a basic salary in golongan %(golongan)s is from %(low)s to %(high)s "
                                      "(PP 5/2024); check the amount") % {
                "golongan": employee.golongan.split("/")[0], "low": format_rupiah(allowed[0], cents=False),
                "high": format_rupiah(allowed[1], cents=False)}
        if values["tmt"].day != 1:
            problems["tmt"] = _("a periodic increase takes effect on the first day of a month, e.g. %(date)s") % {
                "date": first_of_next_month(values["tmt"]).isoformat()}
        last = last_history(employee, HistoryEntry.Kind.GAJI_BERKALA)
        if last and last.effective_date:
            due = add_years(last.effective_date, 2)
            if values["tmt"] < due:
                problems["tmt"] = _("the next periodic increase is due on %(due)s, two years after the last "
                                    "(%(last)s)") % {"due": due.isoformat(), "last": last.effective_date.isoformat()}
            previous = last.details.get("gaji")
            if isinstance(previous, int) and values["gaji_baru"] <= previous and "gaji_baru" not in problems:
                problems["gaji_baru"] = _("must be higher than the current basic salary (%(amount)s)") % {
                    "amount": format_rupiah(previous, cents=False)}
        return problems

    def apply(self, ledger, values):
        tmt = values["tmt"]
        ledger.add_history(HistoryEntry.Kind.GAJI_BERKALA,
                           f"Gaji pokok {format_rupiah(values['gaji_baru'], cents=False)}", tmt,
                           gaji=values["gaji_baru"], next_due=add_years(tmt, 2))


class Mutasi(DecreeEffect):
    """SK mutasi / pindah jabatan: unit and/or jabatan; the fasilitators' scope follows the unit."""

    template, statuses = "sk_mutasi", WORKING

    def derived(self, employee, fields):
        unit = Unit.objects.select_related("agency").filter(code=str(fields.get("unit_baru") or "").strip()).first()
        target = unit or employee.unit
        return {"unit_baru_nama": f"{target.name}, {target.agency.name}"}

    def check(self, employee, values, today):
        problems = {}
        code = (values.get("unit_baru") or "").strip()
        unit = Unit.objects.filter(code=code).first() if code else employee.unit
        if unit is None:
            problems["unit_baru"] = _("no unit has the code %(code)s") % {"code": code}
        jabatan = (values.get("jabatan_baru") or "").strip()
        if unit == employee.unit and (not jabatan or jabatan == employee.jabatan):
            problems["jabatan_baru"] = _("neither the unit nor the position changes")
        last = last_history(employee, HistoryEntry.Kind.JABATAN)
        if last and last.effective_date and values["tmt"] <= last.effective_date:
            problems["tmt"] = _("must be after the TMT of the last position (%(date)s)") % {
                "date": last.effective_date.isoformat()}
        return problems

    def apply(self, ledger, values):
        employee = ledger.employee
        code = (values.get("unit_baru") or "").strip()
        if code and code != employee.unit.code:
            unit, old = Unit.objects.select_related("agency").get(code=code), employee.unit
            ledger.set_field("unit_id", unit.pk, label=_("Unit"), shown=unit.name, shown_before=old.name)
            ledger.move_fasilitator_units(old, unit)
        jabatan = (values.get("jabatan_baru") or "").strip() or employee.jabatan
        if jabatan != employee.jabatan:
            ledger.set_field("jabatan", jabatan, label=_("Position"))
        ledger.add_history(HistoryEntry.Kind.JABATAN, f"{jabatan} — {values['unit_baru_nama']}", values["tmt"],
                           unit=code or employee.unit.code)


class PengangkatanPns(DecreeEffect):
    template, statuses = "sk_pns", frozenset({"cpns"})

    def check(self, employee, values, today):
        since = tmt_cpns(employee)
        if since and values["tmt"] < add_years(since, 1):
            return {"tmt": _("a CPNS becomes PNS after at least one year; TMT CPNS is %(date)s, so not before "
                             "%(earliest)s") % {"date": since.isoformat(),
                                                "earliest": add_years(since, 1).isoformat()}}
        return {}

    def apply(self, ledger, values):
        ledger.add_status("pns", values["tmt"], "Pengangkatan CPNS menjadi PNS")


PENSION_BUP, PENSION_OWN_REQUEST = "Batas Usia Pensiun", "Atas Permintaan Sendiri"


class Pensiun(DecreeEffect):
    template, statuses = "sk_pensiun", frozenset({"pns", "cltn", "tugas_belajar", "diberhentikan_sementara"})

    def check(self, employee, values, today):
        kind, tmt = values["jenis_pensiun"], values["tmt"]
        if tmt.day != 1:
            return {"tmt": _("a pension starts on the first day of a month, e.g. %(date)s") % {
                "date": first_of_next_month(tmt).isoformat()}}
        bup = pension_date(employee)
        if kind == PENSION_BUP and tmt < bup:
            return {"tmt": _("the retirement age for this position is %(age)s, reached by %(date)s; a BUP "
                             "pension starts on %(date)s at the earliest") % {
                                 "age": bup_age(employee.jabatan), "date": bup.isoformat()}}
        if tmt > bup:
            # Past the retirement age the service has already ended: the pension is the BUP one, from its day.
            return {"tmt": _("the employee reaches the retirement age of the position (%(age)s) by %(date)s, so "
                             "the pension is a BUP pension from %(date)s; if the position's retirement age is "
                             "higher, correct the position (jabatan) on the record first") % {
                                 "age": bup_age(employee.jabatan), "date": bup.isoformat()}}
        if kind == PENSION_OWN_REQUEST:
            age, service = years_between(employee.tanggal_lahir, tmt), years_between(tmt_cpns(employee), tmt)
            if age < 45 or service < 20:
                return {"jenis_pensiun": _("a pension at one's own request needs age 45 and 20 years of service "
                                           "(at TMT: age %(age)s, %(service)s years)") % {"age": age,
                                                                                          "service": service}}
        return {}

    def suggested(self, employee, due_on, today):
        return {"jenis_pensiun": PENSION_BUP, "tmt": due_on.isoformat()}

    def apply(self, ledger, values):
        ledger.add_status("pensiun", values["tmt"], f"Pensiun: {values['jenis_pensiun']}")


class HukumanDisiplin(DecreeEffect):
    template = "sk_hukuman_disiplin"

    def apply(self, ledger, values):
        kind = values["jenis_hukuman"]
        ledger.add_history(HistoryEntry.Kind.DISIPLIN, kind, values["tmt"], pelanggaran=values["pelanggaran"])
        if kind.startswith("Pemberhentian"):
            ledger.add_status("diberhentikan", values["tmt"], f"Hukuman disiplin: {kind}")
        elif kind.startswith("Pembebasan dari jabatan"):
            ledger.set_field("jabatan", "Pelaksana", label=_("Position"))


class TeguranTertulis(DecreeEffect):
    template = "teguran_tertulis"

    def apply(self, ledger, values):
        ledger.add_history(HistoryEntry.Kind.DISIPLIN, "Teguran tertulis", None, alasan=values["alasan"])


def _unless_married(employee: Employee) -> dict[str, str]:
    """A permit to divorce and a spouse's card need a marriage on the record (unknown is not refused)."""
    if employee.status_perkawinan and employee.status_perkawinan != Employee.MaritalStatus.MARRIED:
        return {"employee": _("the record says this employee is not married (%(status)s)") % {
            "status": employee.get_status_perkawinan_display()}}
    return {}


class IzinPerceraian(DecreeEffect):
    """The permit comes before the court: the marital status changes with the akta cerai, not here."""

    template = "surat_izin_perceraian"

    def check(self, employee, values, today):
        return _unless_married(employee)

    def apply(self, ledger, values):
        ledger.add_history(HistoryEntry.Kind.KELUARGA, f"Izin perceraian dengan {values['nama_pasangan']}", None)


MATERNITY_LEAVE, CLTN_LEAVE = "Cuti Melahirkan", "Cuti di Luar Tanggungan Negara"  # (ANNUAL_LEAVE, LONG_LEAVE: record)
# The longest each kind of leave may run, in calendar days (PP 11/2017 Pasal 310-336).
LEAVE_LIMIT_DAYS = {LONG_LEAVE: 92, MATERNITY_LEAVE: 92, "Cuti Karena Alasan Penting": 31,
                    "Cuti Sakit": 548, CLTN_LEAVE: 3 * 366}


class Cuti(DecreeEffect):
    """PP 11/2017 (PNS, CPNS) and PP 49/2018 (PPPK: no cuti besar, no CLTN). A leave is refused when it
    overlaps one already granted, falls where the employee is not at work (study, CLTN), exceeds its
    length or the year's balance, or is a kind the employee has no right to yet."""

    template, statuses = "izin_cuti", WORKING

    def derived(self, employee, fields):
        """How long, as the permit prints it: working days for annual leave, calendar days otherwise."""
        try:
            start, end = (dt.date.fromisoformat(str(fields.get(name)).strip())
                          for name in ("tanggal_mulai", "tanggal_selesai"))
        except ValueError:
            return {}  # the template's own checks name the field
        if fields.get("jenis_cuti") == ANNUAL_LEAVE:
            return {"lama_cuti": f"{working_days(start, end)} hari kerja"}
        return {"lama_cuti": f"{(end - start).days + 1} hari"}

    def check(self, employee, values, today):
        kind, start, end = values["jenis_cuti"], values["tanggal_mulai"], values["tanggal_selesai"]
        status = employee_status_on(employee, start) or employee.status
        if status not in WORKING:
            return {"tanggal_mulai": _("on %(date)s the employee's status is %(status)s: leave is for an employee "
                                       "at work") % {"date": start.isoformat(), "status": _status_label(status)}}
        granted = leave_overlapping(employee, start, end)
        if granted:
            return {"tanggal_mulai": _("overlaps leave already granted: %(leave)s, %(start)s to %(end)s") % {
                "leave": granted.title, "start": granted.effective_date.isoformat(),
                "end": leave_until(granted).isoformat()}}
        if kind in (LONG_LEAVE, CLTN_LEAVE) and status == "pppk":
            return {"jenis_cuti": _("a PPPK employee has no %(kind)s (PP 49/2018: annual, sick, maternity leave "
                                    "and cuti bersama)") % {"kind": kind}}
        if kind == MATERNITY_LEAVE and employee.jenis_kelamin != Employee.Sex.FEMALE:
            return {"jenis_cuti": _("maternity leave is for a female employee; for a wife's childbirth give Cuti "
                                    "Karena Alasan Penting")}
        if kind == ANNUAL_LEAVE:
            return self._annual(employee, start, end)
        if (end - start).days + 1 > LEAVE_LIMIT_DAYS[kind]:
            return {"tanggal_selesai": _("%(kind)s lasts at most %(limit)s days") % {
                "kind": kind, "limit": LEAVE_LIMIT_DAYS[kind]}}
        if kind in (LONG_LEAVE, CLTN_LEAVE) and years_between(tmt_cpns(employee), start) < 5:
            return {"jenis_cuti": _("%(kind)s needs at least five years of service") % {"kind": kind}}
        earlier = leaves_of_kind(employee, LONG_LEAVE)[:1]
        if kind == LONG_LEAVE and earlier and start < add_years(earlier[0].effective_date, 5):
            return {"tanggal_mulai": _("a Cuti Besar comes after five more years of service: the last began "
                                       "%(last)s, so not before %(earliest)s") % {
                "last": earlier[0].effective_date.isoformat(),
                "earliest": add_years(earlier[0].effective_date, 5).isoformat()}}
        return {}

    @staticmethod
    def _annual(employee, start, end):
        if start.year != end.year:
            return {"tanggal_selesai": _("annual leave is taken within one year; split it at the year's end")}
        earliest = add_years(tmt_cpns(employee), 1)
        if start < earliest:
            return {"tanggal_mulai": _("annual leave comes after a year of continuous service: from %(date)s") % {
                "date": earliest.isoformat()}}
        long_leave = [e for e in leaves_of_kind(employee, LONG_LEAVE) if e.details.get("year") == start.year]
        if long_leave:
            return {"jenis_cuti": _("no annual leave in a year in which Cuti Besar is taken (from %(date)s)") % {
                "date": long_leave[0].effective_date.isoformat()}}
        days, account = working_days(start, end), leave_account(employee, start.year)
        if days == 0:
            return {"tanggal_selesai": _("no working day from %(start)s to %(end)s (weekends, holidays and cuti "
                                         "bersama are not leave days)") % {
                "start": start.isoformat(), "end": end.isoformat()}}
        if days > account.left:
            off = weekdays_off_between(start, end)
            return {"tanggal_selesai": _("%(days)s working days asked, %(balance)s left of this year's annual "
                                         "leave (%(account)s)") % {
                "days": days, "balance": account.left, "account": account.explained()} + (
                "; " + _("not counted: %(days_off)s") % {"days_off": ", ".join(
                    f"{day.day.isoformat()} {day.name}" for day in off)} if off else "")}
        return {}

    def apply(self, ledger, values):
        kind, start, end = values["jenis_cuti"], values["tanggal_mulai"], values["tanggal_selesai"]
        days = working_days(start, end) if kind == ANNUAL_LEAVE else (end - start).days + 1
        ledger.add_history(HistoryEntry.Kind.CUTI, f"{kind}, {days} hari", start, jenis=kind, days=days,
                           year=start.year, until=end)
        if kind == ANNUAL_LEAVE:
            balance = leave_balance(ledger.employee, start.year)
            ledger.lines.append(Change(_("Annual leave left %(year)s") % {"year": start.year},
                                       str(balance if ledger.dry else balance + days),
                                       str(balance - days if ledger.dry else balance)))
        if kind == CLTN_LEAVE:
            _away_and_back(ledger, "cltn", start, end, kind)


def _away_and_back(ledger: Ledger, status: str, start: dt.date, end: dt.date, reason: str) -> None:
    """A status for a dated spell (CLTN, tugas belajar), then back to the status before it."""
    back = employee_status_on(ledger.employee, start) or ledger.employee.status
    ledger.add_status(status, start, reason)
    ledger.add_status(back, end + dt.timedelta(days=1), f"Kembali dari {reason.lower()}")


class IzinBelajar(DecreeEffect):
    template, statuses = "izin_belajar", WORKING

    def apply(self, ledger, values):
        ledger.add_history(HistoryEntry.Kind.PENDIDIKAN,
                           f"{values['jenjang']} {values['program_studi']} (izin belajar)", None,
                           institusi=values["institusi"], status="izin_belajar")


class TugasBelajar(DecreeEffect):
    template, statuses = "sk_tugas_belajar", frozenset({"pns"})

    def check(self, employee, values, today):
        if (values["tanggal_selesai"] - values["tanggal_mulai"]).days > 6 * 366:
            return {"tanggal_selesai": _("a study assignment lasts at most six years")}
        return {}

    def apply(self, ledger, values):
        ledger.add_history(HistoryEntry.Kind.PENDIDIKAN,
                           f"{values['jenjang']} {values['program_studi']} (tugas belajar)", values["tanggal_mulai"],
                           institusi=values["institusi"], status="tugas_belajar")
        _away_and_back(ledger, "tugas_belajar", values["tanggal_mulai"], values["tanggal_selesai"], "Tugas belajar")


def _card_in_force(employee: Employee, template: str, number: str):
    """The card of `template` the record's number names, when the system issued it and it is in force
    (a number carried over from paper, or a revoked card, holds nothing back)."""
    if not number:
        return None
    return IssuedDocument.objects.filter(employee=employee, template=template, number=number,
                                         status=IssuedDocument.Status.CURRENT).first()


class KartuPegawai(DecreeEffect):
    template, statuses = "kartu_pegawai", frozenset({"pns"})

    def check(self, employee, values, today):
        card = _card_in_force(employee, self.template, employee.nomor_karpeg)
        if card:
            return {"employee": _("already holds Karpeg %(number)s (issued %(date)s): to correct it, re-issue it; "
                                  "for a lost or damaged card, revoke it first (reason: lost, damaged)") % {
                "number": card.number, "date": timezone.localdate(card.issued_at).isoformat()}}
        return {}

    def apply(self, ledger, values):
        ledger.set_field("nomor_karpeg", ledger.issued_document.number if ledger.issued_document else _("(numbered "
                         "on issue)"), label=_("Karpeg number"))


class KarisKarsu(DecreeEffect):
    template = "karis_karsu"

    def check(self, employee, values, today):
        card = _card_in_force(employee, self.template, employee.nomor_karis_karsu)
        same_spouse = card and (card.fields.get("nama_pasangan") or "").casefold() == \
            (values.get("nama_pasangan") or "").strip().casefold()
        if same_spouse:
            return {"nama_pasangan": _("%(spouse)s already has card %(number)s (issued %(date)s): to correct it, "
                                       "re-issue it; for a lost or damaged card, revoke it first") % {
                "spouse": card.fields.get("nama_pasangan"), "number": card.number,
                "date": timezone.localdate(card.issued_at).isoformat()}}
        return _unless_married(employee)

    def apply(self, ledger, values):
        ledger.set_field("nomor_karis_karsu", ledger.issued_document.number if ledger.issued_document else _(
            "(numbered on issue)"), label=_("Karis/Karsu number"))


class PerpanjanganPppk(DecreeEffect):
    """A PPPK's perjanjian kerja extended (PP 49/2018 Pasal 37: at least a year, on performance and need):
    it continues the current one without a gap or an overlap, runs at most five years, and ends before
    the retirement age of the position."""

    template, statuses = "perpanjangan_pppk", frozenset({"pppk"})

    def check(self, employee, values, today):
        tmt, until, problems = values["tmt"], values["sampai"], {}
        current = employee.akhir_perjanjian_kerja
        if current and tmt != current + dt.timedelta(days=1):
            problems["tmt"] = _("the current agreement ends on %(end)s: the extension starts the day after, "
                                "%(start)s") % {"end": current.isoformat(),
                                                "start": (current + dt.timedelta(days=1)).isoformat()}
        if until < add_years(tmt, 1) - dt.timedelta(days=1):
            problems["sampai"] = _("an agreement runs at least a year: until %(date)s or later") % {
                "date": (add_years(tmt, 1) - dt.timedelta(days=1)).isoformat()}
        elif until > add_years(tmt, 5) - dt.timedelta(days=1):
            problems["sampai"] = _("an extension runs at most five years: until %(date)s at the latest") % {
                "date": (add_years(tmt, 5) - dt.timedelta(days=1)).isoformat()}
        elif until >= pension_date(employee):
            problems["sampai"] = _("the employment ends at the retirement age of the position (%(age)s): until "
                                   "%(date)s at the latest") % {
                "age": bup_age(employee.jabatan),
                "date": (pension_date(employee) - dt.timedelta(days=1)).isoformat()}
        return problems

    def suggested(self, employee, due_on, today):
        """Five years from the day after the current agreement, ending before the retirement age."""
        until = min(add_years(due_on, 5), pension_date(employee)) - dt.timedelta(days=1)
        return {"tmt": due_on.isoformat(), "sampai": until.isoformat()}

    def apply(self, ledger, values):
        ledger.set_field("akhir_perjanjian_kerja", values["sampai"], label=_("Employment agreement until"),
                         shown=values["sampai"].isoformat())
        ledger.add_history(HistoryEntry.Kind.JABATAN,
                           f"Perpanjangan perjanjian kerja PPPK sampai {values['sampai']:%d-%m-%Y}", values["tmt"],
                           sampai=values["sampai"])


class SuratUsul(DecreeEffect):
    """A proposal to an outside body changes nothing yet: its reply does (desk.services.requests)."""

    template, statuses = "surat_usul", frozenset(EmploymentStatus.values)  # Taspen, KORPRI: retirees too

    def apply(self, ledger, values):
        return None


EFFECTS: dict[str, DecreeEffect] = {effect.template: effect for effect in (
    KenaikanPangkat(), GajiBerkala(), Mutasi(), PengangkatanPns(), Pensiun(), HukumanDisiplin(), TeguranTertulis(),
    IzinPerceraian(), Cuti(), IzinBelajar(), TugasBelajar(), KartuPegawai(), KarisKarsu(), PerpanjanganPppk(),
    SuratUsul())}


def decree_effect(template: str) -> DecreeEffect | None:
    return EFFECTS.get(template)



__all__ = ["Change", "Ledger", "DecreeEffect", "EFFECTS", "before_appointment", "decree_effect", "parsed_fields",
           "StatusPeriod"]
