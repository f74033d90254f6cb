"""Administrator (and fasilitator) pages: search with facets, the staff view of a document (versions,
processing log, audit trail), the service catalogue, the monitoring dashboard. Thin: selectors and
search.selectors to read, services to write, errors beside the field that caused them."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.models import AuditEvent
from documents.models import DocumentType, ProcessingEvent, VerificationDecision
from people.models import Role
from archive.selectors import user_role
from desk.selectors import services_catalogue
from people.selectors_status import status_overview
from issuing.services.issuing import templates_catalogue
from desk.services.requests import RequestRefused, service_create, service_update
from search.query import FACETS, SORTS, SearchQuery
from search.selectors import search_documents

PAGE_SIZE = 20


def require_staff(user) -> None:
    if user_role(user) not in (Role.FASILITATOR, Role.ADMINISTRATOR):
        raise PermissionDenied


def require_administrator(user) -> None:
    if user_role(user) != Role.ADMINISTRATOR:
        raise PermissionDenied


# --- Search -----------------------------------------------------------------------------------

class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=500, label=gettext_lazy("Words, name or NIP"))
    unit = forms.CharField(required=False, max_length=32)
    document_type = forms.CharField(required=False, max_length=40)
    status = forms.CharField(required=False, max_length=24)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    kind = forms.ChoiceField(required=False, choices=[("", ""), ("scan", "scan"), ("issued", "issued")])
    date_from = forms.DateField(required=False, label=gettext_lazy("From"))
    date_to = forms.DateField(required=False, label=gettext_lazy("To"))
    sort = forms.ChoiceField(required=False, choices=[(s, s) for s in SORTS])
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def query(self) -> SearchQuery:
        data = self.cleaned_data
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if data.get("year"):
            date_from = max(date_from or dt.date.min, dt.date(data["year"], 1, 1))
            date_to = min(date_to or dt.date.max, dt.date(data["year"], 12, 31))
        return SearchQuery(q=data.get("q") or "", unit=data.get("unit") or "",
                           document_type=data.get("document_type") or "", status=data.get("status") or "",
                           kind=data.get("kind") or "", date_from=date_from, date_to=date_to,
                           sort=data.get("sort") or "relevance", page=data.get("page") or 1, page_size=PAGE_SIZE)


FACET_PARAMS = {"document_type": "document_type", "unit": "unit", "status": "status", "year": "year"}


@login_required
def search_page(request):
    """Full-text search over the documents the caller may see, with facets that narrow it."""
    require_staff(request.user)
    form = SearchForm(request.GET or None)
    result, facets, params = None, [], {}
    if form.is_bound and form.is_valid():
        params = {k: v for k, v in request.GET.items() if k in form.fields and v and k != "page"}
        query = form.query()
        result = search_documents(request.user, query)
        for name in FACETS:
            values = []
            for facet in result.facets.get(name, []):
                chosen = params.get(FACET_PARAMS[name]) == facet.value
                toggled = {k: v for k, v in params.items() if k != FACET_PARAMS[name]}
                if not chosen:
                    toggled[FACET_PARAMS[name]] = facet.value
                values.append({"label": facet.label, "value": facet.value, "count": facet.count, "chosen": chosen,
                               "url": "?" + urlencode(toggled)})
            facets.append({"name": name, "values": values})
        pages = {"previous": query.page - 1 if query.page > 1 else None,
                 "next": query.page + 1 if query.offset + len(result.hits) < result.count
                 or (not result.count_exact and len(result.hits) == query.page_size) else None}
        for key in ("previous", "next"):
            if pages[key]:
                pages[key] = "?" + urlencode({**params, "page": pages[key]})
        result.pages = pages
    return render(request, "archive/staff/search.html", {
        "form": form, "result": result, "facets": facets, "params": params,
        "is_admin": user_role(request.user) == Role.ADMINISTRATOR}, status=400 if form.errors else 200)


# --- The staff view of one document -------------------------------------------------------------

def document_staff_page(request, document):
    """Versions with their processing log, decisions, and (administrator) the audit trail."""
    versions = list(document.versions.order_by("-number"))
    events = {}
    for event in ProcessingEvent.objects.filter(version__document=document).order_by("at", "id"):
        events.setdefault(event.version_id, []).append(event)
    for version in versions:
        version.log = events.get(version.pk, [])
    is_admin = user_role(request.user) == Role.ADMINISTRATOR
    audit = (AuditEvent.objects.filter(target=f"document:{document.pk}").select_related("actor").order_by("-id")[:200]
             if is_admin else None)
    decisions = (VerificationDecision.objects.filter(version__document=document)
                 .select_related("decided_by", "version").order_by("-decided_at", "-id"))
    return render(request, "archive/staff/document.html", {
        "document": document, "versions": versions, "latest": versions[0] if versions else None,
        "decisions": decisions, "audit": audit, "is_admin": is_admin,
        "status": status_overview(document.employee)})


# --- Service catalogue ------------------------------------------------------------------------

@login_required
def service_catalogue_page(request):
    require_administrator(request.user)
    error = None
    if request.method == "POST":
        service = services_catalogue().filter(code=request.POST.get("service", "")).first()
        if service is None:
            error = _("Choose a service from the list.")
        else:
            service = service_update(actor=request.user, service=service, active=request.POST.get("active") == "1")
            messages.success(request, (_("%(name)s is now open.") if service.active else
                                       _("%(name)s is now closed.")) % {"name": service.name})
            return redirect("service-catalogue")
    services = services_catalogue().prefetch_related("requirements__document_type").order_by("name")
    changes = (AuditEvent.objects.filter(action="service.update").select_related("actor").order_by("-id")[:20])
    return render(request, "archive/staff/service_catalogue.html", {"services": services, "changes": changes,
                                                                     "error": error}, status=400 if error else 200)


def _outcome_posted(request) -> dict:
    """The outcome fields of the catalogue form: output document, who decides, agency step, legal basis
    (none when the form posted did not carry them)."""
    if "output_template" not in request.POST:
        return {}
    return {"output_template": request.POST.get("output_template", "").strip(),
            "decided_by": request.POST.get("decided_by", "").strip(),
            "agency_review": request.POST.get("agency_review") == "1",
            "legal_basis": request.POST.get("legal_basis", "").strip()}


@login_required
def service_edit_page(request, code=None):
    """Add a service, or rename, open or close one, choose its required documents and its outcome
    (the decree or surat usul it ends in, who decides, the agency step, its legal basis); audited."""
    require_administrator(request.user)
    service = get_object_or_404(services_catalogue(), code=code) if code else None
    types = list(DocumentType.objects.filter(active=True).order_by("name"))
    # document type id -> must be verified, as saved (or as just posted when the change was refused)
    required = {r.document_type_id: r.must_be_verified for r in service.requirements.all()} if service else {}
    error, errors = None, {}
    if request.method == "POST":
        chosen = set(request.POST.getlist("required"))
        required = {t.pk: f"verified_{t.code}" in request.POST for t in types if t.code in chosen}
        requirements = [{"document_type": t.code, "must_be_verified": required[t.pk]} for t in types
                        if t.pk in required]
        name = request.POST.get("name", "").strip()
        if not name:
            errors["name"] = _("Give the service a name.")
        else:
            try:
                if service is None:
                    service = service_create(actor=request.user, code=request.POST.get("code", ""), name=name,
                                             requirements=requirements,
                                             **{"output_template": "", **_outcome_posted(request)})
                else:
                    service_update(actor=request.user, service=service, name=name,
                                   active=request.POST.get("active") == "1", requirements=requirements,
                                   **_outcome_posted(request))
            except RequestRefused as refusal:
                error, errors = refusal.message, {k: v for k, v in refusal.errors.items() if isinstance(v, str)}
            else:
                messages.success(request, _("Changes saved and recorded."))
                return redirect("service-edit", code=service.code)
    rows = [{"type": t, "required": t.pk in required, "must_be_verified": required.get(t.pk, True)} for t in types]
    changes = (AuditEvent.objects.filter(action__in=["service.update", "service.create"],
                                         target=f"service:{service.code}").select_related("actor").order_by("-id")[:20]
               if service else [])
    return render(request, "archive/staff/service_edit.html", {
        "service": service, "rows": rows, "error": error, "errors": errors, "changes": changes,
        "templates": [t for t in templates_catalogue() if t["code"] != "laporan_triwulan"]},
        status=400 if error or errors else 200)


# --- Monitoring -------------------------------------------------------------------------------

def bar_chart(rows: list[dict], *, value: str, label: str, max_value: float | None = None, unit: str = "",
              width: int = 640, bar_height: int = 22, gap: int = 8, label_width: int = 230) -> dict:
    """Geometry of a horizontal bar chart drawn as SVG in the template (no script, no library)."""
    values = [row.get(value) or 0 for row in rows]
    top = max_value or max(values + [1])
    plot = width - label_width - 60
    bars = []
    for index, (row, number) in enumerate(zip(rows, values)):
        y = index * (bar_height + gap)
        length = round(plot * min(number, top) / top, 1) if top else 0
        bars.append({"label": row[label], "value": number, "value_text": formats.localize(number),
                     "y": y, "text_y": round(y + bar_height * 0.7, 1),
                     "width": length, "value_x": label_width + length + 6})
    return {"bars": bars, "width": width, "height": max(len(rows) * (bar_height + gap), bar_height),
            "label_width": label_width, "bar_height": bar_height, "unit": unit}


@login_required
def monitoring_page(request):
    """Completeness and backlog per unit: SVG bar charts drawn on the server, numbers in a table."""
    from archive.selectors_monitoring import file_completeness

    require_staff(request.user)
    report = file_completeness(request.user)
    units = report["units"]
    duties = None
    if user_role(request.user) == Role.ADMINISTRATOR:
        import datetime as dt

        from django.conf import settings

        from archive.models import ScheduledRun
        from documents.services.recovery import versions_stuck

        duties = {"runs": ScheduledRun.objects.order_by("name"), "stuck": versions_stuck(
            older_than=dt.timedelta(minutes=settings.RESUME_PROCESSING_AFTER_MINUTES)).count()}
    return render(request, "archive/monitoring.html", {
        "report": report, "duties": duties,
        "completeness_chart": bar_chart(units, value="completeness", label="unit_name", max_value=100, unit="%"),
        "backlog_chart": bar_chart(units, value="backlog", label="unit_name"),
    })
