"""Fasilitator pages: the verification queue, the side-by-side verification page and the scan's
page images. Thin: selectors to read, documents.services.verification to decide."""
from __future__ import annotations

import logging
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from documents import previews
from archive.paging import PAGE_PARAM, SORT_PARAM, page_of, query_without, sort_of
from archive.input_guard import query_int
from documents.models import DocumentVersion, VerificationDecision
from people.models import Role
from archive.selectors import documents_visible_to, units_visible_to, user_role
from documents.selectors import (FLAG_CODES, queue_flags, scan_record_comparison, verification_queue_items,
                                     verification_queue_next)
from documents.services.upload import version_content
from archive.services.errors import Refused
from documents.services.verification import DECIDABLE, document_verify, documents_verify_clean
from documents.storage import CorruptObject, ObjectMissing, StorageError
from documents.image_work import bounded_image_view

log = logging.getLogger(__name__)

# Why a scan is rejected: what the page offers (translated) and what the employee is told (the
# note is stored in Indonesian, the language of the file).
REJECTION_REASONS = {
    "rescan": (gettext_lazy("Illegible: scan it again"),
               "Pindaian tidak terbaca dengan jelas; pindai ulang naskah aslinya."),
    "wrong_document": (gettext_lazy("Wrong document"),
                       "Dokumen yang diunggah bukan dokumen yang diminta; unggah dokumen yang benar."),
    "incomplete": (gettext_lazy("Pages missing"),
                   "Halaman tidak lengkap; unggah semua halaman naskah aslinya."),
}


def _require_verifier(user) -> None:
    if user_role(user) not in (Role.FASILITATOR, Role.ADMINISTRATOR):
        raise PermissionDenied


def _queue_filters(data) -> dict:
    flag = data.get("flag", "")
    return {"unit": data.get("unit", "")[:32], "flag": flag if flag in FLAG_CODES else ""}


QUEUE_SORTS = {
    "terlama": lambda items: items,  # the queue's own order: oldest first
    "terbaru": lambda items: items[::-1],
    "nama": lambda items: sorted(items, key=lambda i: (i["document"].employee.nama.casefold(), i["document"].pk)),
    "jenis": lambda items: sorted(items, key=lambda i: (i["document"].document_type.name, i["document"].pk)),
}
SKIP_REASONS = {
    "not_waiting": gettext_lazy("no longer waiting"), "new_version": gettext_lazy("a new version arrived"),
    "flagged": gettext_lazy("it has a flag; open it"), "not_decidable": gettext_lazy("it cannot be decided now"),
    "own_upload": gettext_lazy("you uploaded it yourself"),
}


@login_required
def verification_queue_page(request):
    """The queue, 25 a page, sorted as chosen; clean scans (no flag) can be verified together once
    their thumbnails are checked (verification_bulk_page)."""
    _require_verifier(request.user)
    filters = _queue_filters(request.GET)
    sort, order = sort_of(request, QUEUE_SORTS, "terlama")
    items = order(verification_queue_items(request.user, **filters, limit=1000))
    query = urlencode({k: v for k, v in filters.items() if v})
    return render(request, "archive/verification/queue.html", {
        "items": page_of(request, items), "total": len(items), "filters": filters, "query": query,
        "flag_codes": FLAG_CODES, "sort": sort, "sorts": list(QUEUE_SORTS),
        "page_query": query_without(request, PAGE_PARAM), "sort_query": query_without(request, PAGE_PARAM, SORT_PARAM),
        "units": units_visible_to(request.user).select_related("agency").order_by("code")})


@login_required
def verification_bulk_page(request):
    """POST `pilih` = "<document>:<version>" for each clean scan whose thumbnail was checked: each is
    verified as from its own page; the others are named with the reason they were left."""
    _require_verifier(request.user)
    if request.method != "POST":
        return redirect("verification-queue")
    selection = []
    for value in request.POST.getlist("pilih")[:200]:
        document, _sep, version = value.partition(":")
        if document.isdigit() and version.isdigit():
            selection.append((int(document), int(version)))
    filters = _queue_filters(request.POST)
    if not selection:
        messages.error(request, _("Tick the scans you have checked first."))
        return redirect(_queue_url(filters))
    outcome = documents_verify_clean(actor=request.user, selection=selection)
    if outcome["verified"]:
        messages.success(request, ngettext("%(count)d scan verified.", "%(count)d scans verified.",
                                           len(outcome["verified"])) % {"count": len(outcome["verified"])})
    for document, reason in outcome["skipped"]:
        messages.warning(request, _("Not verified: %(what)s — %(reason)s.") % {
            "what": f"{document.document_type.name}, {document.employee.nama}" if document else "—",
            "reason": SKIP_REASONS[reason]})
    return redirect(_queue_url(filters))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=VerificationDecision.Decision.choices)
    reason = forms.ChoiceField(required=False, label=gettext_lazy("Reason"),
                               choices=[("", "—")] + [(code, label) for code, (label, _note) in
                                                      REJECTION_REASONS.items()])
    note = forms.CharField(required=False, max_length=1000, label=gettext_lazy("Note for the employee"))

    def clean(self):
        data = super().clean()
        decision, reason, note = data.get("decision"), data.get("reason"), (data.get("note") or "").strip()
        if decision == VerificationDecision.Decision.REJECTED and not reason and not note:
            self.add_error("reason", _("Choose why the scan is rejected, so the employee knows what to fix."))
        if decision == VerificationDecision.Decision.NOT_AUTHENTIC and not note:
            self.add_error("note", _("Write why the scan is not authentic: the written warning is drafted from it."))
        return data

    def note_text(self) -> str:
        reason, note = self.cleaned_data.get("reason"), self.cleaned_data.get("note", "").strip()
        if self.cleaned_data["decision"] != VerificationDecision.Decision.REJECTED or not reason:
            return note
        return " ".join(part for part in (REJECTION_REASONS[reason][1], note) if part)


