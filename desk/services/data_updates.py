"""Data updates: an employee proposes a change to their record with the scan that supports it;
a fasilitator of their unit (or an administrator) approves it — the record changes and the
previous value is kept on the update with who approved it and when — or returns it with a reason.

    propose: check target and value -> store the scan (document_upload) -> DataUpdate(proposed), its
             owner fixed from settings.DATA_OWNED_BY_BKD -> the approvers are notified
    approve: apply to Employee / HistoryEntry, keep previous_value -> approved
    return:  reason -> returned

Who decides (approve or return) follows whose data it is: the agency's data (the default) is decided
by a fasilitator of the employee's unit or an administrator; BKD's data only by an administrator.
"""
from __future__ import annotations

import datetime as dt
from typing import BinaryIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.services.duties import duties_separate
from desk.models import DataUpdate
from documents.models import Document, DocumentStatus
from people.models import Employee, HistoryEntry, Role
from people.ranks import parse_pangkat_golongan
from people.selectors_record import appraisal_written_fully
from archive.selectors import can_act_for, user_role
from archive.services.audit import audit_record
from archive.services.errors import Refused
from documents.services.upload import document_upload
from notifications.services.notifications import administrators, notification_send

# Employee fields a scan can support -> the document type that supports them by default.
# Never email, phone or password: those are the employee's own (Pergub Jatim 73/2020, Pasal 30(2)j).
FIELD_DOCUMENT_TYPES = {
    "nama": "ktp", "tempat_lahir": "ktp", "agama": "ktp", "alamat": "ktp", "status_perkawinan": "akta_nikah",
    "pendidikan": "ijazah", "jabatan": "sk_jabatan", "golongan": "sk_kenaikan_pangkat",
    "akhir_perjanjian_kerja": "perjanjian_kerja",
}
HISTORY_DOCUMENT_TYPES = {
    HistoryEntry.Kind.PANGKAT: "sk_kenaikan_pangkat", HistoryEntry.Kind.JABATAN: "sk_jabatan",
    HistoryEntry.Kind.PENDIDIKAN: "ijazah", HistoryEntry.Kind.DIKLAT: "sertifikat_diklat",
    HistoryEntry.Kind.PENGHARGAAN: "sk_penghargaan", HistoryEntry.Kind.GAJI_BERKALA: "sk_kgb",
    HistoryEntry.Kind.SKP: "skp",
}
_UNUSABLE_SCAN = {DocumentStatus.REJECTED, DocumentStatus.NOT_AUTHENTIC, DocumentStatus.FAILED,
                  DocumentStatus.NEEDS_RESCAN}


class UpdateRefused(Refused):
    """A data update the service will not act on (see archive.services.errors.Refused)."""


def data_owner(*, field: str = "", history_kind: str = "") -> str:
    """Whose data a target is: BKD when settings.DATA_OWNED_BY_BKD names it, else the agency."""
    key = f"field:{field}" if field else f"history:{history_kind}"
    return DataUpdate.Owner.BKD if key in settings.DATA_OWNED_BY_BKD else DataUpdate.Owner.AGENCY


def data_update_approvers(*, employee: Employee, owner: str) -> list:
    """Who is asked to decide: administrators for BKD's data, else the fasilitators of the employee's unit."""
    if owner == DataUpdate.Owner.BKD:
        return administrators()
    return list(get_user_model().objects.filter(profile__role=Role.FASILITATOR, profile__units=employee.unit_id,
                                                is_active=True).distinct())


def unknown_history_kind() -> UpdateRefused:
    return UpdateRefused(_("The history kind must be one of: %(kinds)s.") % {
        "kinds": ", ".join(HistoryEntry.Kind.values)}, errors={"history_kind": _("unknown")})


def _clean_field_value(employee: Employee, field: str, value: str) -> str:
    if field not in FIELD_DOCUMENT_TYPES:
        allowed = ", ".join(sorted(FIELD_DOCUMENT_TYPES))
        raise UpdateRefused(_("A change to %(field)s cannot be proposed; choose one of: %(allowed)s.") % {
            "field": repr(field), "allowed": allowed}, errors={"field": _("cannot be changed by a proposal")})
    value = " ".join(str(value).split())
    model_field = Employee._meta.get_field(field)
    if field == "golongan":
        value = parse_pangkat_golongan(value) or value
    elif model_field.choices:  # people write the label they read ("Kawin"), the record keeps the code
        value = next((str(code) for code, label in model_field.choices
                      if value.lower() in (str(code).lower(), str(label).lower())), value)
    try:
        model_field.clean(value, employee)
    except ValidationError as exc:
        raise UpdateRefused(_("Value for %(field)s is not valid: %(reason)s") % {
            "field": field, "reason": " ".join(exc.messages)}, errors={"value": exc.messages}) from None
    if not value:
        raise UpdateRefused(_("Fill in the new value."), errors={"value": _("must be filled in")})
    return value


