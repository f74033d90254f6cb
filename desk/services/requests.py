"""Services and service requests: every request ends in its outcome.

    create (draft, with a checklist)
    -> submit (refused naming every missing or unverified document)
    -> forward (the unit's fasilitator: the agency step, where the service asks for it)
    -> approve (BKD: issue + sign the output decree, the record changes with it)   -> approved
       or, where an outside body decides: issue + sign a surat usul to it          -> sent
          -> attach the body's reply (a scan in the file; an award, exam or credit in the riwayat) -> completed
    | return (with a reason, by the fasilitator or BKD; the employee fixes and submits again)
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desk.models import Service, ServiceRequest, ServiceRequirement
from documents.models import DocumentType
from people.models import Employee, HistoryEntry, Role
from archive.selectors import user_role
from desk.selectors import service_checklist
from archive.services.audit import audit_record
from archive.services.errors import Refused
from notifications.services.notifications import notification_send, users_of_employee


class RequestRefused(Refused):
    """A service request the service will not act on (see archive.services.errors.Refused)."""


# --- the catalogue ------------------------------------------------------------------------

def service_create(*, actor, code: str, name: str, output_template: str, requirements: list[dict],
                   decided_by: str = "", agency_review: bool = True, legal_basis: str = "",
                   description: str = "") -> Service:
    """An administrator adds a service: its documents, the decree (or surat usul) it ends in, who
    decides, and the SOP/regulation it follows; recorded (Pergub Jatim 73/2020 Pasal 14-15)."""
    import re

    if user_role(actor) != Role.ADMINISTRATOR:
        raise RequestRefused(_("Only a BKD administrator can change a service."), code="forbidden")
    code = (code or "").strip()
    if not re.fullmatch(r"[a-z][a-z0-9_]{2,39}", code):
        raise RequestRefused(_("The code is 3 to 40 lower-case letters, digits or _, starting with a letter."),
                             errors={"code": _("not valid")})
    if Service.objects.filter(code=code).exists():
        raise RequestRefused(_("A service with the code %(code)s exists already.") % {"code": code},
                             code="conflict", errors={"code": _("already used")})
    if not (name or "").strip():
        raise RequestRefused(_("Give the service a name."), errors={"name": _("must be filled in")})
    _refuse_unknown_template(output_template)
    with transaction.atomic():
        service = Service.objects.create(code=code, name=name.strip(), description=description.strip(),
                                         output_template=output_template, decided_by=decided_by.strip(),
                                         agency_review=agency_review, legal_basis=legal_basis.strip())
        _replace_requirements(service, requirements)
        audit_record(actor=actor, action="service.create", target=f"service:{service.code}",
                     details={"after": _service_state(service)})
    return service


def _refuse_unknown_template(template: str) -> None:
    """Every service ends in a signed document: one of the issuable templates."""
    from signing.templates import load_templates

    if template not in load_templates() or template == "laporan_triwulan":
        raise RequestRefused(_("Choose the document the service ends in from /api/v1/templates/."),
                             errors={"output_template": _("unknown")})


def service_update(*, actor, service: Service, active: bool | None = None, name: str | None = None,
                   requirements: list[dict] | None = None, output_template: str | None = None,
                   decided_by: str | None = None, agency_review: bool | None = None,
                   legal_basis: str | None = None) -> Service:
    """An administrator switches a service on or off, renames it, replaces its requirements
    ([{document_type, must_be_verified}]), its output, who decides, the agency step or its legal
    basis; the change is audited with before and after."""
    if user_role(actor) != Role.ADMINISTRATOR:
        raise RequestRefused(_("Only a BKD administrator can change a service."), code="forbidden")
    if output_template is not None:
        _refuse_unknown_template(output_template)
    with transaction.atomic():
        service = Service.objects.select_for_update(no_key=True).get(pk=service.pk)
        before = _service_state(service)
        if active is not None:
            service.active = active
        if name is not None and name.strip():
            service.name = name.strip()
        for attribute, value in (("output_template", output_template), ("decided_by", decided_by),
                                 ("agency_review", agency_review), ("legal_basis", legal_basis)):
            if value is not None:
                setattr(service, attribute, value.strip() if isinstance(value, str) else value)
        service.save()
        if requirements is not None:
            _replace_requirements(service, requirements)
        audit_record(actor=actor, action="service.update", target=f"service:{service.code}",
                     details={"before": before, "after": _service_state(service)})
    return service


def _replace_requirements(service: Service, requirements: list[dict]) -> None:
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


def _service_state(service: Service) -> dict:
    return {"name": service.name, "active": service.active, "output_template": service.output_template,
            "decided_by": service.decided_by, "agency_review": service.agency_review,
            "legal_basis": service.legal_basis,
            "requirements": [[r.document_type.code, r.must_be_verified]
                             for r in service.requirements.select_related("document_type").order_by("position")]}


# --- requests -----------------------------------------------------------------------------

def service_request_create(*, actor, service: Service, employee: Employee) -> ServiceRequest:
    """The caller has already resolved `employee` within their scope."""
    if not service.active:
        raise RequestRefused(_("The service %(service)s is not open at the moment.") % {"service": service.name},
                             code="service_inactive")
    _refuse_unless_status_allows(service, employee)
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


def _refuse_unless_status_allows(service: Service, employee: Employee) -> None:
    """A request the employee's status forbids (a pensiun for someone retired) is refused at once,
    not after the documents are gathered."""
    from issuing.services.decrees import decree_effect

    effect = decree_effect(service.output_template)
    problem = effect.status_problem(employee, timezone.localdate()) if effect else None
    if problem:
        raise RequestRefused(_("%(service)s is %(problem)s.") % {"service": service.name, "problem": problem},
                             code="invalid", errors={"employee": problem})


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


def service_request_forward(*, actor, request: ServiceRequest) -> ServiceRequest:
    """The agency step: the unit's fasilitator (or BKD) has checked the request and passes it on."""
    with transaction.atomic():
        request = _locked(request)
        _refuse_unless_reviewer(actor, request)
        if request.status != ServiceRequest.Status.SUBMITTED:
            raise RequestRefused(_("Only a submitted request can be forwarded to BKD."), code="conflict")
        _refuse_own_request(actor, request)
        request.status, request.forwarded_by, request.forwarded_at = (ServiceRequest.Status.FORWARDED, actor,
                                                                      timezone.now())
        request.save(update_fields=["status", "forwarded_by", "forwarded_at"])
        audit_record(actor=actor, action="service_request.forward", target=f"service_request:{request.pk}",
                     details={"service": request.service.code, "employee": request.employee.nip})
    return request


