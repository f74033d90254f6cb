"""Services and service requests.

    create (draft, with a checklist) -> submit (refused naming every missing or unverified
    document) -> approve (issue + sign the output document, link it, update the record)
    | return (with a reason; the employee fixes and submits again)
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services.duties import duties_separate
from archive.models import (DocumentType, Employee, HistoryEntry, IssuedDocument, Role, Service, ServiceRequest,
                            ServiceRequirement)
from archive.ranks import parse_pangkat_golongan
from archive.selectors import document_latest_version, user_role
from archive.selectors_services import service_checklist
from archive.services.audit import audit_record
from archive.services.errors import Refused
from archive.services.notifications import notification_send, users_of_employee


class RequestRefused(Refused):
    """A service request the service will not act on (see archive.services.errors.Refused)."""


# --- the catalogue ------------------------------------------------------------------------

def service_update(*, actor, service: Service, active: bool | None = None, name: str | None = None,
                   requirements: list[dict] | None = None) -> Service:
    """An administrator switches a service on or off, renames it, or replaces its requirements
    ([{document_type, must_be_verified}]); the change is audited with before and after."""
    if user_role(actor) != Role.ADMINISTRATOR:
        raise RequestRefused(_("Only a BKD administrator can change a service."), code="forbidden")
    with transaction.atomic():
        service = Service.objects.select_for_update(no_key=True).get(pk=service.pk)
        before = _service_state(service)
        if active is not None:
            service.active = active
        if name is not None and name.strip():
            service.name = name.strip()
        service.save()
        if requirements is not None:
            codes = [r["document_type"] for r in requirements]
            types = {t.code: t for t in DocumentType.objects.filter(code__in=codes)}
            unknown = sorted(set(codes) - set(types))
            if unknown:
                raise RequestRefused(_("Unknown document type(s): %(codes)s.") % {"codes": ", ".join(unknown)},
                                     errors={"requirements": unknown})
            if len(set(codes)) != len(codes):
                raise RequestRefused(_("Name each document type only once."))
            service.requirements.all().delete()
            for position, requirement in enumerate(requirements):
                ServiceRequirement.objects.create(service=service, document_type=types[requirement["document_type"]],
                                                  must_be_verified=requirement.get("must_be_verified", True),
                                                  position=position)
        audit_record(actor=actor, action="service.update", target=f"service:{service.code}",
                     details={"before": before, "after": _service_state(service)})
    return service


def _service_state(service: Service) -> dict:
    return {"name": service.name, "active": service.active,
            "requirements": [[r.document_type.code, r.must_be_verified]
                             for r in service.requirements.select_related("document_type").order_by("position")]}


# --- requests -----------------------------------------------------------------------------

def service_request_create(*, actor, service: Service, employee: Employee) -> ServiceRequest:
    """The caller has already resolved `employee` within their scope."""
    if not service.active:
        raise RequestRefused(_("The service %(service)s is not open at the moment.") % {"service": service.name},
                             code="service_inactive")
    with transaction.atomic():
        Employee.objects.select_for_update(no_key=True).filter(pk=employee.pk).first()
        open_request = ServiceRequest.objects.filter(
            service=service, employee=employee,
            status__in=[ServiceRequest.Status.DRAFT, ServiceRequest.Status.SUBMITTED,
                        ServiceRequest.Status.RETURNED]).first()
        if open_request is not None:
            raise RequestRefused(_("This employee already has a %(service)s request in progress (#%(request)s).") % {
                "service": service.name, "request": open_request.pk}, code="conflict", request=open_request.pk)
        made = ServiceRequest.objects.create(service=service, employee=employee, created_by=actor)
        audit_record(actor=actor, action="service_request.create", target=f"service_request:{made.pk}",
                     details={"service": service.code, "employee": employee.nip})
    return made


def service_request_submit(*, actor, request: ServiceRequest) -> ServiceRequest:
    """Refused, naming every document that is missing or not yet verified; else submitted."""
    with transaction.atomic():
        request = (ServiceRequest.objects.select_for_update(no_key=True, of=("self",))
                   .select_related("service", "employee").get(pk=request.pk))
        if request.status not in (ServiceRequest.Status.DRAFT, ServiceRequest.Status.RETURNED):
            raise RequestRefused(_("A request with status %(status)s cannot be submitted again.") % {
                "status": request.get_status_display()}, code="conflict")
        checklist = service_checklist(service=request.service, employee=request.employee)
        _refuse_unless_ready(checklist)
        request.status, request.submitted_at, request.checklist = (ServiceRequest.Status.SUBMITTED, timezone.now(),
                                                                   checklist)
        request.save(update_fields=["status", "submitted_at", "checklist"])
        audit_record(actor=actor, action="service_request.submit", target=f"service_request:{request.pk}",
                     details={"documents": {c["document_type"]: c["document"] for c in checklist}})
    return request


def _refuse_unless_ready(checklist: list[dict]) -> None:
    missing = [c for c in checklist if c["state"] == "missing"]
    unverified = [c for c in checklist if c["state"] == "awaiting_verification" and c["must_be_verified"]]
    if not missing and not unverified:
        return
    parts = []
    if missing:
        parts.append(_("not uploaded yet, or to be uploaded again: %(documents)s") % {
            "documents": ", ".join(c["name"] for c in missing)})
    if unverified:
        parts.append(_("not yet verified by a fasilitator: %(documents)s") % {
            "documents": ", ".join(c["name"] for c in unverified)})
    raise RequestRefused(_("The file is not complete — %(problems)s.") % {"problems": "; ".join(parts)},
                         code="incomplete",
                         missing=[c["document_type"] for c in missing],
                         unverified=[c["document_type"] for c in unverified])


def service_request_approve(*, actor, request: ServiceRequest, fields: dict | None = None) -> ServiceRequest:
    """An administrator approves; a service with an output template issues and signs it
    (fields from the body) and links it, in one transaction with the approval."""
    from archive.services.issuing import IssuingRefused, issued_document_issue

    if user_role(actor) != Role.ADMINISTRATOR:
        raise RequestRefused(_("Only a BKD administrator can approve a request."), code="forbidden")
    duties_separate(actor=actor, maker_id=request.created_by_id, kind="service_request",
                    target=f"service_request:{request.pk}", refused=RequestRefused)
    with transaction.atomic():
        request = (ServiceRequest.objects.select_for_update(no_key=True, of=("self",))
                   .select_related("service", "employee__unit__agency").get(pk=request.pk))
        if request.status != ServiceRequest.Status.SUBMITTED:
            raise RequestRefused(_("Only a submitted request can be approved."), code="conflict")
        # A document may have been found not authentic since submission.
        checklist = service_checklist(service=request.service, employee=request.employee)
        _refuse_unless_ready(checklist)
        issued = None
        if template := request.service.output_template:
            try:
                issued = issued_document_issue(actor=actor, template=template, employee=request.employee,
                                               fields=_output_fields(template, request.employee, fields or {}))
            except IssuingRefused as exc:
                raise RequestRefused(exc.message, errors=exc.errors) from None
            _record_in_file(request.employee, issued)
        request.status, request.decided_by, request.decided_at = ServiceRequest.Status.APPROVED, actor, timezone.now()
        request.issued_document, request.checklist = issued, checklist
        request.save(update_fields=["status", "decided_by", "decided_at", "issued_document", "checklist"])
        audit_record(actor=actor, action="service_request.approve", target=f"service_request:{request.pk}",
                     details={"service": request.service.code, "employee": request.employee.nip,
                              "issued": issued.number if issued else None})
        message = f"Permohonan {request.service.name} disetujui."
        if issued:
            message += f" {issued.title} nomor {issued.number} telah terbit dan ada di berkas Anda."
        notification_send(recipients=[*users_of_employee(request.employee), request.created_by],
                          kind="service_request.approved", message=message,
                          target=f"service_request:{request.pk}")
    return request


def service_request_return(*, actor, request: ServiceRequest, reason: str) -> ServiceRequest:
    if user_role(actor) != Role.ADMINISTRATOR:
        raise RequestRefused(_("Only a BKD administrator can return a request."), code="forbidden")
    if not reason.strip():
        raise RequestRefused(_("Write why the request is returned, so the employee knows what to fix."),
                             errors={"reason": _("must be filled in")})
    with transaction.atomic():
        request = (ServiceRequest.objects.select_for_update(no_key=True, of=("self",))
                   .select_related("service", "employee").get(pk=request.pk))
        if request.status != ServiceRequest.Status.SUBMITTED:
            raise RequestRefused(_("Only a submitted request can be returned."), code="conflict")
        request.status, request.return_reason = ServiceRequest.Status.RETURNED, reason.strip()
        request.decided_by, request.decided_at = actor, timezone.now()
        request.save(update_fields=["status", "return_reason", "decided_by", "decided_at"])
        audit_record(actor=actor, action="service_request.return", target=f"service_request:{request.pk}",
                     details={"reason": request.return_reason})
        notification_send(recipients=[*users_of_employee(request.employee), request.created_by],
                          kind="service_request.returned",
                          message=f"Permohonan {request.service.name} dikembalikan: {request.return_reason}",
                          target=f"service_request:{request.pk}")
    return request


def _output_fields(template: str, employee: Employee, fields: dict) -> dict:
    """Image fields come as base64 in JSON; a missing employee photo is taken from their Pas Foto."""
    from signing.templates import get_template

    fields = dict(fields)
    for spec in get_template(template).fields:
        if spec.type != "image":
            continue
        value = fields.get(spec.name)
        if isinstance(value, str) and value:
            try:
                fields[spec.name] = base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                raise RequestRefused(_("Send the photo as base64."), errors={spec.name: _("not base64")}) from None
        elif value is None and spec.name == "foto":
            photo = employee.documents.filter(document_type__code="pas_foto", deleted_at__isnull=True).first()
            version = document_latest_version(photo) if photo else None
            if version is not None:
                from archive.services.documents import version_content

                fields[spec.name] = version_content(version)
    return fields


# Issued decrees that change the record: template -> history kind.
_HISTORY_OF = {"sk_kenaikan_pangkat": HistoryEntry.Kind.PANGKAT, "kgb": HistoryEntry.Kind.GAJI_BERKALA}


def _record_in_file(employee: Employee, issued: IssuedDocument) -> None:
    kind = _HISTORY_OF.get(issued.template)
    if kind is None:
        return
    fields = issued.fields
    title = fields.get("pangkat_baru") if kind == HistoryEntry.Kind.PANGKAT else f"Gaji pokok Rp{fields.get('gaji_baru')}"
    tmt = fields.get("tmt")
    HistoryEntry.objects.create(employee=employee, kind=kind, title=str(title)[:200],
                                effective_date=dt.date.fromisoformat(tmt) if isinstance(tmt, str) else None,
                                reference_number=issued.number, details={"issued_document": issued.pk})
    if kind == HistoryEntry.Kind.PANGKAT and (golongan := parse_pangkat_golongan(str(title))):
        Employee.objects.filter(pk=employee.pk).update(golongan=golongan, updated_at=timezone.now())
