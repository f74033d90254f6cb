"""The quarterly personnel report to the governor (Pergub Jatim 73/2020 Pasal 19): tables and
charts of headcount movements, file completeness, verification backlog, services processed and
documents issued, rendered to PDF/A and signed like every issued document. Each quarter's report
is one series of IssuedDocument versions (template `laporan_triwulan`, no employee): producing it
again issues a new version and the earlier one reads as superseded on /verify.

This is an internal report with exact figures (no small-cell suppression: it is not published).
Every figure is counted as of the quarter (`Quarter.as_of`: its last day, or today while it runs),
from dated records, so a past quarter's report gives the same figures however often it is produced
and whatever was recorded since:
- headcount: employees on the province's books on the last day (their dated status history,
  people.selectors_status), counted under the agency of their unit today; joined: on the books at
  the end and not on the day before the quarter; left: on the books the day before, not at the end
  (so active at the start + joined - left = active at the end); transfers in: unit changes applied
  by reconciliation or by an SK mutasi (not revoked) in the quarter, under the new unit's agency;
- file completeness and backlog: the scans uploaded and decided by the end of the last day, for the
  employees on the books then (archive.selectors_monitoring);
- verification, services and issued documents: by the dates recorded on each (decided, submitted,
  issued, revoked). A service request returned and later resubmitted keeps only its latest dates.
"""
from __future__ import annotations

import datetime as dt
import re
import secrets
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from issuing import signing_runtime
from desk.models import Service, ServiceRequest
from documents.models import DocumentVersion, VerificationDecision
from issuing.models import IssuedDocument, RecordChange
from people.models import ON_ROLL_STATUSES, Agency, Unit
from archive.selectors_monitoring import file_completeness_of_units
from people.selectors_status import employees_with_status_across
from archive.services.errors import Refused
from issuing.services.issuing import issued_document_store
from issuing.services.numbering import number_reservation_void_quietly, number_reserve
from reports.models import ReconciliationChange
from signing.report import Chart, Report, Section
from signing.templates import format_date_id, format_number_id, load_templates

TEMPLATE = "laporan_triwulan"
TITLE = "Laporan Triwulanan Data Kepegawaian"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Approved by BKD: the output issued, or the surat usul sent to the deciding body (replied to or not yet).
DECIDED = [ServiceRequest.Status.APPROVED, ServiceRequest.Status.SENT, ServiceRequest.Status.COMPLETED]


class ReportRefused(Refused):
    pass


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        match = re.fullmatch(r"\s*(\d{4})\s*-?\s*[QqTt]([1-4])\s*", text or "")
        if not match:
            raise ReportRefused(_("Unknown quarter %(quarter)s; write e.g. 2026Q3.") % {"quarter": repr(text)},
                                errors={"quarter": _("format")})
        return cls(int(match[1]), int(match[2]))

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return (dt.date(self.year + (self.number == 4), (3 * self.number) % 12 + 1, 1) - dt.timedelta(days=1))

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) in the local time zone."""
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(self.first_day, dt.time.min, tzinfo=tz)
        return start, dt.datetime.combine(self.last_day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)

    def as_of(self, today: dt.date | None = None) -> dt.date:
        """The day the quarter's figures are counted on: its last day, or today while it runs."""
        return min(self.last_day, today or timezone.localdate())

    def label(self) -> str:
        return (f"Triwulan {ROMAN[self.number]} Tahun {self.year} "
                f"({format_date_id(self.first_day)} – {format_date_id(self.last_day)})")


def _in(field: str, start, end) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def headcount_by_agency(first_day: dt.date, last_day: dt.date) -> dict[str, Counter]:
    """{"active", "joined", "left"}: agency code -> employees, read from the dated status history
    (the agency is that of the employee's unit today)."""
    figures = {"active": Counter(), "joined": Counter(), "left": Counter()}
    rows = employees_with_status_across(first_day, last_day).values_list("unit__agency__code", "status_before",
                                                                         "status_after")
    for agency, before, after in rows.iterator(chunk_size=5000):
        was, is_ = before in ON_ROLL_STATUSES, after in ON_ROLL_STATUSES
        figures["active"][agency] += is_
        figures["joined"][agency] += is_ and not was
        figures["left"][agency] += was and not is_
    return figures


