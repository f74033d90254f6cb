"""Collective update (peremajaan data kolektif, issue 8): a fasilitator or administrator records one
change — typically a new rank or salary-step history entry from one collective decree — for many
NIPs at once.

All or nothing, the way a BKD clerk enters a collective decree: when any NIP is malformed, not in the
caller's scope (answered exactly like a NIP that does not exist, so nothing leaks), listed twice, or
cannot take the change (the value is not valid for that employee, or the same decree is already
recorded for them), nothing is applied for anyone and the refusal names every such NIP with its
reason. The clerk fixes the list and submits it again, with no risk of recording the decree twice
for the employees that were fine.

Maker-checker (issue 17): the maker attaches the scanned decree (CollectiveDecree) and the rows wait,
proposed, for a second person — an administrator, or another fasilitator who serves every employee
listed (the agency's data only) — to approve them all at once or return them with a reason. On approval
each employee gets the change (previous value kept, decided by the checker), an audit entry and a
notification. Maker and checker must be allowed to decide the data (data_updates.data_owner): BKD's
data only by administrators. The maker never checks their own update (accounts.services.duties).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services.duties import duties_separate
from documents.filetypes import UnsupportedFileType, detect_file_kind
from desk.models import CollectiveDecree, DataUpdate
from documents.objectstore import new_object_key
from people.models import Employee, HistoryEntry, Role
from documents.objectstore import object_storage
from archive.selectors import employees_visible_to, user_role
from archive.services.audit import audit_record
from documents.services.upload import UploadRefused, _spool_and_hash, unsupported_file
from desk.services.data_updates import (FIELD_DOCUMENT_TYPES, UpdateRefused, _apply_to_entry, _clean_field_value,
                                           _clean_history_value, _target_label, data_owner, target_words,
                                           unknown_history_kind)
from archive.services.errors import problem_text
from notifications.services.notifications import administrators, notification_send, users_of_employee
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
                           effective_date: str | None = None, reference_number: str = "",
                           decree: BinaryIO | None = None, decree_filename: str = "") -> CollectiveUpdate:
    """Propose one change for every NIP, with the decree's scan, or for none (UpdateRefused naming each NIP
    that stops it). Nothing changes in the record until a second person approves (data_update_collective_approve)."""
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
    if decree is None:
        raise UpdateRefused(_("Attach the scan of the collective decree (PDF or photo)."),
                            errors={"decree": _("must be attached")})
    return _propose_all(actor, employees, values, field=field, history_kind=history_kind, owner=owner,
                        reference_number=reference_number.strip(), decree=decree, decree_filename=decree_filename)


def _store_decree(stream: BinaryIO):
    """The decree's bytes in object storage (before any row: an upload is never lost); -> (stored, mime)."""
    try:
        spooled, sha256, size, head = _spool_and_hash(stream, settings.UPLOAD_MAX_BYTES)
    except UploadRefused as refusal:
        raise UpdateRefused(refusal.message, errors={"decree": refusal.message}) from None
    with spooled:
        try:
            kind = detect_file_kind(head)
        except UnsupportedFileType as exc:
            refusal = unsupported_file(exc)
            raise UpdateRefused(refusal.message, errors={"decree": refusal.message}) from None
        stored = object_storage().put(new_object_key("decrees"), spooled, sha256=sha256, size=size,
                                      content_type=kind.mime)
    return stored, sha256, size, kind.mime


def _checkers(actor, employees, owner: str) -> list:
    """Who is asked to approve: administrators, and for the agency's data the other fasilitators serving
    every employee listed."""
    from django.contrib.auth import get_user_model

    people = [u for u in administrators() if u.pk != actor.pk]
    if owner == DataUpdate.Owner.AGENCY:
        unit_ids = {e.unit_id for e in employees}
        for user in (get_user_model().objects.filter(profile__role=Role.FASILITATOR, is_active=True)
                     .exclude(pk=actor.pk).prefetch_related("profile__units")):
            if unit_ids <= {u.pk for u in user.profile.units.all()}:
                people.append(user)
    return people


def _propose_all(actor, employees: dict[str, Employee], values: dict, *, field: str, history_kind: str,
                 owner: str, reference_number: str, decree: BinaryIO, decree_filename: str) -> CollectiveUpdate:
    collective, made = uuid.uuid4(), []
    object_, sha256, size, mime = _store_decree(decree)
    with transaction.atomic():
        stored = CollectiveDecree.objects.create(
            collective=collective, reference_number=reference_number, object_key=object_.key,
            object_version=object_.version_id, sha256=sha256, size=size, content_type=mime,
            original_filename=(decree_filename or "")[:255], uploaded_by=actor)
        for nip, employee in employees.items():
            update = DataUpdate(employee=employee, field=field, history_kind=history_kind, value=values[nip],
                                owner=owner, collective=collective, status=DataUpdate.Status.PROPOSED,
                                proposed_by=actor)
            update.save()
            made.append(update)
        audit_record(actor=actor, action="data_update.collective_propose", target=f"collective:{collective}",
                     details={"count": len(made), "target": _target_label(made[0]), "value": made[0].value,
                              "reference_number": reference_number, "decree_sha256": stored.sha256,
                              "nips": sorted(employees)})
        notification_send(recipients=_checkers(actor, employees.values(), owner), kind="data_update.to_review",
                          message=f"Perubahan kolektif berdasarkan {reference_number} untuk {len(made)} pegawai "
                                  f"menunggu persetujuan Anda.", target=f"collective:{collective}")
    return CollectiveUpdate(collective, made)


