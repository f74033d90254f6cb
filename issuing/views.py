"""Administrator pages for issued documents: the issuing form (a template and its required fields,
the employee by NIP), bulk issuing with its progress, the list, one issued document and revoking it.
Thin: issuing.services.issuing does the work; its refusals are shown beside the field they name."""
from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.paging import PAGE_PARAM, SORT_PARAM, page_of, query_without, sort_of
from archive.models import AuditEvent
from issuing.models import IssueBatch, IssuedDocument, RecordChange
from people.models import Employee
from people.ranks import PNS_GOLONGAN_CHOICES
from people.selectors_due import DECREE_OF_KIND, due_dates
from issuing.services.decrees import decree_effect
from archive.selectors import employee_get_visible, issued_documents_visible_to, numbers_not_issued
from issuing.errors import IssuingRefused
from issuing.services.issuing import (MAX_BATCH_ITEMS, issue_batch_create, issued_document_issue,
                                      issued_document_preview, issued_document_revoke, templates_catalogue)
from documents.storage import StorageUnavailable
from archive.views_admin import require_administrator
from signing.templates import get_template

IMAGE_MAX_BYTES = 2 * 1024 * 1024
INPUT_TYPES = {"date": "date", "money": "number", "integer": "number", "image": "file"}


def _template_or_none(code: str):
    return get_template(code) if code in {t["code"] for t in templates_catalogue()} else None


def _field_rows(spec, values: dict, errors: dict) -> list[dict]:
    """The template's fields as the form draws them: widget, current value, the error beside it."""
    rows = []
    for field in spec.fields:
        choices = list(field.choices)
        if field.type == "pangkat":
            choices = [label for _code, label in PNS_GOLONGAN_CHOICES]  # a promotion: PNS ranks
        rows.append({"name": field.name, "label": field.label, "type": field.type, "required": field.required,
                     "input_type": INPUT_TYPES.get(field.type, "text"), "choices": choices,
                     "value": values.get(field.name, ""), "error": errors.get(field.name, "")})
    return rows


def _posted_fields(request, spec, errors: dict) -> tuple[dict, dict]:
    """(fields for the service, values to redraw the form)"""
    fields, values = {}, {}
    for field in spec.fields:
        key = f"field_{field.name}"
        if field.type == "image":
            upload = request.FILES.get(key)
            if upload is not None and upload.size > IMAGE_MAX_BYTES:
                errors[field.name] = _("The photo is larger than 2 MB.")
            elif upload is not None:
                fields[field.name] = upload.read()
            continue
        value = request.POST.get(key, "").strip()
        values[field.name] = value
        if value:
            fields[field.name] = value
    return fields, values


def _split_errors(refusal: IssuingRefused, errors: dict) -> None:
    """Template field errors stay by name; problems in the employee's record go beside the NIP."""
    record = []
    for name, message in refusal.errors.items():
        if name.startswith("employee."):
            record.append(f"{name.removeprefix('employee.')}: {message}")
        else:
            errors[name] = message
    if record:
        errors["employee"] = _("The employee's record is incomplete: %(problems)s.") % {"problems": "; ".join(record)}


