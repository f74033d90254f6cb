"""Agencies and units, maintained by administrators (restructuring happens yearly): create, rename, merge,
close. Every change is an OrganisationEvent with its decree; employees' UnitPlacements are split at each
rename or merge, so old records keep the unit (and its name) of their time."""
from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Agency, Employee, Unit
from archive.services.audit import audit_record
from governance.models import OrganisationClosure, OrganisationEvent, UnitPlacement
from governance.services.errors import GovernanceRefused

UNIT_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,31}$")


def _clean_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not UNIT_CODE.match(code):
        raise GovernanceRefused(_("The code is 2 to 32 capital letters, digits, - or _."),
                                errors={"code": _("not valid")})
    return code


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise GovernanceRefused(_("Give a name."), errors={"name": _("must be filled in")})
    return name


def _refuse_closed(*, unit: Unit | None = None, agency: Agency | None = None) -> None:
    if (unit is not None and OrganisationClosure.objects.filter(unit=unit).exists()) or (
            agency is not None and OrganisationClosure.objects.filter(agency=agency).exists()):
        raise GovernanceRefused(_("It is closed; a closed unit or agency does not change."), code="conflict")


def _event(actor, **fields) -> OrganisationEvent:
    event = OrganisationEvent.objects.create(actor=actor, **fields)
    target = f"unit:{event.unit_id}" if event.unit_id else f"agency:{event.agency_id}"
    audit_record(actor=actor, action=f"{event.subject}.{event.kind}", target=target,
                 details={"event": event.pk, "before": event.name_before, "after": event.name_after,
                          "into": event.into_unit_id or event.into_agency_id, "decree": event.decree,
                          "effective_date": event.effective_date.isoformat()})
    return event


def _split_placements(employees, *, on: dt.date, reason: str) -> None:
    """Close each employee's open placement on `on` (making the first one, from their record, where none
    exists yet), so what follows starts a new line."""
    for employee in employees.select_related("unit__agency").select_for_update(of=("self",)):
        open_placement = UnitPlacement.objects.filter(employee=employee, until__isnull=True).first()
        if open_placement is None:
            open_placement = UnitPlacement.objects.create(
                employee=employee, unit=employee.unit, unit_name=employee.unit.name,
                agency_name=employee.unit.agency.name, since=None)
        open_placement.until, open_placement.reason = on, reason
        open_placement.save(update_fields=["until", "reason"])


def _open_placements(employees, *, on: dt.date) -> None:
    for employee in employees.select_related("unit__agency"):
        UnitPlacement.objects.create(employee=employee, unit=employee.unit, unit_name=employee.unit.name,
                                     agency_name=employee.unit.agency.name, since=on)


def agency_create(*, actor, code: str, name: str, effective_date: dt.date | None = None, decree: str = "") -> Agency:
    code, name = _clean_code(code), _clean_name(name)
    try:
        with transaction.atomic():
            agency = Agency.objects.create(code=code, name=name)
            _event(actor, subject="agency", agency=agency, kind="created", name_after=name,
                   effective_date=effective_date or timezone.localdate(), decree=decree.strip())
    except IntegrityError:
        raise GovernanceRefused(_("The code %(code)s is used already.") % {"code": code}, code="conflict",
                                errors={"code": _("already used")}) from None
    return agency


def unit_create(*, actor, code: str, name: str, agency: Agency, effective_date: dt.date | None = None,
                decree: str = "") -> Unit:
    code, name = _clean_code(code), _clean_name(name)
    _refuse_closed(agency=agency)
    try:
        with transaction.atomic():
            unit = Unit.objects.create(code=code, name=name, agency=agency)
            _event(actor, subject="unit", unit=unit, kind="created", name_after=name,
                   effective_date=effective_date or timezone.localdate(), decree=decree.strip())
    except IntegrityError:
        raise GovernanceRefused(_("The code %(code)s is used already.") % {"code": code}, code="conflict",
                                errors={"code": _("already used")}) from None
    return unit


def unit_rename(*, actor, unit: Unit, name: str, effective_date: dt.date, decree: str = "") -> Unit:
    name = _clean_name(name)
    _refuse_closed(unit=unit)
    return _rename(actor, unit, subject="unit", employees_of=lambda u: Employee.objects.filter(unit=u),
                   reason=_("renamed"), name=name, effective_date=effective_date, decree=decree)