def quarterly_figures(quarter: Quarter, *, today: dt.date | None = None) -> dict:
    """Every number the report prints, read from the database as of the quarter (see the module)."""
    start, end = quarter.bounds()
    as_of = quarter.as_of(today)
    agencies = list(Agency.objects.order_by("name").values_list("code", "name"))
    counts = headcount_by_agency(quarter.first_day, as_of)
    active, joined, left = counts["active"], counts["joined"], counts["left"]
    unit_agency = dict(Unit.objects.values_list("code", "agency__code"))
    transfers = Counter(unit_agency.get(code) for code in ReconciliationChange.objects.filter(
        _in("applied_at", start, end), field="unit").values_list("new_value", flat=True))
    agency_of_unit = dict(Unit.objects.values_list("pk", "agency__code"))
    moves = RecordChange.objects.filter(_in("applied_at", start, end), reverted_at__isnull=True,
                                        changes__fields__has_key="unit_id")  # SK mutasi in force
    transfers.update(agency_of_unit.get(changes["fields"]["unit_id"][1])
                     for changes in moves.values_list("changes", flat=True))
    headcount = [{"agency": code, "name": name, "active": active[code], "joined": joined[code], "left": left[code],
                  "transfers_in": transfers[code]} for code, name in agencies]

    completeness = file_completeness_of_units(Unit.objects.all(), on=as_of)
    by_agency: dict = {}
    for row in completeness["units"]:
        entry = by_agency.setdefault(row["agency"], Counter())
        entry.update({k: row[k] for k in ("employees", "required", "verified", "backlog")})
    files = [{"agency": code, "name": name, **{k: by_agency.get(code, Counter())[k]
                                                for k in ("employees", "required", "verified", "backlog")}}
             for code, name in agencies]
    for row in files:
        row["completeness"] = round(row["verified"] / row["required"] * 100, 1) if row["required"] else 0.0

    decisions = Counter(VerificationDecision.objects.filter(_in("decided_at", start, end))
                        .values_list("decision", flat=True))
    uploads = DocumentVersion.objects.filter(_in("uploaded_at", start, end)).count()

    requests = ServiceRequest.objects.all()
    services = []
    for code, name in Service.objects.order_by("name").values_list("code", "name"):
        mine = requests.filter(service__code=code)
        services.append({"service": code, "name": name,
                         "submitted": mine.filter(_in("submitted_at", start, end)).count(),
                         "approved": mine.filter(_in("decided_at", start, end), status__in=DECIDED).count(),
                         "returned": mine.filter(_in("decided_at", start, end), status="returned").count()})

    names = {code: template.name for code, template in load_templates().items()}
    issued_rows = IssuedDocument.objects.exclude(template=TEMPLATE)
    issued = Counter(issued_rows.filter(_in("issued_at", start, end)).values_list("template", flat=True))
    revoked = Counter(issued_rows.filter(_in("revoked_at", start, end)).values_list("template", flat=True))
    documents = [{"template": code, "name": names.get(code, code), "issued": issued[code], "revoked": revoked[code]}
                 for code in sorted(set(issued) | set(revoked), key=lambda c: names.get(c, c))]
    return {"quarter": quarter.code, "as_of": as_of, "headcount": headcount, "files": files, "uploads": uploads,
            "decisions": {k: decisions[k] for k in VerificationDecision.Decision.values},
            "backlog": completeness["totals"]["backlog"], "services": services, "documents": documents}