def _queue_url(filters: dict, document=None) -> str:
    query = urlencode({k: v for k, v in filters.items() if v})
    url = reverse("verification-document", args=[document.pk]) if document else reverse("verification-queue")
    return f"{url}?{query}" if query else url


@login_required
def verification_document_page(request, pk):
    """The scan page by page beside what was read from it and the employee's record; the decision."""
    _require_verifier(request.user)
    document = get_object_or_404(documents_visible_to(request.user), pk=pk)
    filters = _queue_filters(request.POST if request.method == "POST" else request.GET)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document_verify(actor=request.user, document=document, decision=form.cleaned_data["decision"],
                            note=form.note_text())
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        except Refused as refusal:  # e.g. one's own upload (accounts.services.duties)
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Decision recorded: %(type)s of %(name)s.") % {
                "type": document.document_type.name, "name": document.employee.nama})
            following = verification_queue_next(request.user, after=document, **filters)
            if following is None:
                messages.info(request, _("The queue is empty."))
            return redirect(_queue_url(filters, following))
        document.refresh_from_db()
    versions = list(document.versions.order_by("-number"))
    version = versions[0]
    decisions = (VerificationDecision.objects.filter(version__document=document)
                 .select_related("decided_by", "version").order_by("-decided_at", "-id"))
    was_verified = any(d.decision == VerificationDecision.Decision.VERIFIED for d in decisions)
    return render(request, "archive/verification/document.html", {
        "document": document, "employee": document.employee, "version": version, "versions": versions,
        "pages": range(1, (version.pages or 1) + 1), "comparison": scan_record_comparison(version),
        "flags": queue_flags(version, was_verified=was_verified, viewer=request.user), "decisions": decisions, "form": form,
        "can_decide": version.status in DECIDABLE, "filters": filters, "queue_url": _queue_url(filters),
        "reasons": [(code, label) for code, (label, _note) in REJECTION_REASONS.items()],
    }, status=400 if form.is_bound and form.errors else 200)


@login_required
@bounded_image_view("page_image")
def document_page_image(request, pk, number):
    """One page of a stored scan as a JPEG (PDF pages rendered by PDFium on demand), scoped like the
    document itself; ?versi=N for an older version."""
    document = get_object_or_404(documents_visible_to(request.user), pk=pk)
    wanted = request.GET.get("versi", "")
    versions = DocumentVersion.objects.filter(document=document).order_by("-number")
    version = versions.filter(number=query_int(wanted)).first() if query_int(wanted) else versions.first()
    if version is None:
        raise Http404
    try:
        content = version_content(version)
    except (CorruptObject, ObjectMissing):
        log.error("stored scan of document %s version %s failed its integrity check", document.pk, version.number)
        return HttpResponse(_("The stored file is damaged or missing; contact the BKD administrator "
                              "(integrity check)."), status=500, content_type="text/plain; charset=utf-8")
    except StorageError:
        return HttpResponse(_("The archive storage cannot be reached; try again in a few minutes."),
                            status=503, content_type="text/plain; charset=utf-8")
    try:
        jpeg = previews.page_jpeg(content, version.content_type, number)
    except previews.PageMissing:
        raise Http404 from None
    except Exception:  # a file PDFium or Pillow cannot read: the original can still be downloaded
        return HttpResponse(_("This page cannot be shown; download the original file."), status=422,
                            content_type="text/plain; charset=utf-8")
    response = HttpResponse(jpeg, content_type="image/jpeg")
    response["Content-Disposition"] = f'inline; filename="halaman-{number}.jpg"'
    response["Cache-Control"] = "private, max-age=600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