@login_required
def issue_page(request):
    """Choose a template; fill its required fields for one employee (by NIP); preview the draft
    (KONSEP) with the record's values now and after; confirm; render, sign, store."""
    require_administrator(request.user)
    templates = templates_catalogue()
    code = request.POST.get("template") or request.GET.get("template") or ""
    spec = _template_or_none(code)
    nip = (request.POST.get("employee") or request.GET.get("employee") or "").strip()
    action = request.POST.get("action", "issue")
    employee, errors, values, error, plan = None, {}, {}, None, None
    if request.method == "POST" and spec is not None:
        fields, values = _posted_fields(request, spec, errors)
        try:
            employee = employee_get_visible(request.user, nip)
        except Employee.DoesNotExist:
            errors["employee"] = _("No employee has this NIP. Check the 18 digits.")
        if not errors and (action in ("preview", "preview_pdf") or request.POST.get("confirmed") != "1"):
            try:
                pdf, plan = issued_document_preview(template=spec.code, employee=employee, fields=fields)
            except IssuingRefused as refusal:
                _split_errors(refusal, errors)
                error = None if errors else refusal.message
            else:
                if action == "preview_pdf":
                    response = HttpResponse(pdf, content_type="application/pdf")
                    response["Content-Disposition"] = f'inline; filename="konsep-{spec.code}-{employee.nip}.pdf"'
                    return response
                if action == "issue":
                    errors["confirm"] = _("Check the draft and the changes below, then tick the confirmation.")
        elif not errors:
            try:
                issued = issued_document_issue(actor=request.user, template=spec.code, employee=employee,
                                               fields=fields)
            except IssuingRefused as refusal:
                _split_errors(refusal, errors)
                error = None if errors else refusal.message
            except StorageUnavailable:
                error = _("The archive storage cannot be reached; nothing was issued. Try again in a few minutes.")
            else:
                messages.success(request, _("Issued and signed: %(title)s number %(number)s.") % {
                    "title": issued.title, "number": issued.number})
                return redirect("issued-detail", pk=issued.pk)
    elif request.method == "POST":
        errors["template"] = _("Choose a template.")
    return render(request, "archive/staff/issue.html", {
        "templates": templates, "spec": spec, "code": code, "nip": nip, "employee": employee,
        "fields": _field_rows(spec, values, errors) if spec else [], "errors": errors, "error": error,
        "plan": plan, "multipart": spec is not None and any(f.type == "image" for f in spec.fields)},
        status=400 if (errors.keys() - {"confirm"}) or error else 200)


@login_required
def issued_list_page(request):
    require_administrator(request.user)
    issued = issued_documents_visible_to(request.user).select_related("employee")
    nip, template = request.GET.get("employee", "").strip(), request.GET.get("template", "")
    status = request.GET.get("status", "")
    if nip:
        issued = issued.filter(employee__nip=nip.replace(" ", ""))
    if template:
        issued = issued.filter(template=template)
    if status in IssuedDocument.Status.values:
        issued = issued.filter(status=status)
    sort, order = sort_of(request, ISSUED_SORTS, "terbaru")
    return render(request, "archive/staff/issued_list.html", {
        "issued": page_of(request, issued.order_by(*order)), "templates": templates_catalogue(), "nip": nip,
        "template": template, "status": status, "statuses": IssuedDocument.Status.choices, "sort": sort,
        "sort_query": query_without(request, PAGE_PARAM, SORT_PARAM), "page_query": query_without(request, PAGE_PARAM),
        "batches": IssueBatch.objects.order_by("-created_at")[:10], "gaps": numbers_not_issued()[:50]})


ISSUED_SORTS = {"terbaru": ("-issued_at", "-id"), "terlama": ("issued_at", "id"), "nomor": ("number", "version"),
                "nama": ("employee__nama", "-issued_at")}


@login_required
def issued_detail_page(request, pk):
    """One issued version: what it says, its other versions, its verify page; revoke with a reason."""
    require_administrator(request.user)
    issued = get_object_or_404(issued_documents_visible_to(request.user), pk=pk)
    errors = {}
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()
        if not reason:
            errors["reason"] = _("Write why the document is revoked; the verify page shows it.")
        elif request.POST.get("confirmed") != "1":
            errors["confirm"] = _("Tick the confirmation: revoking cannot be undone, and what the document "
                                  "changed on the record is reverted.")
        else:
            try:
                issued_document_revoke(actor=request.user, issued=issued, reason=reason)
            except IssuingRefused as refusal:
                errors["reason"] = refusal.message
            else:
                messages.success(request, _("Revoked. Its verify page now says so."))
                return redirect("issued-detail", pk=issued.pk)
    series = IssuedDocument.objects.filter(series=issued.series).order_by("-version")
    audit = AuditEvent.objects.filter(target=f"issued:{issued.pk}").select_related("actor").order_by("-id")[:50]
    labels = {f.name: f.label for f in get_template(issued.template).fields} if _template_or_none(issued.template) else {}
    shown_fields = {labels.get(k, k): v for k, v in issued.fields.items()
                    if not (isinstance(v, str) and v.endswith(" bytes>"))}
    return render(request, "archive/staff/issued_detail.html", {
        "issued": issued, "series": series, "audit": audit, "errors": errors, "fields": shown_fields,
        "record_change": RecordChange.objects.filter(issued_document=issued).first(),
        "reason": request.POST.get("reason", "")}, status=400 if errors else 200)


