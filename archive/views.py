"""Web pages. Thin: each reads through selectors and renders a template."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.selectors import access_review_reminder
from people.models import Role
from archive.selectors import (document_types_active, documents_visible_to, employees_visible_to,
                               issued_document_by_token, units_visible_to,
                               user_role)
from people.selectors import (employee_file, employee_file_summary, employee_issued_documents,
                                        employee_service_requests)
from people.selectors_record import leave_account
from people.selectors_status import status_overview
from documents.services.upload import UploadRefused, document_upload, document_upload_photos, parse_page_corners
from issuing.services.issuing import public_view, verify_page_image, verify_pdf
from documents.storage import StorageError, StorageUnavailable
from documents.image_work import bounded_image_view


@login_required
def home(request):
    role = user_role(request.user)
    context = {"role": role}
    if role == Role.EMPLOYEE:
        employee = request.user.profile.employee
        entries = employee_file(request.user, employee)
        context.update(employee=employee, entries=entries, summary=employee_file_summary(entries),
                       status=status_overview(employee),
                       leave=leave_account(employee, timezone.localdate().year),
                       issued=employee_issued_documents(request.user, employee),
                       requests=employee_service_requests(request.user, employee))
        template = "home/employee.html"
    elif role == Role.FASILITATOR:
        context.update(units=units_visible_to(request.user),
                       employee_count=employees_visible_to(request.user).count(),
                       awaiting=documents_visible_to(request.user).filter(status="awaiting_verification").count())
        template = "home/fasilitator.html"
    elif role == Role.ADMINISTRATOR:
        context.update(employee_count=employees_visible_to(request.user).count(),
                       unit_count=units_visible_to(request.user).count(),
                       document_count=documents_visible_to(request.user).count(),
                       access_review=access_review_reminder())
        template = "home/administrator.html"
    else:
        template = "home/no_role.html"
    return render(request, template, context)


def healthz(request):
    """Liveness for load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def document_upload_page(request):
    """The web upload: same service as the API, errors shown beside the field in words a user can act on.
    Without JavaScript it is a plain form; static/js/upload.js adds drag-and-drop, the progress bar,
    the corner handles for photos and the verdict without reloading (through the API)."""
    employees = employees_visible_to(request.user)
    error, error_field = None, "file"
    if request.method == "POST":
        uploads = [u for u in request.FILES.getlist("file") if u.name or u.size]
        upload = uploads[0] if uploads else None
        if upload is None:
            error = _("Choose a file to upload, or take a photo of the document.")
        else:
            try:
                if len(uploads) > 1:  # photos of one document's pages, in page order: one document
                    result = document_upload_photos(
                        uploader=request.user, employee_nip=request.POST.get("employee", ""),
                        document_type_code=request.POST.get("document_type", ""),
                        photos=[(u, u.name) for u in uploads],
                        history_entry_id=_int_or_none(request.POST.get("history_entry")))
                else:
                    result = document_upload(uploader=request.user, employee_nip=request.POST.get("employee", ""),
                                             document_type_code=request.POST.get("document_type", ""),
                                             stream=upload, filename=upload.name,
                                             history_entry_id=_int_or_none(request.POST.get("history_entry")),
                                             page_corners=parse_page_corners(request.POST.get("corners")))
            except UploadRefused as refusal:
                error = refusal.message
                error_field = {"employee_not_found": "employee", "invalid_nip": "employee",
                               "unknown_document_type": "document_type"}.get(
                    refusal.code, "file")
            except StorageUnavailable:
                error = _("The archive storage cannot be reached; your file was not saved. Try again in a few minutes.")
            else:
                messages.success(request, _("Uploaded. The scan is being checked; its status appears below."))
                return redirect("document-detail", pk=result.document.pk)
    return render(request, "archive/upload.html", {
        "document_types": document_types_active(),
        "own_employee": employees.first() if user_role(request.user) == Role.EMPLOYEE else None,
        "chosen_type": request.POST.get("document_type") or request.GET.get("document_type", ""),
        "history_entry": request.POST.get("history_entry") or request.GET.get("history_entry", ""),
        "error": error, "error_field": error_field},
        status=400 if error else 200)


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


@login_required
def document_detail_page(request, pk):
    document = get_object_or_404(documents_visible_to(request.user), pk=pk)
    if user_role(request.user) in (Role.FASILITATOR, Role.ADMINISTRATOR):
        from archive.views_admin import document_staff_page

        return document_staff_page(request, document)
    versions = document.versions.order_by("-number").prefetch_related("events")
    return render(request, "archive/detail.html", {"document": document, "versions": versions,
                                                      "latest": versions[0] if versions else None})


def verify_page(request, token):
    """The QR code's target, public: what the document is and whether it still holds."""
    issued = issued_document_by_token(token)
    if issued is None:
        return render(request, "archive/verify.html", {"unknown": True}, status=404)
    return render(request, "archive/verify.html", {"document": public_view(issued), "token": token})


@bounded_image_view("page_image")
def verify_page_image_view(request, token):
    """The first page of the signed PDF the QR code belongs to, as an image: the verify page shows it
    so the reader compares it with the paper in their hand (a forgery with a genuine QR code differs)."""
    issued = issued_document_by_token(token)
    if issued is None:
        raise Http404
    try:
        jpeg = verify_page_image(issued)
    except StorageError:
        return HttpResponse(_("The page image cannot be shown now; try again in a few minutes."), status=503,
                            content_type="text/plain; charset=utf-8")
    response = HttpResponse(jpeg, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=600"
    return response


def verify_upload_page(request):
    """Public: upload a PDF to check whether this system issued it, unchanged."""
    result, error = None, None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None or upload.size > settings.VERIFY_MAX_BYTES:
            error = _("Choose a PDF file of at most 25 MB.")
        else:
            content = upload.read()
            if not content.lstrip()[:5] == b"%PDF-":
                error = _("This is not a PDF. Upload the PDF document you received.")
            else:
                result = verify_pdf(content)
    return render(request, "archive/verify_upload.html", {"result": result, "error": error},
                  status=400 if error else 200)