def _locked(request: ServiceRequest) -> ServiceRequest:
    return (ServiceRequest.objects.select_for_update(no_key=True, of=("self",))
            .select_related("service", "employee__unit__agency").get(pk=request.pk))


def _refuse_unless_reviewer(actor, request: ServiceRequest) -> None:
    """The agency step belongs to the fasilitators of the employee's unit (and BKD's administrators)."""
    from archive.selectors import employees_visible_to

    role = user_role(actor)
    if role == Role.ADMINISTRATOR:
        return
    if role != Role.FASILITATOR or not employees_visible_to(actor).filter(pk=request.employee_id).exists():
        raise RequestRefused(_("Only a fasilitator of the employee's unit or a BKD administrator can review "
                               "this request."), code="forbidden")


def _refuse_own_request(actor, request: ServiceRequest) -> None:
    """Nobody decides on a request they made, or one about themselves."""
    profile = getattr(actor, "profile", None)
    if request.created_by_id == actor.pk or (profile is not None and profile.employee_id == request.employee_id):
        raise RequestRefused(_("You made this request or it is about you: another officer must decide on it."),
                             code="forbidden")


def _ready_for_bkd(request: ServiceRequest) -> bool:
    if request.status == ServiceRequest.Status.FORWARDED:
        return True
    return request.status == ServiceRequest.Status.SUBMITTED and not request.service.agency_review


