"""Governance pages (Indonesian through locale/id): the administrator's desk (statistics releases, data
requests, retention, deleted documents, incidents), reference data (units, agencies, document types,
formation), the employee's consents, and the help pages with the question channel. Thin: services write,
selectors read; a refusal is shown beside the form."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import DocumentType
from people.models import Agency, Role, Unit
from archive.selectors import documents_visible_to, user_role
from archive.views_admin import require_administrator
from governance.models import DataRequest, Incident, Position, RetentionItem, StatisticsRelease
from governance.selectors import (consent_choices, consents_of, data_requests_overdue, documents_deleted,
                                  formation_report, questions_visible_to)
from governance.services import catalogue, organisation
from governance.services.consent import consent_grant, consent_withdraw
from governance.services.errors import GovernanceRefused
from governance.services.incidents import incident_close, incident_record
from governance.services.questions import question_answer, question_ask
from governance.services.releases import statistics_release_approve, statistics_release_prepare
from governance.services.retention import document_restore, retention_decide


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return timezone.localdate()


def _desk_action(request) -> str:
    """One POST of the desk: the action named, done by its service. -> the message shown."""
    post, actor = request.POST, request.user
    action = post.get("action", "")
    if action == "release_prepare":
        statistics_release_prepare(actor=actor, as_of=timezone.localdate())
        return _("Release prepared; it is served once approved.")
    if action == "release_approve":
        release = get_object_or_404(StatisticsRelease, pk=post.get("pk") or 0)
        statistics_release_approve(actor=actor, release=release, note=post.get("note", ""))
        return _("Release approved and published.")
    if action == "request_decide":
        data_request = get_object_or_404(DataRequest, pk=post.get("pk") or 0)
        from governance.services.requests import data_request_decide

        data_request_decide(actor=actor, request=data_request, approve=post.get("approve") == "1",
                            reason=post.get("reason", ""))
        return _("Decision recorded.")
    if action == "retention_decide":
        item = get_object_or_404(RetentionItem, pk=post.get("pk") or 0)
        retention_decide(actor=actor, item=item, decision=post.get("decision", ""), decree=post.get("decree", ""))
        return _("Decision recorded.")
    if action == "restore":
        document = get_object_or_404(documents_deleted(), pk=post.get("pk") or 0)
        document_restore(actor=actor, document=document, reason=post.get("reason", ""))
        return _("Document restored with its versions.")
    if action == "incident_record":
        incident_record(actor=actor, title=post.get("title", ""), description=post.get("description", ""),
                        category=post.get("category", ""), severity=post.get("severity", ""),
                        occurred_at=timezone.now())
        return _("Incident recorded; the administrators and the Diskominfo contact are notified.")
    if action == "incident_close":
        incident = get_object_or_404(Incident, pk=post.get("pk") or 0)
        incident_close(actor=actor, incident=incident, lessons=post.get("lessons", ""))
        return _("Incident closed.")
    raise GovernanceRefused(_("Unknown action."))


@login_required
def desk_page(request):
    require_administrator(request.user)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _desk_action(request))
            return redirect("governance-desk")
        except GovernanceRefused as refusal:
            error = refusal.message
    return render(request, "governance/desk.html", {
        "releases": StatisticsRelease.objects.select_related("prepared_by", "approved_by")[:10],
        "requests": DataRequest.objects.all()[:50], "overdue": data_requests_overdue().count(),
        "items": RetentionItem.objects.filter(decision="pending").select_related("rule__document_type")[:100],
        "deleted": documents_deleted()[:50], "incidents": Incident.objects.all()[:20],
        "categories": Incident.Category.choices, "severities": Incident.Severity.choices,
        "today": timezone.localdate(), "error": error}, status=400 if error else 200)


def _reference_action(request) -> str:
    post, actor = request.POST, request.user
    action, day, decree = post.get("action", ""), _date(post.get("effective_date", "")), post.get("decree", "")
    if action == "unit_create":
        agency = get_object_or_404(Agency, code=post.get("agency", ""))
        organisation.unit_create(actor=actor, code=post.get("code", ""), name=post.get("name", ""), agency=agency,
                                 effective_date=day, decree=decree)
    elif action == "agency_create":
        organisation.agency_create(actor=actor, code=post.get("code", ""), name=post.get("name", ""),
                                   effective_date=day, decree=decree)
    elif action in ("unit_rename", "unit_merge", "unit_close"):
        unit = get_object_or_404(Unit, code=post.get("unit", ""))
        if action == "unit_rename":
            organisation.unit_rename(actor=actor, unit=unit, name=post.get("name", ""), effective_date=day,
                                     decree=decree)
        elif action == "unit_merge":
            organisation.unit_merge(actor=actor, unit=unit, into=get_object_or_404(Unit, code=post.get("into", "")),
                                    effective_date=day, decree=decree)
        else:
            organisation.unit_close(actor=actor, unit=unit, effective_date=day, decree=decree)
    elif action == "document_type_create":
        catalogue.document_type_create(actor=actor, code=post.get("code", ""), name=post.get("name", ""),
                                       confidential=post.get("confidential") == "1")
    elif action == "position_create":
        catalogue.position_create(actor=actor, code=post.get("code", ""), name=post.get("name", ""),
                                  kind=post.get("kind", ""))
    elif action == "formation_set":
        try:
            needed = max(0, int(post.get("needed", "")))
        except ValueError:
            raise GovernanceRefused(_("Give the number needed.")) from None
        catalogue.formation_set(actor=actor, unit=get_object_or_404(Unit, code=post.get("unit", "")),
                                position=get_object_or_404(Position, code=post.get("position", "")), needed=needed)
    else:
        raise GovernanceRefused(_("Unknown action."))
    return _("Saved.")


@login_required
def reference_page(request):
    require_administrator(request.user)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _reference_action(request))
            return redirect("governance-reference")
        except GovernanceRefused as refusal:
            error = refusal.message
    units = Unit.objects.select_related("agency", "closure").order_by("agency__code", "code")
    return render(request, "governance/reference.html", {
        "agencies": Agency.objects.select_related("closure").order_by("code"), "units": units,
        "document_types": DocumentType.objects.order_by("name"), "positions": Position.objects.all(),
        "position_kinds": Position.Kind.choices, "formation": formation_report(Unit.objects.all()),
        "error": error}, status=400 if error else 200)


@login_required
def consent_page(request):
    """The employee's own consents: grant for an agreement's recipient and purpose, withdraw."""
    if user_role(request.user) != Role.EMPLOYEE:
        raise PermissionDenied
    employee = request.user.profile.employee
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "withdraw":
                consent_withdraw(actor=request.user,
                                 consent=get_object_or_404(consents_of(employee), pk=request.POST.get("pk") or 0))
                messages.success(request, _("Consent withdrawn."))
            else:
                recipient, _sep, purpose = request.POST.get("choice", "").partition("|")
                consent_grant(actor=request.user, employee=employee, recipient=recipient, purpose=purpose)
                messages.success(request, _("Consent given."))
            return redirect("consents")
        except GovernanceRefused as refusal:
            error = refusal.message
    return render(request, "governance/consents.html", {
        "consents": consents_of(employee), "choices": consent_choices(), "error": error},
        status=400 if error else 200)


@login_required
def help_page(request):
    """The user guide for the caller's role, and the question channel: an employee asks their unit's
    fasilitator; a fasilitator answers their units' questions."""
    role = user_role(request.user)
    error = None
    if request.method == "POST":
        try:
            if role == Role.EMPLOYEE:
                about = ""
                if request.POST.get("document"):
                    document = get_object_or_404(documents_visible_to(request.user), pk=request.POST["document"])
                    about = f"document:{document.pk}"
                question_ask(actor=request.user, employee=request.user.profile.employee,
                             text=request.POST.get("text", ""), about=about)
                messages.success(request, _("Question sent to your unit's fasilitator."))
            elif role in (Role.FASILITATOR, Role.ADMINISTRATOR):
                if not request.POST.get("pk", "").isdigit():
                    raise GovernanceRefused(_("Choose the question to answer."))
                question = get_object_or_404(questions_visible_to(request.user), pk=request.POST.get("pk") or 0)
                question_answer(actor=request.user, question=question, answer=request.POST.get("answer", ""))
                messages.success(request, _("Answer sent."))
            else:
                raise PermissionDenied
            return redirect("help")
        except GovernanceRefused as refusal:
            error = refusal.message
    documents = documents_visible_to(request.user)[:50] if role == Role.EMPLOYEE else []
    return render(request, "governance/help.html", {
        "role": role, "questions": questions_visible_to(request.user)[:50], "documents": documents,
        "error": error}, status=400 if error else 200)
