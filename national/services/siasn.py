"""SI-ASN pulls into the reconciliation diff, and approved data updates pushed back.

    start:  the NIPs asked for -> a SiasnPull (audited) -> a task runs it
    run:    for each NIP not fetched yet: data + riwayat (golongan, jabatan, pendidikan) from SI-ASN,
            kept at once (SiasnRecord, unique per pull and NIP). SI-ASN not answering (timeouts after
            retries) interrupts the pull; it resumes where it stopped, never fetching or keeping a NIP twice.
    diff:   once every NIP is fetched: the records in the reconciliation columns -> the existing
            reconciliation diff (reports.exchange), applied only when an administrator confirms it.
    push:   an approved data update of a field SI-ASN's API accepts (email, phone, address) is sent; the
            answer is kept (SiasnPush) and audited. Other fields are not sent (SI-ASN's own services).
"""
from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.enqueue import enqueue
from desk.models import DataUpdate
from people.models import Unit
from people.selectors_record import parse_day
from archive.services.audit import audit_record
from archive.services.errors import Refused
from people.services.employees import employee_row_check
from national.models import SiasnPull, SiasnPush, SiasnRecord
from national.siasn_client import PUSHABLE_FIELDS, SiasnClient, SiasnError, SiasnSettings, SiasnUnavailable
from ocr.nip import InvalidNip, parse_nip
from reports.exchange import reconciliation_diff_records

HISTORY_KINDS = {"golongan": "pangkat", "jabatan": "jabatan", "pendidikan": "pendidikan"}


class SiasnRefused(Refused):
    """A pull or push the service will not start."""


def siasn_client() -> SiasnClient:
    _configured()
    return SiasnClient(SiasnSettings(
        url=settings.SIASN_URL, token_url=settings.SIASN_TOKEN_URL, client_id=settings.SIASN_CLIENT_ID,
        client_secret=settings.SIASN_CLIENT_SECRET, timeout_seconds=settings.SIASN_TIMEOUT,
        retries=settings.SIASN_RETRIES, requests_per_second=settings.SIASN_REQUESTS_PER_SECOND))


# --- SI-ASN's shapes -> ours ---------------------------------------------------------------------

def _date(value) -> str:
    """dd-mm-yyyy (SI-ASN) or yyyy-mm-dd -> ISO; "" when absent or unreadable."""
    try:
        return parse_day(str(value or "").strip()[:10]).isoformat()
    except ValueError:
        return ""


def _history_entry(kind: str, item: dict) -> dict | None:
    if kind == "golongan":
        golongan = item.get("golongan") or ""
        title = f"{item.get('pangkat')}, {golongan}" if item.get("pangkat") else golongan
        entry = {"title": title, "effective_date": _date(item.get("tmtGolongan")),
                 "reference_number": item.get("skNomor") or ""}
    elif kind == "jabatan":
        entry = {"title": item.get("namaJabatan") or item.get("jabatanFungsionalNama")
                 or item.get("jabatanStrukturalNama") or "", "effective_date": _date(item.get("tmtJabatan")),
                 "reference_number": item.get("nomorSk") or ""}
    else:
        year = str(item.get("tahunLulus") or "").strip()
        entry = {"title": item.get("pendidikanNama") or "", "effective_date": f"{year}-12-31" if year.isdigit() else "",
                 "reference_number": item.get("nomorIjazah") or ""}
    if not entry["title"]:
        return None
    return {"kind": HISTORY_KINDS[kind], **entry}


def siasn_record(data: dict, histories: dict[str, list]) -> dict:
    """An SI-ASN employee in the reconciliation columns, with its riwayat."""
    golongan = data.get("golRuangAkhir") or ""
    pangkat = f"{data['pangkatAkhir']}, {golongan}" if data.get("pangkatAkhir") and golongan else golongan
    entries = [e for kind, items in histories.items() for e in (_history_entry(kind, i) for i in items) if e]
    return {"nama": " ".join(str(data.get("nama") or "").split()), "nip": str(data.get("nipBaru") or ""),
            "pangkat_golongan": pangkat, "pendidikan": data.get("pendidikanTerakhirNama") or "",
            "jabatan": data.get("jabatanNama") or "", "unit": data.get("unorNama") or "", "history": entries}


