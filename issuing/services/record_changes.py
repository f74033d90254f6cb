"""The employee's record follows the decrees issued about them.

    decree_problems   why a decree would be wrong for this employee now (nothing written)
    decree_plan       what it would change: (label, now, after) lines for the KONSEP preview
    record_change_apply   in the issuing transaction: write the changes, keep them with their before values
    record_change_revert  on revoke or correction: undo exactly those changes, and say what was undone

A corrected decree (a re-issue) is judged and applied against the record as it would be without
the version it replaces, so correcting a promotion's TMT is not refused as "not higher".
"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from issuing.models import IssuedDocument, RecordChange
from people.models import Employee, HistoryEntry, StatusPeriod
from archive.services.audit import AuditEntry, audit_record
from issuing.services.decrees import Change, Ledger, before_appointment, decree_effect, json_value, parsed_fields


class _Rollback(Exception):
    pass


@contextmanager
def _as_if_replaced(employee: Employee, supersedes: IssuedDocument | None):
    """The record as it would be without `supersedes`' changes; everything is rolled back after."""
    if supersedes is None:  # nothing to take away: the record as it is (no savepoint, no re-reads)
        yield employee
        return
    try:
        with transaction.atomic():
            if supersedes is not None:
                record_change_revert(issued=supersedes, actor=None, why="", dry_run=True)
            employee.refresh_from_db()
            yield employee
            raise _Rollback
    except _Rollback:
        pass
    employee.refresh_from_db()


def _check(template: str, employee: Employee, fields: dict, today: dt.date) -> dict[str, str]:
    effect = decree_effect(template)
    problems, values = {}, parsed_fields(template, fields)
    if (status := effect.status_problem(employee, today)) is not None:
        problems["employee"] = status
    return {**problems, **effect.check(employee, values, today), **before_appointment(employee, values)}


def decree_problems(*, template: str, employee: Employee, fields: dict,
                    supersedes: IssuedDocument | None = None) -> dict[str, str]:
    """Field -> what is wrong, for a decree whose fields are well formed; {} when it may be issued."""
    if decree_effect(template) is None or employee is None:
        return {}
    today = timezone.localdate()
    with _as_if_replaced(employee, supersedes) as now:
        return _check(template, now, fields, today)


def decree_plan(*, template: str, employee: Employee, fields: dict,
                supersedes: IssuedDocument | None = None) -> list[Change]:
    """What issuing would change, as (label, now, after) lines; nothing is written."""
    effect = decree_effect(template)
    if effect is None or employee is None:
        return []
    with _as_if_replaced(employee, supersedes) as now:
        ledger = Ledger(employee=now, dry=True)
        effect.apply(ledger, parsed_fields(template, fields))
        return ledger.lines


def decree_derived_fields(*, template: str, employee: Employee | None, fields: dict) -> dict:
    """The request's fields with those the system fills itself (e.g. the new unit's full name)."""
    effect = decree_effect(template)
    if effect is None or employee is None:
        return fields
    return {**fields, **effect.derived(employee, fields)}


def record_change_apply(*, issued: IssuedDocument, actor, supersedes: IssuedDocument | None = None
                        ) -> RecordChange | None:
    """In the issuing transaction: undo what the replaced version changed, check again on the
    locked record (another decree may have landed since the first check), and apply. The caller
    audits it, `record_change_audit_entry(change)` beside its own entry (one turn on the chain)."""
    effect = decree_effect(issued.template)
    if effect is None or issued.employee_id is None:
        return None
    employee = Employee.objects.select_for_update(no_key=True).select_related("unit__agency").get(
        pk=issued.employee_id)
    if supersedes is not None:
        record_change_revert(issued=supersedes, actor=actor,
                             why=_("corrected by version %(version)s") % {"version": issued.version})
        employee.refresh_from_db()
    problems = _check(issued.template, employee, issued.fields, timezone.localdate())
    if problems:
        from issuing.errors import IssuingRefused, refusal_message

        raise IssuingRefused(refusal_message(problems), problems)
    ledger = Ledger(employee=employee, actor=actor, issued_document=issued)
    effect.apply(ledger, parsed_fields(issued.template, issued.fields))
    Employee.objects.filter(pk=employee.pk).update(updated_at=timezone.now())
    change = RecordChange.objects.create(issued_document=issued, employee=employee, changes=ledger.changes,
                                         summary=ledger.summary())
    _search_follows(employee.pk, ledger.changes)
    return change


def record_change_audit_entry(change: RecordChange) -> AuditEntry:
    issued = change.issued_document
    return AuditEntry("record.change", f"employee:{change.employee.nip}",
                      {"issued": issued.number, "version": issued.version, "changes": change.changes})


def _search_follows(employee_id: int, changes: dict) -> None:
    """A moved employee's search entries carry the new unit (who may find them), after commit."""
    if "unit_id" in changes.get("fields", {}):
        from people.services.employees import reindex_employee_later

        transaction.on_commit(lambda: reindex_employee_later(employee_id))


def record_change_revert(*, issued: IssuedDocument, actor, why: str, dry_run: bool = False) -> str:
    """Undo what `issued` changed on the record; returns what was undone, in words. A field changed
    again since (by a later decree) keeps its newer value, and the summary says so."""
    change = RecordChange.objects.filter(issued_document=issued, reverted_at__isnull=True).first()
    if change is None:
        return ""
    employee = Employee.objects.select_for_update(no_key=True).get(pk=change.employee_id)
    restored, kept = [], []
    for name, (before, after) in change.changes.get("fields", {}).items():
        if json_value(getattr(employee, name)) == after:  # kept as JSON: a date as its ISO text
            Employee.objects.filter(pk=employee.pk).update(**{name: before})
            restored.append(f"{name}: {after} → {before}")
        else:
            kept.append(name)
    from people.models import UserProfile

    for profile_id, old_unit, new_unit in change.changes.get("fasilitator_units", []):
        profile = UserProfile.objects.filter(pk=profile_id).first()
        if profile is not None and profile.units.filter(pk=new_unit).exists():
            profile.units.remove(new_unit)
            profile.units.add(old_unit)
            restored.append(f"fasilitator units: {new_unit} → {old_unit}")
    now = timezone.now()
    undone = HistoryEntry.objects.filter(pk__in=change.changes.get("history", []), revoked_at__isnull=True)
    titles = [f"{entry.get_kind_display()}: {entry.title}" for entry in undone]
    undone.update(revoked_at=now)
    from people.services.status import status_period_revoke

    for period in StatusPeriod.objects.filter(pk__in=change.changes.get("statuses", []), revoked_at__isnull=True):
        status_period_revoke(period=period)
        titles.append(_("status %(status)s from %(date)s") % {"status": period.get_status_display(),
                                                               "date": period.effective_from.isoformat()})
    summary = "; ".join([*restored, *(_("withdrawn: %(what)s") % {"what": t} for t in titles),
                         *(_("%(field)s kept: changed again since") % {"field": k} for k in kept)])
    if dry_run:
        return summary
    change.reverted_at, change.reverted_by, change.revert_summary = now, actor, summary
    change.save(update_fields=["reverted_at", "reverted_by", "revert_summary"])
    _search_follows(employee.pk, change.changes)
    Employee.objects.filter(pk=employee.pk).update(updated_at=now)
    audit_record(actor=actor, action="record.revert", target=f"employee:{employee.nip}",
                 details={"issued": issued.number, "version": issued.version, "why": why, "undone": summary})
    return summary
