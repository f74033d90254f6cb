"""Paper intake pages: send a stack and follow it, assign the parts that wait (their first page in
view), print separator sheets for a unit's gaps. Thin: intake.services does the work."""
from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from documents.models import DocumentType
from documents.objectstore import object_storage
from archive.selectors import units_visible_to
from archive.views_admin import require_staff
from intake.models import IntakePart
from intake.selectors import intake_batches_visible_to
from intake.services import IntakeRefused, intake_batch_create, intake_part_assign
from documents.image_work import bounded_image_view


@login_required
def batches_page(request):
    require_staff(request.user)
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Choose the scanned stack (PDF, TIFF or ZIP of page images).")
        else:
            try:
                batch = intake_batch_create(uploader=request.user, stream=upload, filename=upload.name or "")
            except IntakeRefused as refusal:
                error = refusal.message
            else:
                messages.success(request, _("Stack received; it is being split."))
                return redirect("intake-batch", pk=batch.pk)
    return render(request, "intake/batches.html", {
        "batches": intake_batches_visible_to(request.user).prefetch_related("parts")[:50], "error": error,
        "units": units_visible_to(request.user).order_by("name")}, status=400 if error else 200)


@login_required
def batch_page(request, pk):
    require_staff(request.user)
    batch = get_object_or_404(intake_batches_visible_to(request.user), pk=pk)
    errors = {}
    if request.method == "POST":
        part = get_object_or_404(batch.parts, index=request.POST.get("part", 0))
        try:
            intake_part_assign(actor=request.user, part=part, employee_nip=request.POST.get("employee", ""),
                               document_type_code=request.POST.get("document_type", ""))
        except IntakeRefused as refusal:
            errors[part.index] = refusal.message
        else:
            messages.success(request, _("Part %(n)s filed.") % {"n": part.index})
            return redirect("intake-batch", pk=batch.pk)
    return render(request, "intake/batch.html", {
        "batch": batch, "parts": batch.parts.select_related("employee", "document_type", "document"),
        "errors": errors, "document_types": DocumentType.objects.filter(active=True).order_by("name")},
        status=400 if errors else 200)


@login_required
@bounded_image_view("page_image")
def part_page_image(request, pk, index):
    """The first page of a part, small, for the reviewer."""
    require_staff(request.user)
    batch = get_object_or_404(intake_batches_visible_to(request.user), pk=pk)
    part: IntakePart = get_object_or_404(batch.parts, index=index)
    content = object_storage().get(part.object_key, version_id=part.object_version, sha256=part.sha256)
    from intake.pages import open_stack, page_image

    image = page_image(open_stack(content), 1, dpi=60)
    image.thumbnail((600, 850))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    response = HttpResponse(out.getvalue(), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