def _fetch(client: SiasnClient, nip: str) -> tuple[dict | None, dict]:
    data = client.employee(nip)
    if data is None:
        return None, {}
    histories = {kind: client.history(nip, kind) for kind in HISTORY_KINDS}
    return siasn_record(data, histories), {"data_utama": data, **{f"rw_{k}": v for k, v in histories.items()}}


# --- pulls ----------------------------------------------------------------------------------------

def _configured() -> None:
    if not settings.SIASN_URL:
        raise SiasnRefused(_("SI-ASN is not configured (SIASN_URL)."), code="conflict")


def siasn_pull_start(*, actor, nips: list[str], run_later: bool = True) -> SiasnPull:
    _configured()
    clean, bad = [], []
    for nip in nips:
        try:
            value = parse_nip(str(nip)).value
        except InvalidNip:
            bad.append(str(nip))
            continue
        if value not in clean:
            clean.append(value)
    if bad:
        raise SiasnRefused(_("These NIPs are not valid: %(nips)s") % {"nips": ", ".join(bad[:20])},
                           errors={"nips": _("not valid")})
    with transaction.atomic():
        pull = SiasnPull.objects.create(nips=clean, created_by=actor)
        audit_record(actor=actor, action="siasn.pull", target=f"siasn-pull:{pull.pk}", details={"nips": len(clean)})
        if run_later:
            transaction.on_commit(lambda: _run_later(pull.pk))
    return pull


def _run_later(pull_id: int) -> None:
    enqueue("national.tasks.siasn_pull_run_task", pull_id, what=f"SI-ASN pull {pull_id}")


def siasn_pull_resume(*, actor, pull: SiasnPull, run_later: bool = True) -> SiasnPull:
    _configured()
    if pull.status == SiasnPull.Status.DONE:
        raise SiasnRefused(_("This pull has finished; its diff is waiting for confirmation."), code="conflict")
    audit_record(actor=actor, action="siasn.pull_resume", target=f"siasn-pull:{pull.pk}",
                 details={"fetched": pull.records.count(), "of": len(pull.nips)})
    if run_later:
        transaction.on_commit(lambda: _run_later(pull.pk))
    return pull


def siasn_pull_run(pull_id: int, *, client: SiasnClient | None = None) -> SiasnPull:
    """Fetch what is not fetched yet; when everything is, make the diff. Safe to run again (a
    redelivered task, a resume): a NIP already kept is neither asked for nor kept twice."""
    with transaction.atomic():
        pull = SiasnPull.objects.select_for_update().get(pk=pull_id)
        if pull.status == SiasnPull.Status.DONE:
            return pull
        pull.status, pull.attempts, pull.last_error = SiasnPull.Status.RUNNING, pull.attempts + 1, ""
        pull.save(update_fields=["status", "attempts", "last_error"])
    own_client = client is None
    client = client or siasn_client()
    try:
        fetched = set(SiasnRecord.objects.filter(pull=pull).values_list("nip", flat=True))
        for nip in pull.nips:
            if nip in fetched:
                continue
            try:
                record, raw = _fetch(client, nip)
            except (SiasnUnavailable, SiasnError) as exc:
                return _interrupted(pull, exc)
            SiasnRecord.objects.get_or_create(pull=pull, nip=nip, defaults={
                "found": record is not None, "record": record or {}, "raw": raw})
    finally:
        if own_client:
            client.close()
    return _make_diff(pull)


