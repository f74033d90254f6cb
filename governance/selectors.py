"""Reads of the governance domain: the approved statistics releases, who an agency token may name, an
employee's units over time, each unit's formation, the request register, retention and deleted documents,
the incidents and the questions a user may see."""
from __future__ import annotations

import datetime as dt
import threading

from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from documents.models import Document
from people.models import Employee, Role, Unit
from archive.selectors import employees_visible_to, user_role
from governance.models import (Consent, DataRequest, Formation, Question, StatisticsRelease, TokenAgreement,
                               UnitPlacement)
from reports.statistics import Cube, cube_from_fine_counts


# --- Statistics releases -------------------------------------------------------------------------

def approved_release(as_of: dt.date | None = None) -> StatisticsRelease | None:
    """The approved release of `as_of`, or (no day given) the newest approved release."""
    releases = StatisticsRelease.objects.filter(status=StatisticsRelease.Status.APPROVED)
    if as_of is not None:
        releases = releases.filter(as_of=as_of)
    return releases.order_by("-as_of", "-approved_at").first()


_cubes_lock = threading.Lock()
_cubes: dict[int, Cube] = {}


def release_cube(release: StatisticsRelease) -> Cube:
    """The release's protected cube (rebuilt from its finest cells once per process)."""
    with _cubes_lock:
        cube = _cubes.get(release.pk)
    if cube is None:
        cube = cube_from_fine_counts(release.fine_counts, values=release_values(release), as_of=release.as_of,
                                     min_cell=release.min_cell, blocks=release.blocks)
        with _cubes_lock:
            _cubes[release.pk] = cube
            while len(_cubes) > 16:
                _cubes.pop(next(iter(_cubes)))
    return cube


def release_values(release: StatisticsRelease) -> dict:
    return {name: [tuple(pair) for pair in pairs] for name, pairs in release.dimensions.items()}


# --- Consent --------------------------------------------------------------------------------------

def token_agreement(token) -> TokenAgreement | None:
    return TokenAgreement.objects.filter(token=token).first()


def employees_released_to(token, employees: QuerySet[Employee]) -> QuerySet[Employee]:
    """Of `employees`, those an agency token may name: all of them where its agreement names a legal basis,
    else only those with live consent for its recipient and purpose; none without an agreement in force."""
    agreement = token_agreement(token)
    if agreement is None or agreement.expires_at <= timezone.now():
        return employees.none()
    if agreement.legal_basis:
        return employees
    consenting = Consent.objects.filter(employee=OuterRef("pk"), recipient=agreement.recipient,
                                        purpose=agreement.purpose, withdrawn_at__isnull=True)
    return employees.filter(Exists(consenting))


def consents_of(employee: Employee) -> QuerySet[Consent]:
    return Consent.objects.filter(employee=employee)


def consent_choices() -> list[dict]:
    """The recipients and purposes of agreements in force: what an employee may consent to."""
    rows = (TokenAgreement.objects.filter(expires_at__gt=timezone.now(), token__revoked_at__isnull=True)
            .values("recipient", "purpose", "agreement_reference", "token__name").distinct())
    return list(rows)


# --- Organisation -------------------------------------------------------------------------------------

def unit_history_of(employee: Employee) -> list[dict]:
    """Where the employee worked, each line under the names of its time; the present from the record."""
    lines = [{"unit": p.unit.code, "unit_name": p.unit_name, "agency_name": p.agency_name, "since": p.since,
              "until": p.until, "reason": p.reason}
             for p in UnitPlacement.objects.filter(employee=employee).select_related("unit")
             .order_by(F("since").asc(nulls_first=True), "id")]
    open_lines = [line for line in lines if line["until"] is None]
    if not open_lines or open_lines[-1]["unit"] != employee.unit.code:
        last_end = max((line["until"] for line in lines if line["until"]), default=None)
        lines.append({"unit": employee.unit.code, "unit_name": employee.unit.name,
                      "agency_name": employee.unit.agency.name, "since": last_end, "until": None, "reason": ""})
    return lines


def units_open() -> QuerySet[Unit]:
    return Unit.objects.filter(closure__isnull=True).select_related("agency")


def formation_report(units: QuerySet[Unit]) -> list[dict]:
    """Each unit's positions: needed, filled (employees on the roll whose current jabatan is the position's
    name, compared without case or spacing), vacant."""
    from people.selectors_status import employees_on_roll

    on_roll = employees_on_roll(timezone.localdate()).filter(unit__in=units)
    filled: dict[tuple[int, str], int] = {}
    for unit_id, jabatan in on_roll.values_list("unit_id", "jabatan"):
        key = (unit_id, " ".join((jabatan or "").split()).casefold())
        filled[key] = filled.get(key, 0) + 1
    rows = []
    for formation in Formation.objects.filter(unit__in=units).select_related("unit", "position"):
        n = filled.get((formation.unit_id, " ".join(formation.position.name.split()).casefold()), 0)
        rows.append({"unit": formation.unit.code, "unit_name": formation.unit.name,
                     "position": formation.position.code, "position_name": formation.position.name,
                     "kind": formation.position.kind, "needed": formation.needed, "filled": n,
                     "vacant": max(formation.needed - n, 0), "over": max(n - formation.needed, 0)})
    return rows


# --- Data requests, retention, deleted documents ---------------------------------------------------

def data_requests_overdue(today: dt.date | None = None) -> QuerySet[DataRequest]:
    today = today or timezone.localdate()
    return DataRequest.objects.filter(status__in=[DataRequest.Status.RECEIVED, DataRequest.Status.APPROVED],
                                      due_date__lt=today)


def documents_deleted() -> QuerySet[Document]:
    return (Document.objects.filter(deleted_at__isnull=False)
            .select_related("employee__unit", "document_type").order_by("-deleted_at"))


# --- Questions ------------------------------------------------------------------------------------

def questions_visible_to(user) -> QuerySet[Question]:
    """An employee: their own; a fasilitator: their units' employees'; an administrator: all."""
    role = user_role(user)
    questions = Question.objects.select_related("employee__unit")
    if role == Role.ADMINISTRATOR:
        return questions
    if role in (Role.FASILITATOR, Role.EMPLOYEE):
        return questions.filter(employee__in=employees_visible_to(user))
    return questions.none()