def _clean_history_value(value: str, effective_date: str | None, reference_number: str) -> dict:
    title = " ".join(str(value).split())
    if not title or len(title) > 200:
        raise UpdateRefused(_("Fill in the history entry's description (at most 200 characters)."),
                            errors={"value": _("must be filled in")})
    if effective_date:
        try:
            dt.date.fromisoformat(effective_date)
        except ValueError:
            raise UpdateRefused(_("The date must be YYYY-MM-DD."), errors={"effective_date": _("ISO date")}) from None
    return {"title": title, "effective_date": effective_date or None, "reference_number": reference_number.strip()}


def data_update_propose(*, actor, employee: Employee, stream: BinaryIO, filename: str = "", field: str = "",
                        history_entry: HistoryEntry | None = None, history_kind: str = "", value: str,
                        effective_date: str | None = None, reference_number: str = "",
                        document_type: str = "") -> DataUpdate:
    """`employee` is already resolved within the actor's scope. Raises UpdateRefused, or
    documents.services.upload.UploadRefused for the scan (too large, duplicate …)."""
    targets = [bool(field), history_entry is not None, bool(history_kind)]
    if sum(targets) != 1:
        raise UpdateRefused(_("Choose exactly one: field, history_entry or history_kind (a new history entry)."),
                            errors={"field": _("choose one target")})
    if history_entry is not None and history_entry.employee_id != employee.pk:
        raise UpdateRefused(_("The chosen history entry is not this employee's."),
                            errors={"history_entry": _("not this employee's")})
    if history_kind and history_kind not in HistoryEntry.Kind.values:
        raise unknown_history_kind()
    if field:
        clean_value = _clean_field_value(employee, field, value)
        document_type = document_type or FIELD_DOCUMENT_TYPES[field]
    else:
        clean_value = _clean_history_value(value, effective_date, reference_number)
        kind = history_entry.kind if history_entry is not None else history_kind
        if kind == HistoryEntry.Kind.SKP and not appraisal_written_fully(
                clean_value["title"], dt.date.fromisoformat(clean_value["effective_date"])
                if clean_value["effective_date"] else None):
            # the promotion rules read the rating from these words (people.selectors_record)
            raise UpdateRefused(_("Write the SKP's year and rating, e.g. \"SKP 2025: Baik\" (Sangat Baik, Baik, "
                                  "Butuh Perbaikan, Kurang or Sangat Kurang)."),
                                errors={"value": _("year and rating")})
        document_type = document_type or HISTORY_DOCUMENT_TYPES[kind]
    owner = data_owner(field=field, history_kind=history_entry.kind if history_entry is not None else history_kind)
    uploaded = document_upload(uploader=actor, employee_nip=employee.nip, document_type_code=document_type,
                               stream=stream, filename=filename,
                               history_entry_id=history_entry.pk if history_entry is not None else None)
    with transaction.atomic():
        update = DataUpdate.objects.create(employee=employee, field=field, history_entry=history_entry,
                                           history_kind=history_kind, value=clean_value, owner=owner,
                                           document=uploaded.document, proposed_by=actor)
        audit_record(actor=actor, action="data_update.propose", target=f"data_update:{update.pk}",
                     details={"employee": employee.nip, "target": _target_label(update), "value": clean_value,
                              "owner": owner, "document": uploaded.document.pk, "version": uploaded.version.number})
        notification_send(recipients=data_update_approvers(employee=employee, owner=owner),
                          kind="data_update.to_review",
                          message=f"Usulan perubahan data {employee.nama} ({employee.nip}), {target_words(update)}, "
                                  f"menunggu keputusan Anda.", target=f"data_update:{update.pk}")
    return update


FIELD_LABELS = {
    "nama": gettext_lazy("Name"), "tempat_lahir": gettext_lazy("Place of birth"), "agama": gettext_lazy("Religion"),
    "alamat": gettext_lazy("Address"), "status_perkawinan": gettext_lazy("Marital status"),
    "pendidikan": gettext_lazy("Education"), "jabatan": gettext_lazy("Position"),
    "golongan": gettext_lazy("Rank (golongan)"),
    "akhir_perjanjian_kerja": gettext_lazy("Employment agreement until (PPPK)"),
}


def target_words(update: DataUpdate) -> str:
    """What an update changes, in the Indonesian of the notifications and emails ("Pendidikan",
    "Riwayat jabatan (entri baru)") — never the code `_target_label` keeps for the audit."""
    with translation.override("id"):
        if update.field:
            return str(FIELD_LABELS.get(update.field, update.field))
        kind = HistoryEntry.Kind(update.history_kind).label if update.history_kind in HistoryEntry.Kind.values \
            else update.history_kind
        return f"{kind} (entri baru)" if update.history_entry_id is None else str(kind)


def _target_label(update: DataUpdate) -> str:
    if update.field:
        return f"field:{update.field}"
    if update.history_kind and update.history_entry_id is None:
        return f"history:new:{update.history_kind}"
    return f"history:{update.history_entry_id}"