def _refuse_unless_approvable(actor, request: ServiceRequest) -> list[dict]:
    """On the locked request: awaiting BKD, not the approver's own, its documents in order, an
    output document named. Returns the checklist as it stands."""
    if not _ready_for_bkd(request):
        if request.status == ServiceRequest.Status.SUBMITTED:
            raise RequestRefused(_("The request awaits the agency step: the unit's fasilitator forwards it "
                                   "to BKD first."), code="conflict")
        raise RequestRefused(_("Only a submitted request can be approved."), code="conflict")
    _refuse_own_request(actor, request)
    # A document may have been found not authentic since submission.
    checklist = service_checklist(service=request.service, employee=request.employee)
    _refuse_unless_ready(checklist)
    if not request.service.output_template:
        raise RequestRefused(_("The service %(service)s has no output document; give it one in the catalogue "
                               "first.") % {"service": request.service.name}, code="conflict")
    return checklist


def service_request_approve(*, actor, request: ServiceRequest, fields: dict | None = None) -> ServiceRequest:
    """BKD approves: the output is issued and signed — the service's decree (the record changes with
    it), or a surat usul to the outside body that decides (status `sent`). Checked in a short
    transaction, signed outside any (no row lock while the TSA answers), then recorded with the
    request's decision in one transaction that checks the request again; two administrators
    approving at once issue one document (the number is reserved for the request)."""
    from issuing.services.issuing import issued_document_issue

    if user_role(actor) != Role.ADMINISTRATOR:
        raise RequestRefused(_("Only a BKD administrator can approve a request."), code="forbidden")
    with transaction.atomic():
        request = _locked(request)
        _refuse_unless_approvable(actor, request)
    service = request.service
    decided = {}

    def record_decision(issued) -> None:  # in the issuing record transaction
        locked = _locked(request)
        checklist = _refuse_unless_approvable(actor, locked)
        outside = bool(service.decided_by)
        locked.status = ServiceRequest.Status.SENT if outside else ServiceRequest.Status.APPROVED
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.issued_document, locked.checklist = issued, checklist
        locked.save(update_fields=["status", "decided_by", "decided_at", "issued_document", "checklist"])
        audit_record(actor=actor, action="service_request.approve", target=f"service_request:{locked.pk}",
                     details={"service": service.code, "employee": locked.employee.nip, "issued": issued.number,
                              "sent_to": service.decided_by or None})
        if outside:
            message = (f"Permohonan {service.name} disetujui BKD dan diusulkan kepada {service.decided_by} "
                       f"dengan surat usul nomor {issued.number}; permohonan selesai setelah balasannya diterima.")
        else:
            message = (f"Permohonan {service.name} selesai. {issued.title} nomor {issued.number} telah terbit "
                       "dan ada di berkas Anda.")
        notification_send(recipients=[*users_of_employee(locked.employee), locked.created_by],
                          kind="service_request.approved", message=message,
                          target=f"service_request:{locked.pk}")
        decided["request"] = locked

    try:
        issued_document_issue(actor=actor, template=service.output_template, employee=request.employee,
                              fields=_output_fields(service, request.employee, fields or {}),
                              purpose=f"service_request:{request.pk}", then=record_decision)
    except RequestRefused:
        raise
    except Refused as exc:  # IssuingRefused, or the number already being issued for this request
        raise RequestRefused(exc.message, errors=exc.errors, code=exc.code) from None
    return decided["request"]