def quarterly_report_content(quarter: Quarter, figures: dict) -> Report:
    h, f = figures["headcount"], figures["files"]
    total = lambda rows, key: sum(r[key] for r in rows)  # noqa: E731
    decisions = figures["decisions"]
    sections = (
        Section("Jumlah dan pergerakan pegawai",
                (("Perangkat Daerah", "Pegawai aktif", "Masuk", "Keluar", "Mutasi masuk"),
                 *((r["name"], r["active"], r["joined"], r["left"], r["transfers_in"]) for r in h),
                 ("Jumlah", total(h, "active"), total(h, "joined"), total(h, "left"), total(h, "transfers_in"))),
                note=("Pegawai aktif: CPNS, PNS dan PPPK (termasuk yang cuti di luar tanggungan negara, tugas "
                      "belajar atau diberhentikan sementara) menurut riwayat status pada "
                      f"{format_date_id(figures['as_of'])}; masuk, keluar dan mutasi selama triwulan. "
                      "Perangkat Daerah menurut unit kerja saat ini."),
                chart=Chart("Pegawai aktif per Perangkat Daerah", tuple(r["name"] for r in h),
                            tuple(r["active"] for r in h))),
        Section("Kelengkapan berkas dan antrean verifikasi",
                (("Perangkat Daerah", "Pegawai", "Dokumen inti wajib", "Terverifikasi", "Kelengkapan (%)",
                  "Menunggu verifikasi"),
                 *((r["name"], r["employees"], r["required"], r["verified"], format_number_id(r["completeness"], 1), r["backlog"])
                   for r in f),
                 ("Jumlah", total(f, "employees"), total(f, "required"), total(f, "verified"),
                  format_number_id((total(f, "verified") / total(f, "required") * 100) if total(f, "required") else 0, 1),
                  total(f, "backlog"))),
                note=(f"Keadaan pada {format_date_id(figures['as_of'])}: pindaian yang diunggah dan diputus "
                      "sampai tanggal itu."),
                chart=Chart("Kelengkapan dokumen inti (%)", tuple(r["name"] for r in f),
                            tuple(r["completeness"] for r in f))),
        Section("Verifikasi pindaian selama triwulan",
                (("Uraian", "Jumlah"), ("Pindaian diunggah", figures["uploads"]),
                 ("Diverifikasi", decisions["verified"]), ("Ditolak", decisions["rejected"]),
                 ("Tidak autentik", decisions["not_authentic"]),
                 (f"Menunggu verifikasi pada {format_date_id(figures['as_of'])}", figures["backlog"]))),
        Section("Layanan kepegawaian yang diproses",
                (("Layanan", "Diajukan", "Disetujui", "Dikembalikan"),
                 *((r["name"], r["submitted"], r["approved"], r["returned"]) for r in figures["services"]),
                 ("Jumlah", total(figures["services"], "submitted"), total(figures["services"], "approved"),
                  total(figures["services"], "returned")))),
        Section("Dokumen yang diterbitkan",
                (("Jenis dokumen", "Diterbitkan", "Dicabut"),
                 *((r["name"], r["issued"], r["revoked"]) for r in figures["documents"]),
                 ("Jumlah", total(figures["documents"], "issued"), total(figures["documents"], "revoked"))),
                chart=Chart("Dokumen diterbitkan per jenis", tuple(r["name"] for r in figures["documents"]),
                            tuple(r["issued"] for r in figures["documents"])) if figures["documents"] else None),
    )
    subtitle = quarter.label()
    if figures["as_of"] < quarter.last_day:  # the quarter is not over: the figures may still change
        subtitle += f" — sementara, keadaan pada {format_date_id(figures['as_of'])}"
    return Report(title=TITLE.upper(), subtitle=subtitle, sections=sections, code=TEMPLATE,
                  intro="Laporan data kepegawaian Aparatur Sipil Negara kepada Gubernur sesuai Pasal 19 "
                        "Peraturan Gubernur tentang Sistem Informasi Manajemen ASN terintegrasi.")


def quarterly_report_issue(*, actor, quarter: str) -> IssuedDocument:
    """Compute, render, sign and store the report of a quarter; a new version when it exists already."""
    parsed = Quarter.parse(quarter)
    if parsed.first_day > timezone.localdate():
        raise ReportRefused(_("Quarter %(quarter)s has not started yet.") % {"quarter": parsed.code},
                            errors={"quarter": _("not started yet")})
    previous = IssuedDocument.objects.filter(template=TEMPLATE, fields__quarter=parsed.code,
                                             status=IssuedDocument.Status.CURRENT).first()
    today = timezone.localdate()
    content = quarterly_report_content(parsed, quarterly_figures(parsed))
    # reserve (short transaction), sign (none), record (short): see issuing.services.issuing
    reservation = None if previous else number_reserve(template=TEMPLATE, year=today.year, actor=actor,
                                                       purpose=f"quarterly:{parsed.code}")[0]
    number = previous.number if previous else reservation.number
    token = secrets.token_urlsafe(18)
    try:
        with signing_runtime.locked():
            signed = signing_runtime.issuer().issue_report(content, number=number, verify_token=token,
                                                           issued_on=today)
    except BaseException as exc:
        number_reservation_void_quietly(reservation=reservation, reason=_("signing failed: %(error)s") % {
            "error": exc})
        raise
    return issued_document_store(actor=actor, template=TEMPLATE, title=f"{TITLE} {parsed.code}", number=number,
                                 employee=None, fields={"quarter": parsed.code}, token=token, pdf=signed.pdf,
                                 year=today.year, supersedes=previous, reservation=reservation)


def quarterly_reports():
    return IssuedDocument.objects.filter(template=TEMPLATE).order_by("-issued_at", "-id")