def collective_rows(collective) -> list[DataUpdate]:
    return list(DataUpdate.objects.filter(collective=collective).select_related("employee").order_by("pk"))


def _lock_proposed(actor, collective) -> tuple[list[DataUpdate], CollectiveDecree | None]:
    rows = list(DataUpdate.objects.select_for_update(no_key=True, of=("self",)).select_related("employee")
                .filter(collective=collective).order_by("pk"))
    if not rows:
        raise UpdateRefused(_("No such collective update."), code="conflict")
    first = rows[0]
    if user_role(actor) not in (Role.FASILITATOR, Role.ADMINISTRATOR):
        raise UpdateRefused(_("Collective updates are for fasilitators and BKD administrators only."),
                            code="forbidden")
    duties_separate(actor=actor, maker_id=first.proposed_by_id, kind="collective", target=f"collective:{collective}",
                    refused=UpdateRefused)
    if first.owner == DataUpdate.Owner.BKD and user_role(actor) != Role.ADMINISTRATOR:
        raise UpdateRefused(_("This data belongs to BKD: its collective update is approved by a BKD administrator."),
                            code="forbidden")
    visible = set(employees_visible_to(actor).filter(pk__in=[r.employee_id for r in rows]).values_list("pk", flat=True))
    if len(visible) != len({r.employee_id for r in rows}):
        raise UpdateRefused(_("Only someone who serves every employee listed can decide this collective update."),
                            code="forbidden")
    if any(r.status != DataUpdate.Status.PROPOSED for r in rows):
        raise UpdateRefused(_("This collective update has already been decided."), code="conflict")
    return rows, CollectiveDecree.objects.filter(collective=collective).first()


def data_update_collective_approve(*, actor, collective) -> CollectiveUpdate:
    """The second person approves: every row is applied, or none (a decree recorded meanwhile stops it)."""
    now = timezone.now()
    with transaction.atomic():
        rows, decree = _lock_proposed(actor, collective)
        reference_number = decree.reference_number if decree else ""
        locked = Employee.objects.select_for_update(no_key=True).in_bulk([r.employee_id for r in rows])
        clash = [r.employee.nip for r in rows if r.history_kind and HistoryEntry.objects.filter(
            employee_id=r.employee_id, kind=r.history_kind, reference_number=r.value["reference_number"]).exists()]
        if clash:
            raise UpdateRefused(_("A history entry with this decree number is already recorded for: %(nips)s. "
                                  "Return this collective update.") % {"nips": ", ".join(clash)}, code="conflict")
        for update in rows:
            employee = locked[update.employee_id]
            if update.field:
                update.previous_value = getattr(employee, update.field)
                setattr(employee, update.field, update.value)
                employee.save(update_fields=[update.field, "updated_at"])
            else:
                entry = HistoryEntry(employee=employee, kind=update.history_kind)
                _apply_to_entry(entry, update.value)
                entry.save()
                update.history_entry = entry
            update.status, update.decided_by, update.decided_at = DataUpdate.Status.APPROVED, actor, now
            update.save(update_fields=["status", "decided_by", "decided_at", "previous_value", "history_entry"])
            audit_record(actor=actor, action="data_update.collective", target=f"data_update:{update.pk}",
                         details={"employee": employee.nip, "collective": str(collective),
                                  "target": _target_label(update), "previous": update.previous_value,
                                  "value": update.value, "reference_number": reference_number,
                                  "proposed_by": update.proposed_by_id})
            notification_send(recipients=users_of_employee(employee), kind="data_update.approved",
                              message=f"Data Anda diperbarui ({target_words(update)}) berdasarkan "
                                      f"{reference_number}.", target=f"data_update:{update.pk}")
        notification_send(recipients=[rows[0].proposed_by], kind="data_update.approved",
                          message=f"Perubahan kolektif berdasarkan {reference_number} disetujui.",
                          target=f"collective:{collective}")
    return CollectiveUpdate(uuid.UUID(str(collective)), rows)


def data_update_collective_return(*, actor, collective, reason: str) -> CollectiveUpdate:
    if not reason.strip():
        raise UpdateRefused(_("Write the reason for returning it."), errors={"reason": _("must be filled in")})
    now = timezone.now()
    with transaction.atomic():
        rows, decree = _lock_proposed(actor, collective)
        DataUpdate.objects.filter(pk__in=[r.pk for r in rows]).update(
            status=DataUpdate.Status.RETURNED, reason=reason.strip(), decided_by=actor, decided_at=now)
        audit_record(actor=actor, action="data_update.collective_return", target=f"collective:{collective}",
                     details={"reason": reason.strip(), "count": len(rows)})
        notification_send(recipients=[rows[0].proposed_by], kind="data_update.returned",
                          message=f"Perubahan kolektif dikembalikan: {reason.strip()}",
                          target=f"collective:{collective}")
    return CollectiveUpdate(uuid.UUID(str(collective)), collective_rows(collective))


def collective_decree_content(decree: CollectiveDecree) -> bytes:
    return object_storage().get(decree.object_key, version_id=decree.object_version, sha256=decree.sha256)