def service_request_attach_reply(*, actor, request: ServiceRequest, stream, filename: str, number: str,
                                 date: dt.date, result: str = "") -> ServiceRequest:
    """The outside body's reply arrives: its scan goes into the employee's file, the riwayat it
    gives (award, exam, credit) is recorded with it, and the request is completed."""
    from desk.catalogue import REPLY_HISTORY
    from documents.services.upload import document_upload

    if user_role(actor) != Role.ADMINISTRATOR:
        raise RequestRefused(_("Only a BKD administrator can attach a reply."), code="forbidden")
    if not (number or "").strip():
        raise RequestRefused(_("Write the number of the reply letter."), errors={"number": _("must be filled in")})
    with transaction.atomic():
        request = _locked(request)
        if request.status != ServiceRequest.Status.SENT:
            raise RequestRefused(_("Only a request sent to an outside body takes its reply."), code="conflict")
        service = request.service
        kind = REPLY_HISTORY.get(service.code, HistoryEntry.Kind.LAYANAN)
        title = f"{service.name}: {result.strip()}" if result.strip() else service.name
        entry = HistoryEntry.objects.create(
            employee=request.employee, kind=kind, title=title[:200], effective_date=date,
            reference_number=number.strip()[:100],
            details={"service_request": request.pk, "decided_by": service.decided_by, "result": result.strip(),
                     "proposal": request.issued_document.number})
        uploaded = document_upload(uploader=actor, employee_nip=request.employee.nip,
                                   document_type_code="surat_balasan", stream=stream, filename=filename,
                                   history_entry_id=entry.pk)
        change = getattr(request.issued_document, "record_change", None)
        if change is not None:  # revoking the proposal withdraws what its reply recorded too
            change.changes = {**change.changes, "history": [*change.changes.get("history", []), entry.pk]}
            change.summary = "; ".join(filter(None, [change.summary, f"{entry.get_kind_display()}: {title}"]))
            change.save(update_fields=["changes", "summary"])
        request.status, request.completed_at = ServiceRequest.Status.COMPLETED, timezone.now()
        request.reply_document = uploaded.document
        request.reply_details = {"number": number.strip(), "date": date.isoformat(), "result": result.strip()}
        request.save(update_fields=["status", "completed_at", "reply_document", "reply_details"])
        audit_record(actor=actor, action="service_request.reply", target=f"service_request:{request.pk}",
                     details={"service": service.code, "reply": request.reply_details,
                              "document": uploaded.document.pk})
        notification_send(recipients=[*users_of_employee(request.employee), request.created_by],
                          kind="service_request.completed",
                          message=f"Permohonan {service.name} selesai: balasan {service.decided_by} nomor "
                                  f"{number.strip()} telah diterima dan ada di berkas Anda.",
                          target=f"service_request:{request.pk}")
    return request


def service_request_return(*, actor, request: ServiceRequest, reason: str) -> ServiceRequest:
    """Back to the employee with a reason: by the unit's fasilitator at the agency step, or by BKD."""
    _refuse_unless_reviewer(actor, request)
    if not reason.strip():
        raise RequestRefused(_("Write why the request is returned, so the employee knows what to fix."),
                             errors={"reason": _("must be filled in")})
    with transaction.atomic():
        request = _locked(request)
        _refuse_unless_reviewer(actor, request)
        bkd = user_role(actor) == Role.ADMINISTRATOR
        allowed = ((ServiceRequest.Status.SUBMITTED, ServiceRequest.Status.FORWARDED) if bkd
                   else (ServiceRequest.Status.SUBMITTED,))
        if request.status not in allowed:
            raise RequestRefused(_("Only a submitted request can be returned."), code="conflict")
        _refuse_own_request(actor, request)
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


def _output_fields(service: Service, employee: Employee, fields: dict) -> dict:
    """A surat usul is addressed to the body that decides, about the service (photos: issuing reads them)."""
    fields = dict(fields)
    if service.output_template == "surat_usul":
        fields.setdefault("tujuan", service.decided_by)
        fields.setdefault("perihal", service.name)
    return fields
