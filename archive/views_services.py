"""Web pages for services, requests and drafts. Thin: selectors to read, services to write,
errors shown beside the form in words the user can act on."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from archive.models import Role
from archive.selectors import employees_visible_to, user_role
from archive.selectors_services import service_checklist, service_requests_visible_to, services_catalogue
from archive.services.requests import (RequestRefused, service_request_approve, service_request_create,
                                       service_request_return, service_request_submit)


@login_required
def services_page(request):
    error = None
    if request.method == "POST":
        service = services_catalogue(include_inactive=False).filter(code=request.POST.get("service")).first()
        employee = employees_visible_to(request.user).filter(nip=request.POST.get("employee", "")).first()
        if service is None or employee is None:
            raise Http404
        try:
            made = service_request_create(actor=request.user, service=service, employee=employee)
        except RequestRefused as refusal:
            error = refusal.message
        else:
            return redirect("service-request", pk=made.pk)
    include_inactive = user_role(request.user) == Role.ADMINISTRATOR
    return render(request, "archive/services/catalogue.html", {
        "services": services_catalogue(include_inactive=include_inactive).order_by("name"),
        "employees": employees_visible_to(request.user).order_by("nama")[:500],
        "requests": service_requests_visible_to(request.user).order_by("-created_at")[:50], "error": error},
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
            elif action == "approve":
                fields = {k[6:]: v for k, v in request.POST.items() if k.startswith("field_") and v}
                service_request_approve(actor=request.user, request=service_request, fields=fields)
            elif action == "return":
                service_request_return(actor=request.user, request=service_request,
                                       reason=request.POST.get("reason", ""))
            else:
                raise Http404
        except RequestRefused as refusal:
            error = refusal.message
        else:
            return redirect("service-request", pk=pk)
        service_request.refresh_from_db()
    checklist = (service_request.checklist if service_request.status == "approved"
                 else service_checklist(service=service_request.service, employee=service_request.employee))
    output_fields = []
    if service_request.service.output_template:
        from signing.templates import get_template

        output_fields = [f for f in get_template(service_request.service.output_template).fields if f.type != "image"]
    return render(request, "archive/services/request.html", {
        "service_request": service_request, "checklist": checklist, "error": error, "output_fields": output_fields,
        "is_admin": user_role(request.user) == Role.ADMINISTRATOR}, status=400 if error else 200)


@login_required
def drafts_page(request):
    """Administrator: drafts the system prepared (written warnings) — issue or discard each."""
    from archive.selectors_services import issue_drafts_visible_to
    from archive.services.drafts import DraftRefused, issue_draft_discard, issue_draft_issue

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
    BKD's data) sees each proposal beside its supporting scan and approves or returns it."""
    from archive.selectors_services import data_updates_visible_to
    from archive.services.data_updates import UpdateRefused, data_update_approve, data_update_return

    if user_role(request.user) not in (Role.FASILITATOR, Role.ADMINISTRATOR):
        raise PermissionDenied
    visible = data_updates_visible_to(request.user)
    error, failed = None, None
    if request.method == "POST":
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
    pending = list(visible.filter(status="proposed").order_by("proposed_at", "pk")[:100])
    for update in pending:  # what the record says now, beside the proposal
        update.current = (getattr(update.employee, update.field, "") if update.field
                          else update.history_entry.title if update.history_entry else "")
    return render(request, "archive/verification/data_updates.html",
                  {"pending": pending, "error": error, "failed": failed}, status=400 if error else 200)