def _decide_lock(actor, update: DataUpdate) -> DataUpdate:
    update = (DataUpdate.objects.select_for_update(no_key=True, of=("self",))
              .select_related("employee").get(pk=update.pk))
    if not can_act_for(actor, update.employee):
        raise UpdateRefused(_("Only a fasilitator of this employee's unit or an administrator can decide."),
                            code="forbidden")
    if update.collective is not None:
        raise UpdateRefused(_("This is part of a collective update: approve or return the collective update as a "
                              "whole."), code="conflict")
    if update.owner == DataUpdate.Owner.BKD and user_role(actor) != Role.ADMINISTRATOR:
        raise UpdateRefused(_("This data belongs to BKD: a BKD administrator decides this proposal, not a "
                              "fasilitator."), code="forbidden")
    if update.status != DataUpdate.Status.PROPOSED:
        raise UpdateRefused(_("This proposal has already been %(status)s.") % {
            "status": update.get_status_display().lower()}, code="conflict")
    return update


def data_update_approve(*, actor, update: DataUpdate) -> DataUpdate:
    duties_separate(actor=actor, maker_id=update.proposed_by_id, kind="data_update", target=f"data_update:{update.pk}",
                    refused=UpdateRefused)
    with transaction.atomic():
        update = _decide_lock(actor, update)
        document = Document.objects.get(pk=update.document_id)
        if document.status in _UNUSABLE_SCAN:
            raise UpdateRefused(_("The supporting scan has status %(status)s; return this proposal or ask for a "
                                  "new scan.") % {"status": document.get_status_display()}, code="conflict")
        employee = Employee.objects.select_for_update(no_key=True).get(pk=update.employee_id)
        if update.field:
            update.previous_value = getattr(employee, update.field)
            setattr(employee, update.field, update.value)
            employee.save(update_fields=[update.field, "updated_at"])
        elif update.history_entry_id is not None:
            entry = HistoryEntry.objects.select_for_update(no_key=True).get(pk=update.history_entry_id)
            update.previous_value = {"title": entry.title, "reference_number": entry.reference_number,
                                     "effective_date": entry.effective_date.isoformat() if entry.effective_date
                                     else None}
            _apply_to_entry(entry, update.value)
            entry.save()
        else:
            entry = HistoryEntry(employee=employee, kind=update.history_kind)
            _apply_to_entry(entry, update.value)
            entry.save()
            update.history_entry, update.previous_value = entry, None
            # The scan now supports the entry it created, where that slot is free.
            if not Document.objects.filter(employee=employee, document_type_id=document.document_type_id,
                                           history_entry=entry, deleted_at__isnull=True).exists():
                Document.objects.filter(pk=document.pk).update(history_entry=entry)
        update.status, update.decided_by, update.decided_at = DataUpdate.Status.APPROVED, actor, timezone.now()
        update.save(update_fields=["status", "decided_by", "decided_at", "previous_value", "history_entry"])
        audit_record(actor=actor, action="data_update.approve", target=f"data_update:{update.pk}",
                     details={"employee": employee.nip, "target": _target_label(update),
                              "previous": update.previous_value, "value": update.value})
        notification_send(recipients=[update.proposed_by], kind="data_update.approved",
                          message=f"Usulan perubahan data ({target_words(update)}) disetujui.",
                          target=f"data_update:{update.pk}")
        transaction.on_commit(lambda: _push_to_siasn_later(update.pk))
    return update


def _push_to_siasn_later(update_id: int) -> None:
    """With SI-ASN configured, the approved change is sent there too (national.services.siasn)."""
    from django.conf import settings

    if settings.SIASN_URL:
        from archive.enqueue import enqueue
        enqueue("national.tasks.siasn_push_task", update_id, what=f"SI-ASN push of data update {update_id}")


def _apply_to_entry(entry: HistoryEntry, value: dict) -> None:
    entry.title = value["title"]
    if value.get("reference_number"):
        entry.reference_number = value["reference_number"]
    if value.get("effective_date"):
        entry.effective_date = dt.date.fromisoformat(value["effective_date"])


def data_update_return(*, actor, update: DataUpdate, reason: str) -> DataUpdate:
    if not reason.strip():
        raise UpdateRefused(_("Write the reason for returning it."), errors={"reason": _("must be filled in")})
    with transaction.atomic():
        update = _decide_lock(actor, update)
        update.status, update.reason = DataUpdate.Status.RETURNED, reason.strip()
        update.decided_by, update.decided_at = actor, timezone.now()
        update.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        audit_record(actor=actor, action="data_update.return", target=f"data_update:{update.pk}",
                     details={"reason": update.reason})
        notification_send(recipients=[update.proposed_by], kind="data_update.returned",
                          message=f"Usulan perubahan data dikembalikan: {update.reason}",
                          target=f"data_update:{update.pk}")
    return update
