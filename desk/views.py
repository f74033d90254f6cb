"""Web pages for services, requests, drafts and data updates. Thin: selectors to read, services to write,
errors shown beside the form in words the user can act on."""
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from desk.models import DataUpdate, ServiceRequest
from people.models import HistoryEntry, Role
from archive.paging import PAGE_PARAM, page_of, query_without
from archive.selectors import employees_visible_to, user_role
from desk.selectors import (data_updates_visible_to, service_checklist, service_requests_visible_to,
                                        services_catalogue)
from desk.services.collective_updates import data_update_collective
from desk.services.data_updates import (FIELD_LABELS, FIELD_DOCUMENT_TYPES, UpdateRefused, data_owner, data_update_approve,
                                           data_update_propose, data_update_return)
from documents.services.upload import UploadRefused
from desk.services.requests import (RequestRefused, service_request_approve, service_request_attach_reply,
                                       service_request_create, service_request_forward, service_request_return,
                                       service_request_submit)
from documents.storage import StorageUnavailable
from ocr.nip import NIP_LENGTH, normalize_nip


@login_required
def services_page(request):
    error = None
    if request.method == "POST":
        service = services_catalogue(include_inactive=False).filter(code=request.POST.get("service")).first()
        employee = employees_visible_to(request.user).filter(nip=normalize_nip(request.POST.get("employee", ""))).first()
        if service is None or employee is None:
            raise Http404
        try:
            made = service_request_create(actor=request.user, service=service, employee=employee)
        except RequestRefused as refusal:
            error = refusal.message
        else:
            return redirect("service-request", pk=made.pk)
    include_inactive = user_role(request.user) == Role.ADMINISTRATOR
    status = request.GET.get("status", "")
    return render(request, "archive/services/catalogue.html", {
        "services": services_catalogue(include_inactive=include_inactive).order_by("name"),
        "employees": employees_visible_to(request.user)[:1],  # an employee's own NIP; staff pick (picker.js)
        "requests": page_of(request, service_requests_visible_to(request.user).select_related("service", "employee")
                            .filter(**({"status": status} if status in ServiceRequest.Status.values else {}))
                            .order_by("-created_at", "-id")),
        "status": status, "statuses": ServiceRequest.Status.choices, "page_query": query_without(request, PAGE_PARAM),
        "error": error},
        status=400 if error else 200)


@login_required
def service_request_page(request, pk):
    service_request = get_object_or_404(service_requests_visible_to(request.user), pk=pk)
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit":
                service_request_submit(actor=request.user, request=service_request)
            elif action == "forward":
                service_request_forward(actor=request.user, request=service_request)
            elif action == "approve":
                fields = {k[6:]: v for k, v in request.POST.items() if k.startswith("field_") and v}
                service_request_approve(actor=request.user, request=service_request, fields=fields)
            elif action == "reply":
                service_request_attach_reply(
                    actor=request.user, request=service_request, stream=_reply_file(request),
                    filename=getattr(request.FILES.get("file"), "name", ""), number=request.POST.get("number", ""),
                    date=_reply_date(request.POST.get("date", "")), result=request.POST.get("result", ""))
            elif action == "return":
                service_request_return(actor=request.user, request=service_request,
                                       reason=request.POST.get("reason", ""))
            else:
                raise Http404
        except RequestRefused as refusal:
            error = refusal.message
        except UploadRefused as refusal:
            error = refusal.message
        else:
            return redirect("service-request", pk=pk)
        service_request.refresh_from_db()
    decided = service_request.status in ("approved", "sent", "completed")
    checklist = (service_request.checklist if decided
                 else service_checklist(service=service_request.service, employee=service_request.employee))
    output_fields = []
    if service_request.service.output_template:
        from signing.templates import get_template

        prefilled = {"tujuan", "perihal", "unit_baru_nama"}  # the system fills these in
        output_fields = [f for f in get_template(service_request.service.output_template).fields
                         if f.type != "image" and f.name not in prefilled]
    role = user_role(request.user)
    reviewer = role in (Role.FASILITATOR, Role.ADMINISTRATOR) and service_request.created_by_id != request.user.pk
    awaiting_bkd = service_request.status == "forwarded" or (service_request.status == "submitted"
                                                             and not service_request.service.agency_review)
    change = getattr(service_request.issued_document, "record_change", None) if service_request.issued_document else None
    return render(request, "archive/services/request.html", {
        "service_request": service_request, "checklist": checklist, "error": error, "output_fields": output_fields,
        "is_admin": role == Role.ADMINISTRATOR, "can_forward": reviewer and service_request.status == "submitted"
        and service_request.service.agency_review, "can_approve": role == Role.ADMINISTRATOR and awaiting_bkd,
        "can_return": reviewer and service_request.status in ("submitted", "forwarded")
        and (role == Role.ADMINISTRATOR or service_request.status == "submitted"),
        "record_change": change}, status=400 if error else 200)