# --- Bulk issuing -------------------------------------------------------------------------------

def parse_batch_rows(text: str, spec) -> tuple[list[dict], list[str]]:
    """CSV with a header: `nip` then the template's field names. -> (items, problems by line)."""
    reader = csv.reader(io.StringIO(text.strip()))
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    if not rows:
        return [], [_("Paste at least a header line and one employee line.")]
    header = [cell.strip() for cell in rows[0]]
    known = {f.name for f in spec.fields if f.type != "image"}
    problems = []
    if not header or header[0].lower() != "nip":
        problems.append(_("Line 1: the first column must be nip."))
    unknown = [name for name in header[1:] if name not in known]
    if unknown:
        problems.append(_("Line 1: unknown column(s) %(names)s; this template takes %(known)s.") % {
            "names": ", ".join(unknown), "known": ", ".join(sorted(known)) or "—"})
    items = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(_("Line %(n)s has %(got)s values; the header has %(want)s.") % {
                "n": number, "got": len(row), "want": len(header)})
            continue
        cells = [cell.strip() for cell in row]
        items.append({"employee": cells[0], "fields": {k: v for k, v in zip(header[1:], cells[1:]) if v}})
    if not items and not problems:
        problems.append(_("Add one line per employee under the header."))
    if len(items) > MAX_BATCH_ITEMS:
        problems.append(_("At most %(n)s documents in one batch.") % {"n": MAX_BATCH_ITEMS})
    return items, problems


def _due_selection_rows(user, spec, names: list[str], nips: list[str]) -> str:
    """The bulk page's lines for employees ticked on the due list: what the record already decides
    (the TMT they fall due, the next rank, BUP) filled in, the rest left for the administrator."""
    kind = {template: kind for kind, template in DECREE_OF_KIND.items()}.get(spec.code)
    effect, today = decree_effect(spec.code), timezone.localdate()
    due = due_dates(user, kind=kind, nips=nips, today=today) if kind and effect else {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["nip", *names])
    for nip in nips:
        known = effect.suggested(*due[nip], today) if nip in due else {}
        writer.writerow([nip, *(known.get(name, "") for name in names)])
    return out.getvalue().strip()


@login_required
def issue_batch_page(request):
    require_administrator(request.user)
    templates = [t for t in templates_catalogue() if not any(f["type"] == "image" for f in t["fields"])]
    code = request.POST.get("template") or request.GET.get("template") or ""
    spec = _template_or_none(code)
    rows, errors = request.POST.get("rows", ""), {}
    if request.method == "POST":
        if spec is None or code not in {t["code"] for t in templates}:
            errors["template"] = _("Choose a template.")
        else:
            items, problems = parse_batch_rows(rows, spec)
            if problems:
                errors["rows"] = problems
            else:
                try:
                    batch = issue_batch_create(actor=request.user, template=spec.code, items=items)
                except IssuingRefused as refusal:
                    errors["rows"] = [refusal.message]
                else:
                    return redirect("issue-batch", pk=batch.pk)
    example = ""
    if spec is not None:
        names = [f.name for f in spec.fields if f.type != "image"]
        example = ",".join(["nip", *names])
        chosen = [nip for nip in request.GET.getlist("nip")[:MAX_BATCH_ITEMS] if nip.isdigit()]
        if request.method == "GET" and chosen:  # a selection from the due list: one line each
            rows = _due_selection_rows(request.user, spec, names, chosen)
    return render(request, "archive/staff/issue_batch.html", {
        "templates": templates, "spec": spec, "code": code, "rows": rows, "errors": errors, "example": example},
        status=400 if errors else 200)


@login_required
def issue_batch_progress_page(request, pk):
    """Progress of a bulk issue; static/js/batch.js polls the batch API until it has finished."""
    require_administrator(request.user)
    batch = get_object_or_404(IssueBatch, pk=pk)
    return render(request, "archive/staff/issue_batch_progress.html", {
        "batch": batch, "issued": batch.issued.select_related("employee").order_by("pk"),
        "status_url": reverse("api-issue-batch", args=[batch.pk])})
