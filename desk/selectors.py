"""Reads for services, service requests, data updates, drafts and notifications.
Scope always goes through archive.selectors (employees_visible_to)."""
from __future__ import annotations

from django.db.models import QuerySet

from desk.models import DataUpdate, Service, ServiceRequest, ServiceRequirement
from documents.models import Document, DocumentStatus
from issuing.models import IssueDraft
from notifications.models import Notification
from people.models import Employee, Role
from archive.selectors import employees_visible_to, user_role

MISSING, AWAITING, VERIFIED = "missing", "awaiting_verification", "verified"
# A document in one of these states is on its way to being verified; anything else
# (none, needs_rescan, rejected, not_authentic, failed) has to be uploaded again.
_IN_PROGRESS = {DocumentStatus.RECEIVED, DocumentStatus.PROCESSING, DocumentStatus.AWAITING_VERIFICATION}


def services_catalogue(*, include_inactive: bool = True) -> QuerySet[Service]:
    services = Service.objects.prefetch_related("requirements__document_type")
    return services if include_inactive else services.filter(active=True)


def service_requirements(service: Service) -> list[ServiceRequirement]:
    return list(service.requirements.select_related("document_type").order_by("position", "id"))


def service_checklist(*, service: Service, employee: Employee) -> list[dict]:
    """Each required document and where it stands in the employee's file today."""
    documents: dict[int, list[Document]] = {}
    for document in (Document.objects.filter(employee=employee, deleted_at__isnull=True,
                                             document_type__in=service.document_types.all())
                     .order_by("-updated_at", "-id")):
        documents.setdefault(document.document_type_id, []).append(document)
    checklist = []
    for requirement in service_requirements(service):
        candidates = documents.get(requirement.document_type_id, [])
        verified = [d for d in candidates if d.status == DocumentStatus.VERIFIED]
        waiting = [d for d in candidates if d.status in _IN_PROGRESS]
        chosen = (verified or waiting or candidates or [None])[0]
        state = VERIFIED if verified else AWAITING if waiting else MISSING
        checklist.append({
            "document_type": requirement.document_type.code, "name": requirement.document_type.name,
            "must_be_verified": requirement.must_be_verified, "state": state,
            "document": chosen.pk if chosen else None, "document_status": chosen.status if chosen else None,
            "ready": state == VERIFIED or (state == AWAITING and not requirement.must_be_verified),
        })
    return checklist


def service_requests_visible_to(user) -> QuerySet[ServiceRequest]:
    return (ServiceRequest.objects.filter(employee__in=employees_visible_to(user))
            .select_related("service", "employee__unit", "issued_document", "created_by", "decided_by"))


def data_updates_visible_to(user) -> QuerySet[DataUpdate]:
    return (DataUpdate.objects.filter(employee__in=employees_visible_to(user))
            .select_related("employee__unit", "history_entry", "document", "proposed_by", "decided_by"))


def issue_drafts_visible_to(user) -> QuerySet[IssueDraft]:
    if user_role(user) != Role.ADMINISTRATOR:
        return IssueDraft.objects.none()
    return IssueDraft.objects.select_related("employee__unit", "decision__version__document", "issued_document")


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)