def _reply_file(request):
    upload = request.FILES.get("file")
    if upload is None:
        raise RequestRefused(_("Attach the scan of the reply letter."), errors={"file": _("must be filled in")})
    return upload.file


def _reply_date(value: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise RequestRefused(_("Give the date of the reply letter."), errors={"date": _("not valid")}) from None


@login_required
def drafts_page(request):
    """Administrator: drafts the system prepared (written warnings) — issue or discard each."""
    from desk.selectors import issue_drafts_visible_to
    from issuing.services.drafts import DraftRefused, issue_draft_discard, issue_draft_issue

    if user_role(request.user) != Role.ADMINISTRATOR:
        raise PermissionDenied
    error = None
    if request.method == "POST":
        draft = get_object_or_404(issue_drafts_visible_to(request.user), pk=request.POST.get("draft"))
        try:
            if request.POST.get("action") == "issue":
                alasan = request.POST.get("alasan", "").strip()
                issue_draft_issue(actor=request.user, draft=draft, fields={"alasan": alasan} if alasan else None)
            else:
                issue_draft_discard(actor=request.user, draft=draft, reason=request.POST.get("reason", ""))
        except DraftRefused as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("drafts")
    drafts = issue_drafts_visible_to(request.user).filter(status="draft").order_by("created_at")
    return render(request, "archive/verification/drafts.html", {"drafts": drafts, "error": error},
                  status=400 if error else 200)


@login_required
def data_updates_page(request):
    """Peremajaan data: a fasilitator (their units, the agency's data) or an administrator (all, and
    BKD's data) sees each proposal beside its supporting scan and approves or returns it; below, the
    collective update (one decree's change for many NIPs, all or nothing)."""
    if user_role(request.user) not in (Role.FASILITATOR, Role.ADMINISTRATOR):
        raise PermissionDenied
    visible = data_updates_visible_to(request.user)
    error, failed, collective = None, None, None
    if request.method == "POST" and request.POST.get("action") == "collective":
        collective = _collective_update(request)
        if collective is None:
            return redirect("data-updates")
    elif request.method == "POST" and request.POST.get("action") in ("collective_approve", "collective_return"):
        error = _collective_decide(request, visible)
        if error is None:
            return redirect("data-updates")
    elif request.method == "POST":
        update = get_object_or_404(visible, pk=request.POST.get("update") or 0)
        action = request.POST.get("action")
        try:
            if action == "approve":
                data_update_approve(actor=request.user, update=update)
                messages.success(request, _("Approved: the employee's record is updated."))
            elif action == "return":
                data_update_return(actor=request.user, update=update, reason=request.POST.get("reason", ""))
                messages.success(request, _("Returned to the employee with your reason."))
            else:
                error = _("Choose approve or return.")
        except UpdateRefused as refusal:
            error, failed = refusal.message, update.pk
        if error is None:
            return redirect("data-updates")
    pending = list(visible.filter(status="proposed", collective__isnull=True).order_by("proposed_at", "pk")[:100])
    pending_collectives = _pending_collectives(request.user, visible)
    for update in pending:  # what the record says now, beside the proposal
        update.current = (getattr(update.employee, update.field, "") if update.field
                          else update.history_entry.title if update.history_entry else "")
    return render(request, "archive/verification/data_updates.html",
                  {"pending": pending, "error": error, "failed": failed, "collective": collective,
                   "pending_collectives": pending_collectives,
                   "targets": data_update_targets(request.user)},
                  status=400 if error or collective else 200)


_COLLECTIVE_FIELDS = {"target", "value", "reference_number", "effective_date", "nips", "decree"}
_PROPOSAL_FIELDS = {"target", "value", "effective_date", "file"}


def _collective_update(request) -> dict | None:
    """Apply the collective form through the service; None when done, else what to show beside the form
    (the service names every NIP that stopped it; nothing was applied)."""
    target = _posted_target(request.POST.get("target", ""))
    if not target:
        return {"error": _("Choose what to change."), "field": "target"}
    decree = request.FILES.get("decree")
    try:
        done = data_update_collective(actor=request.user, nips=nip_list(request.POST.get("nips", "")),
                                      value=request.POST.get("value", ""),
                                      effective_date=request.POST.get("effective_date") or None,
                                      reference_number=request.POST.get("reference_number", ""),
                                      decree=decree, decree_filename=getattr(decree, "name", ""), **target)
    except UpdateRefused as refusal:
        not_found, invalid = refusal.extra.get("not_found", []), refusal.extra.get("invalid", [])
        return {"error": refusal.message, "not_found": not_found, "invalid": invalid,
                "field": "nips" if not_found or invalid else _refused_field(refusal, _COLLECTIVE_FIELDS)}
    messages.success(request, ngettext(
        "Collective update for %(count)d employee proposed; a second person approves it.",
        "Collective update for %(count)d employees proposed; a second person approves it.",
        len(done.updates)) % {"count": len(done.updates)})
    return None


def _pending_collectives(user, visible) -> list[dict]:
    """Collective updates waiting for a second person, each wholly within the caller's scope."""
    from desk.models import CollectiveDecree, DataUpdate

    groups: dict = {}
    for update in visible.filter(status="proposed", collective__isnull=False).order_by("proposed_at", "pk"):
        groups.setdefault(update.collective, []).append(update)
    pending = []
    for collective, rows in list(groups.items())[:20]:
        if DataUpdate.objects.filter(collective=collective).count() != len(rows):
            continue  # some employee outside the caller's units: not theirs to decide
        pending.append({"collective": collective, "rows": rows, "first": rows[0],
                        "decree": CollectiveDecree.objects.filter(collective=collective).first(),
                        "own": rows[0].proposed_by_id == user.pk})
    return pending


def _collective_decide(request, visible) -> str | None:
    """Approve or return a whole collective update from the page; the refusal's message, else None."""
    import uuid as uuid_module

    from desk.services.collective_updates import data_update_collective_approve, data_update_collective_return

    try:
        collective = uuid_module.UUID(request.POST.get("collective", ""))
    except ValueError:
        raise Http404 from None
    if not visible.filter(collective=collective).exists():
        raise Http404
    try:
        if request.POST["action"] == "collective_approve":
            done = data_update_collective_approve(actor=request.user, collective=collective)
            messages.success(request, ngettext("Collective update applied to %(count)d employee.",
                                               "Collective update applied to %(count)d employees.",
                                               len(done.updates)) % {"count": len(done.updates)})
        else:
            data_update_collective_return(actor=request.user, collective=collective,
                                          reason=request.POST.get("reason", ""))
            messages.success(request, _("Returned to the maker with your reason."))
    except UpdateRefused as refusal:
        return refusal.message
    return None


def nip_list(text: str) -> list[str]:
    """NIPs typed one per line or separated by commas, semicolons or spaces; a NIP printed in groups
    ('19770326 200708 1 097') stays one NIP. The service checks each of them."""
    nips = []
    for chunk in re.split(r"[\n,;]+", text):
        if len(normalize_nip(chunk)) == NIP_LENGTH:
            nips.append(chunk.strip())
        else:
            nips.extend(chunk.split())
    return nips


# --- The targets of a data update, as the forms offer them: "field:<name>" or "riwayat:<kind>" -----------



def data_update_targets(user, employee=None) -> dict:
    """{"fields": [...], "kinds": [...]}: each {value, label} (and, given the employee, the field's value
    on record now). A fasilitator is offered only the agency's data: BKD's data is an administrator's."""
    only_agency = user_role(user) == Role.FASILITATOR

    def offered(**target) -> bool:
        return not only_agency or data_owner(**target) == DataUpdate.Owner.AGENCY

    fields = []
    for name in FIELD_DOCUMENT_TYPES:
        if offered(field=name):
            row = {"value": f"field:{name}", "label": FIELD_LABELS.get(name, name)}
            if employee is not None:
                shown = getattr(employee, f"get_{name}_display", None)
                row["current"] = shown() if shown else getattr(employee, name)
            fields.append(row)
    kinds = [{"value": f"riwayat:{code}", "label": label}
             for code, label in HistoryEntry.Kind.choices if offered(history_kind=code)]
    return {"fields": fields, "kinds": kinds}


def _posted_target(posted: str) -> dict:
    """'field:pendidikan' -> {"field": "pendidikan"}, 'riwayat:diklat' -> {"history_kind": "diklat"}, else {}."""
    kind, _sep, name = posted.partition(":")
    if not name:
        return {}
    return {"field": name} if kind == "field" else {"history_kind": name} if kind == "riwayat" else {}


def _refused_field(refusal: UpdateRefused, shown: set[str]) -> str:
    """The form field a refusal names, when the form shows errors beside it; "" for above the form."""
    named = next(iter(refusal.errors), "")
    named = {"field": "target", "history_kind": "target", "history_entry": "target"}.get(named, named)
    return named if named in shown else ""


def _target_name(update: DataUpdate) -> str:
    if update.field:
        return FIELD_LABELS.get(update.field, update.field)
    return HistoryEntry.Kind(update.history_kind or update.history_entry.kind).label


@login_required
def data_update_propose_page(request):
    """Usulkan perubahan data: an employee proposes a change to one field of their own record, or a new
    riwayat, with the scan that supports it (desk.services.data_updates does the work); below, their
    proposals and where each stands. Always for the login's own record: no NIP is read from the form."""
    if user_role(request.user) != Role.EMPLOYEE:
        raise PermissionDenied
    employee = request.user.profile.employee
    error, error_field = None, ""
    if request.method == "POST":
        target, upload = _posted_target(request.POST.get("target", "")), request.FILES.get("file")
        if not target:
            error, error_field = _("Choose what to change."), "target"
        elif upload is None:
            error, error_field = _("Choose the scan that supports the change (PDF, JPEG, PNG or TIFF)."), "file"
        else:
            try:
                data_update_propose(actor=request.user, employee=employee, stream=upload, filename=upload.name,
                                    value=request.POST.get("value", ""),
                                    effective_date=request.POST.get("effective_date") or None,
                                    reference_number=request.POST.get("reference_number", ""), **target)
            except UpdateRefused as refusal:
                error, error_field = refusal.message, _refused_field(refusal, _PROPOSAL_FIELDS)
            except UploadRefused as refusal:
                error, error_field = refusal.message, "file"
            except StorageUnavailable:
                error, error_field = _("The archive storage cannot be reached; your file was not saved. "
                                       "Try again in a few minutes."), "file"
            else:
                messages.success(request, _("Proposal sent. Your fasilitator (or BKD) checks it against the scan; "
                                            "its status appears below."))
                return redirect("data-update-propose")
    updates = list(data_updates_visible_to(request.user).order_by("-proposed_at", "-pk")[:50])
    for update in updates:
        update.what = _target_name(update)
    return render(request, "archive/data_update_propose.html", {
        "employee": employee, "targets": data_update_targets(request.user, employee),
        "chosen": request.POST.get("target") or request.GET.get("target", ""), "updates": updates,
        "error": error, "error_field": error_field}, status=400 if error else 200)
