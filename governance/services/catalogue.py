"""Document types and the jabatan catalogue with each unit's formation, maintained by administrators
(no deployment): a new type can at once be required by a service (desk.services.requests.service_update)."""
from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from documents.models import DocumentType
from people.models import Unit
from archive.services.audit import audit_record
from governance.models import Formation, Position
from governance.services.errors import GovernanceRefused

TYPE_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


def _state(document_type: DocumentType) -> dict:
    return {"code": document_type.code, "name": document_type.name, "supports": document_type.supports,
            "per_history_entry": document_type.per_history_entry, "confidential": document_type.confidential,
            "active": document_type.active}


def document_type_create(*, actor, code: str, name: str, description: str = "", supports: str = "",
                         per_history_entry: bool = False, confidential: bool = False) -> DocumentType:
    code, name = (code or "").strip(), " ".join((name or "").split())
    if not TYPE_CODE.match(code):
        raise GovernanceRefused(_("The code is 2 to 40 lower-case letters, digits or _, starting with a letter."),
                                errors={"code": _("not valid")})
    if not name:
        raise GovernanceRefused(_("Give a name."), errors={"name": _("must be filled in")})
    try:
        with transaction.atomic():
            document_type = DocumentType.objects.create(
                code=code, name=name, description=description.strip(), supports=supports.strip(),
                per_history_entry=per_history_entry, confidential=confidential)
            audit_record(actor=actor, action="document_type.create", target=f"document_type:{code}",
                         details={"after": _state(document_type)})
    except IntegrityError:
        raise GovernanceRefused(_("The code %(code)s is used already.") % {"code": code}, code="conflict",
                                errors={"code": _("already used")}) from None
    return document_type


def document_type_update(*, actor, document_type: DocumentType, name: str | None = None,
                         description: str | None = None, confidential: bool | None = None,
                         active: bool | None = None) -> DocumentType:
    with transaction.atomic():
        document_type = DocumentType.objects.select_for_update().get(pk=document_type.pk)
        before = _state(document_type)
        if name is not None and " ".join(name.split()):
            document_type.name = " ".join(name.split())
        if description is not None:
            document_type.description = description.strip()
        if confidential is not None:
            document_type.confidential = confidential
        if active is not None:
            document_type.active = active
        document_type.save()
        audit_record(actor=actor, action="document_type.update", target=f"document_type:{document_type.code}",
                     details={"before": before, "after": _state(document_type)})
    return document_type


def position_create(*, actor, code: str, name: str, kind: str) -> Position:
    code, name = (code or "").strip(), " ".join((name or "").split())
    if not code or not name or kind not in Position.Kind.values:
        raise GovernanceRefused(_("Give a code, a name and a kind of position."),
                                errors={"name": _("must be filled in")})
    try:
        with transaction.atomic():
            position = Position.objects.create(code=code, name=name, kind=kind)
            audit_record(actor=actor, action="position.create", target=f"position:{position.pk}",
                         details={"code": code, "name": name, "kind": kind})
    except IntegrityError:
        raise GovernanceRefused(_("A position with this code or name exists already."), code="conflict") from None
    return position


def formation_set(*, actor, unit: Unit, position: Position, needed: int) -> Formation:
    with transaction.atomic():
        formation, _created = Formation.objects.update_or_create(unit=unit, position=position,
                                                                defaults={"needed": needed})
        audit_record(actor=actor, action="formation.set", target=f"unit:{unit.pk}",
                     details={"position": position.code, "needed": needed})
    return formation