def _interrupted(pull: SiasnPull, exc: Exception) -> SiasnPull:
    fetched = pull.records.count()
    pull.status, pull.last_error = SiasnPull.Status.INTERRUPTED, str(exc)[:1000]
    pull.save(update_fields=["status", "last_error"])
    audit_record(actor=None, action="siasn.pull_interrupted", target=f"siasn-pull:{pull.pk}",
                 details={"fetched": fetched, "of": len(pull.nips), "error": str(exc)[:300]})
    return pull


def _make_diff(pull: SiasnPull) -> SiasnPull:
    units_by_code = {u.code.upper(): u for u in Unit.objects.all()}
    units_by_name = {u.name.lower(): u for u in units_by_code.values()}
    kept = {r.nip: r for r in pull.records.all()}
    records, errors, unknown = [], [], []
    for line, nip in enumerate(pull.nips, start=1):
        kept_record = kept[nip]
        if not kept_record.found:
            unknown.append(nip)
            continue
        row = kept_record.record
        clean_nip, golongan, unit, problems = employee_row_check(
            {c: " ".join(str(row.get(c) or "").split()) for c in ("nama", "nip", "pangkat_golongan", "unit")},
            units_by_code, units_by_name)
        if clean_nip and clean_nip != nip:
            problems.append(f"SI-ASN menjawab NIP {clean_nip} untuk {nip}")
        if problems:
            errors.append({"line": line, "nip": nip, "detail": "; ".join(problems)})
            continue
        records.append({"line": line, "nip": nip, "nama": row["nama"], "golongan": golongan,
                        "pendidikan": row["pendidikan"], "jabatan": row["jabatan"], "unit": unit.code,
                        "history": row.get("history", [])})
    # NIPs SI-ASN does not know are not "missing" employees: they are listed on the pull, not removed.
    scope = [nip for nip in pull.nips if nip not in unknown]
    with transaction.atomic():
        reconciliation = reconciliation_diff_records(actor=pull.created_by, records=records, errors=errors,
                                                     source_name=f"SI-ASN (tarikan {pull.pk})", scope=scope)
        reconciliation.diff["not_in_siasn"] = unknown
        reconciliation.save(update_fields=["diff"])
        pull.status, pull.reconciliation, pull.finished_at = SiasnPull.Status.DONE, reconciliation, timezone.now()
        pull.save(update_fields=["status", "reconciliation", "finished_at"])
        audit_record(actor=None, action="siasn.pull_done", target=f"siasn-pull:{pull.pk}",
                     details={"reconciliation": reconciliation.pk, "records": len(records), "errors": len(errors),
                              "not_in_siasn": len(unknown)})
    return pull


# --- pushes ---------------------------------------------------------------------------------------

def siasn_push_data_update(*, actor, update: DataUpdate, client: SiasnClient | None = None) -> SiasnPush:
    """Send an approved data update to SI-ASN where its API accepts that field; keep the answer."""
    if update.status != DataUpdate.Status.APPROVED:
        raise SiasnRefused(_("Only an approved data update is sent to SI-ASN."), code="conflict")
    if update.field not in PUSHABLE_FIELDS:
        push = SiasnPush.objects.create(data_update=update, status=SiasnPush.Status.NOT_SUPPORTED,
                                        answer={"field": update.field or update.history_kind}, pushed_by=actor)
    else:
        own_client = client is None
        client = client or siasn_client()
        try:
            answer = client.update_employee(update.employee.nip, {PUSHABLE_FIELDS[update.field]: update.value})
        except SiasnError as exc:
            answer = {"http": None, "code": 0, "message": str(exc)[:500]}
        finally:
            if own_client:
                client.close()
        sent = answer.get("http") == 200 and str(answer.get("code")) == "1"
        push = SiasnPush.objects.create(data_update=update, answer=answer, pushed_by=actor,
                                        status=SiasnPush.Status.SENT if sent else SiasnPush.Status.REFUSED)
    audit_record(actor=actor, action="siasn.push", target=f"data-update:{update.pk}",
                 details={"status": push.status, "field": update.field, "employee": update.employee.nip})
    return push
