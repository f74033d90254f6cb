"""Collective update (peremajaan data kolektif, issue 8): a fasilitator or administrator records one
change — typically a new rank or salary-step history entry from one collective decree — for many
NIPs at once.

All or nothing, the way a BKD clerk enters a collective decree: when any NIP is malformed, not in the
caller's scope (answered exactly like a NIP that does not exist, so nothing leaks), listed twice, or
cannot take the change (the value is not valid for that employee, or the same decree is already
recorded for them), nothing is applied for anyone and the refusal names every such NIP with its
reason. The clerk fixes the list and submits it again, with no risk of recording the decree twice
for the employees that were fine.

On success each employee gets an approved DataUpdate (previous value kept, decided by the caller,
all sharing one `collective` id), an audit entry and a notification. The caller must be allowed to
decide the data (archive.services.data_updates.data_owner): BKD's data only by an administrator.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.models import DataUpdate, Employee, HistoryEntry, Role
from archive.selectors import employees_visible_to, user_role
from archive.services.audit import audit_record
from archive.services.data_updates import (FIELD_DOCUMENT_TYPES, UpdateRefused, _apply_to_entry, _clean_field_value,
                                           _clean_history_value, _target_label, data_owner, unknown_history_kind)
from archive.services.errors import problem_text
from archive.services.notifications import notification_send, users_of_employee
from ocr.nip import InvalidNip, parse_nip

MAX_NIPS = 1000


@dataclass(frozen=True)
class CollectiveUpdate:
    collective: uuid.UUID
    updates: list[DataUpdate]


def _check_target(actor, field: str, history_kind: str) -> str:
    if user_role(actor) not in (Role.FASILITATOR, Role.ADMINISTRATOR):
        raise UpdateRefused(_("Collective updates are for fasilitators and BKD administrators only."),
                            code="forbidden")
    if bool(field) == bool(history_kind):
        raise UpdateRefused(_("Choose exactly one: field or history_kind (a new history entry)."),
                            errors={"field": _("choose one target")})
    if field and field not in FIELD_DOCUMENT_TYPES:
        raise UpdateRefused(_("The data %(field)s cannot be changed; choose one of: %(allowed)s.") % {
            "field": repr(field), "allowed": ", ".join(sorted(FIELD_DOCUMENT_TYPES))},
            errors={"field": _("cannot be changed")})
    if history_kind and history_kind not in HistoryEntry.Kind.values:
        raise unknown_history_kind()
    owner = data_owner(field=field, history_kind=history_kind)
    if owner == DataUpdate.Owner.BKD and user_role(actor) != Role.ADMINISTRATOR:
        raise UpdateRefused(_("This data belongs to BKD: its collective update is made by a BKD administrator."),
                            code="forbidden")
    return owner


def _check_nips(actor, nips: list[str]) -> tuple[dict[str, Employee], list[dict], list[str]]:
    """(employee per NIP, invalid [{nip, reason}], not_found [nip]) in the order given."""
    invalid, not_found, seen, wanted = [], [], set(), []
    for raw in nips:
        try:
            nip = parse_nip(str(raw)).value
        except InvalidNip as exc:
            invalid.append({"nip": str(raw), "reason": problem_text(exc)})
            continue
        if nip in seen:
            invalid.append({"nip": nip, "reason": _("The NIP is listed more than once.")})
            continue
        seen.add(nip)
        wanted.append(nip)
    found = {e.nip: e for e in employees_visible_to(actor).filter(nip__in=wanted)}
    not_found = [nip for nip in wanted if nip not in found]
    return found, invalid, not_found


def data_update_collective(*, actor, nips: list[str], field: str = "", history_kind: str = "", value: str,
                           effective_date: str | None = None, reference_number: str = "") -> CollectiveUpdate:
    """Apply one change to every NIP, or to none (UpdateRefused naming each NIP that stops it)."""
    owner = _check_target(actor, field, history_kind)
    if not nips:
        raise UpdateRefused(_("Fill in the list of NIPs."), errors={"nips": _("must be filled in")})
    if len(nips) > MAX_NIPS:
        raise UpdateRefused(_("At most %(max)s NIPs at a time.") % {"max": MAX_NIPS}, errors={"nips": _("too many")})
    if not reference_number.strip():
        raise UpdateRefused(_("Fill in the number of the decree this collective update is based on."),
                            errors={"reference_number": _("must be filled in")})
    history_value = None if field else _clean_history_value(value, effective_date, reference_number)
    employees, invalid, not_found = _check_nips(actor, nips)
    values = {}
    for nip, employee in employees.items():
        if field:
            try:
                values[nip] = _clean_field_value(employee, field, value)
            except UpdateRefused as refusal:
                invalid.append({"nip": nip, "reason": refusal.message})
        elif HistoryEntry.objects.filter(employee=employee, kind=history_kind,
                                         reference_number=history_value["reference_number"]).exists():
            invalid.append({"nip": nip, "reason": _("A history entry with this decree number is already "
                                                     "recorded for this employee.")})
        else:
            values[nip] = history_value
    if invalid or not_found:
        parts = []
        if not_found:
            parts.append(_("NIP not found among the employees you serve: %(nips)s") % {"nips": ", ".join(not_found)})
        if invalid:
            parts.append(_("NIP not valid: %(problems)s") % {
                "problems": "; ".join(f"{i['nip']} ({i['reason']})" for i in invalid)})
        raise UpdateRefused(_("Nothing was applied — %(problems)s. Fix the list and send all of it again.") % {
            "problems": "; ".join(parts)}, code="invalid", not_found=not_found, invalid=invalid)
    return _apply_all(actor, employees, values, field=field, history_kind=history_kind, owner=owner,
                      reference_number=reference_number.strip())


def _apply_all(actor, employees: dict[str, Employee], values: dict, *, field: str, history_kind: str, owner: str,
               reference_number: str) -> CollectiveUpdate:
    collective, now, made = uuid.uuid4(), timezone.now(), []
    with transaction.atomic():
        locked = Employee.objects.select_for_update(no_key=True).in_bulk([e.pk for e in employees.values()])
        for nip, employee in employees.items():
            employee = locked[employee.pk]
            update = DataUpdate(employee=employee, field=field, history_kind=history_kind, value=values[nip],
                                owner=owner, collective=collective, status=DataUpdate.Status.APPROVED,
                                proposed_by=actor, decided_by=actor, decided_at=now)
            if field:
                update.previous_value = getattr(employee, field)
                setattr(employee, field, values[nip])
                employee.save(update_fields=[field, "updated_at"])
            else:
                entry = HistoryEntry(employee=employee, kind=history_kind)
                _apply_to_entry(entry, values[nip])
                entry.save()
                update.history_entry = entry
            update.save()
            made.append(update)
            audit_record(actor=actor, action="data_update.collective", target=f"data_update:{update.pk}",
                         details={"employee": nip, "collective": str(collective), "target": _target_label(update),
                                  "previous": update.previous_value, "value": update.value,
                                  "reference_number": reference_number})
            notification_send(recipients=users_of_employee(employee), kind="data_update.approved",
                              message=f"Data Anda diperbarui ({_target_label(update)}) berdasarkan "
                                      f"{reference_number}.", target=f"data_update:{update.pk}")
    return CollectiveUpdate(collective, made)