def agency_rename(*, actor, agency: Agency, name: str, effective_date: dt.date, decree: str = "") -> Agency:
    name = _clean_name(name)
    _refuse_closed(agency=agency)
    return _rename(actor, agency, subject="agency", employees_of=lambda a: Employee.objects.filter(unit__agency=a),
                   reason=_("agency renamed"), name=name, effective_date=effective_date, decree=decree)


def _rename(actor, organisation, *, subject: str, employees_of, reason: str, name: str, effective_date: dt.date,
            decree: str):
    """A unit or an agency gets a new name from `effective_date`: its employees' placements are split there,
    so their time before keeps the old name."""
    with transaction.atomic():
        organisation = type(organisation).objects.select_for_update().get(pk=organisation.pk)
        before = organisation.name
        employees = employees_of(organisation)
        _split_placements(employees, on=effective_date, reason=reason)
        organisation.name = name
        organisation.save(update_fields=["name"])
        _open_placements(employees, on=effective_date)
        _event(actor, subject=subject, **{subject: organisation}, kind="renamed", name_before=before,
               name_after=name, effective_date=effective_date, decree=decree.strip())
    return organisation


def unit_merge(*, actor, unit: Unit, into: Unit, effective_date: dt.date, decree: str = "") -> Unit:
    """`unit` is merged into `into`: its employees and fasilitators move there, their time in `unit` stays
    under its name; `unit` is closed."""
    if unit.pk == into.pk:
        raise GovernanceRefused(_("A unit cannot be merged into itself."), errors={"into": _("the same unit")})
    _refuse_closed(unit=unit)
    _refuse_closed(unit=into)
    with transaction.atomic():
        employees = Employee.objects.filter(unit=unit)
        moved = list(employees.values_list("pk", flat=True))
        _split_placements(employees, on=effective_date, reason=_("merged into %(unit)s") % {"unit": into.name})
        Employee.objects.filter(pk__in=moved).update(unit=into, updated_at=timezone.now())
        _open_placements(Employee.objects.filter(pk__in=moved), on=effective_date)
        for profile in unit.fasilitators.all():
            profile.units.add(into)
            profile.units.remove(unit)
        OrganisationClosure.objects.create(unit=unit, closed_on=effective_date, merged_into_unit=into)
        _event(actor, subject="unit", unit=unit, kind="merged", name_before=unit.name, into_unit=into,
               effective_date=effective_date, decree=decree.strip())
    return into


def unit_close(*, actor, unit: Unit, effective_date: dt.date, decree: str = "") -> Unit:
    _refuse_closed(unit=unit)
    if Employee.objects.filter(unit=unit).exists():
        raise GovernanceRefused(_("The unit still has employees: merge it, or move them first."), code="conflict")
    with transaction.atomic():
        OrganisationClosure.objects.create(unit=unit, closed_on=effective_date)
        _event(actor, subject="unit", unit=unit, kind="closed", name_before=unit.name,
               effective_date=effective_date, decree=decree.strip())
    return unit


def agency_merge(*, actor, agency: Agency, into: Agency, effective_date: dt.date, decree: str = "") -> Agency:
    """`agency`'s units move under `into` (keeping their codes); their employees' time stays under the old
    agency's name; `agency` is closed."""
    if agency.pk == into.pk:
        raise GovernanceRefused(_("An agency cannot be merged into itself."), errors={"into": _("the same agency")})
    _refuse_closed(agency=agency)
    _refuse_closed(agency=into)
    with transaction.atomic():
        employees = Employee.objects.filter(unit__agency=agency)
        moved = list(employees.values_list("pk", flat=True))
        _split_placements(employees, on=effective_date, reason=_("merged into %(unit)s") % {"unit": into.name})
        Unit.objects.filter(agency=agency).update(agency=into)
        _open_placements(Employee.objects.filter(pk__in=moved), on=effective_date)
        OrganisationClosure.objects.create(agency=agency, closed_on=effective_date, merged_into_agency=into)
        _event(actor, subject="agency", agency=agency, kind="merged", name_before=agency.name, into_agency=into,
               effective_date=effective_date, decree=decree.strip())
    return into


def agency_close(*, actor, agency: Agency, effective_date: dt.date, decree: str = "") -> Agency:
    _refuse_closed(agency=agency)
    if Unit.objects.filter(agency=agency).exclude(closure__isnull=False).exists():
        raise GovernanceRefused(_("The agency still has open units: merge or close them first."), code="conflict")
    with transaction.atomic():
        OrganisationClosure.objects.create(agency=agency, closed_on=effective_date)
        _event(actor, subject="agency", agency=agency, kind="closed", name_before=agency.name,
               effective_date=effective_date, decree=decree.strip())
    return agency
