"""Reads. The one place that decides what a user may see: every list, detail,
search and download goes through these functions."""
from __future__ import annotations

from django.db.models import QuerySet

from documents.models import Document, DocumentType, DocumentVersion
from people.models import Employee, Role, Unit


def user_role(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "profile", None)
    if profile is not None:
        return profile.role
    return Role.ADMINISTRATOR if user.is_superuser else None


def units_visible_to(user) -> QuerySet[Unit]:
    role = user_role(user)
    if role == Role.ADMINISTRATOR:
        return Unit.objects.all()
    if role == Role.FASILITATOR:
        return user.profile.units.all()
    if role == Role.EMPLOYEE:
        return Unit.objects.filter(pk=user.profile.employee.unit_id)
    return Unit.objects.none()


def employees_visible_to(user) -> QuerySet[Employee]:
    """Employee: only themself. Fasilitator: their units' employees. Administrator: all."""
    role = user_role(user)
    employees = Employee.objects.select_related("unit__agency")
    if role == Role.ADMINISTRATOR:
        return employees
    if role == Role.FASILITATOR:
        return employees.filter(unit__in=user.profile.units.all())
    if role == Role.EMPLOYEE:
        return employees.filter(pk=user.profile.employee_id)
    return employees.none()


def employee_get_visible(user, nip: str) -> Employee:
    """Raises Employee.DoesNotExist both for a wrong NIP and one outside scope (answered 404)."""
    from ocr.nip import normalize_nip

    return employees_visible_to(user).get(nip=normalize_nip(nip))


def confidential_hidden_from(user) -> bool:
    """Confidential documents (discipline, divorce …) are the owner's and the administrators' only: a
    fasilitator sees that the slot is filled (document_slots), never the document (issue 17)."""
    return user_role(user) not in (Role.ADMINISTRATOR, Role.EMPLOYEE)


def documents_visible_to(user) -> QuerySet[Document]:
    documents = (
        Document.objects.filter(deleted_at__isnull=True, employee__in=employees_visible_to(user))
        .select_related("employee__unit__agency", "document_type", "history_entry")
    )
    if confidential_hidden_from(user):
        documents = documents.exclude(document_type__confidential=True)
    return documents


def document_slots(user, employee: Employee) -> list[dict]:
    """Every live document slot of an employee the caller may see: its type and status. A confidential one
    is listed for a fasilitator too (the slot is filled), without its id: its content stays hidden."""
    hidden = confidential_hidden_from(user)
    documents = (Document.objects.filter(deleted_at__isnull=True, employee=employee)
                 .select_related("document_type").order_by("document_type__name", "created_at"))
    return [{"document_type": d.document_type.code, "name": d.document_type.name, "status": d.status,
             "confidential": d.document_type.confidential,
             "document": None if hidden and d.document_type.confidential else d.pk,
             "history_entry": d.history_entry_id} for d in documents]


def documents_with_history(documents: QuerySet[Document]) -> QuerySet[Document]:
    """The documents with every version, its processing log and its decisions fetched in four
    queries for the whole page (a listing otherwise asks four per document)."""
    from django.db.models import Prefetch

    from documents.models import VerificationDecision

    versions = (DocumentVersion.objects.select_related("uploaded_by").order_by("number")
                .prefetch_related("events", Prefetch("decisions", queryset=VerificationDecision.objects
                                                     .select_related("decided_by"))))
    return documents.prefetch_related(Prefetch("versions", queryset=versions))


def document_versions(document: Document) -> QuerySet[DocumentVersion]:
    return document.versions.order_by("number")


def document_latest_version(document: Document) -> DocumentVersion | None:
    return document.versions.order_by("-number").first()


def document_types_active() -> QuerySet[DocumentType]:
    return DocumentType.objects.filter(active=True)


def can_verify(user, document: Document) -> bool:
    return can_act_for(user, document.employee)


def can_act_for(user, employee: Employee) -> bool:
    """A fasilitator of the employee's unit, or an administrator: who verifies and decides for them."""
    role = user_role(user)
    if role == Role.ADMINISTRATOR:
        return True
    if role == Role.FASILITATOR:
        return user.profile.units.filter(pk=employee.unit_id).exists()
    return False


def stored_objects():
    """Every object the database says is stored: (label, key, version_id, sha256)."""
    versions = DocumentVersion.objects.order_by("pk").values_list(
        "document_id", "number", "object_key", "object_version", "sha256",
        "thumbnail_key", "thumbnail_version", "thumbnail_sha256")
    for document_id, number, key, version_id, sha256, t_key, t_version, t_sha in versions.iterator():
        yield f"document {document_id} v{number}", key, version_id, sha256
        if t_key:
            yield f"document {document_id} v{number} thumbnail", t_key, t_version, t_sha


def issued_documents_visible_to(user):
    from documents.catalogue import CONFIDENTIAL_TEMPLATES
    from issuing.models import IssuedDocument

    issued = IssuedDocument.objects.filter(employee__in=employees_visible_to(user))
    if confidential_hidden_from(user):
        issued = issued.exclude(template__in=CONFIDENTIAL_TEMPLATES)
    return issued.select_related("employee__unit").order_by("-issued_at", "-id")


def confidential_codes() -> frozenset[str]:
    """The document types and issued templates hidden from a fasilitator (as the search index names them)."""
    from documents.catalogue import CONFIDENTIAL_TEMPLATES

    return frozenset(DocumentType.objects.filter(confidential=True).values_list("code", flat=True)) | frozenset(
        CONFIDENTIAL_TEMPLATES)


def issued_document_by_token(token: str):
    from issuing.models import IssuedDocument

    return IssuedDocument.objects.select_related("employee").filter(token=token).first()


def numbers_not_issued():
    """Reserved numbers without a document: void (with the reason) or still being signed. Every gap
    in a register is one of these (issuing.services.numbering)."""
    from issuing.models import NumberReservation

    return NumberReservation.objects.exclude(status=NumberReservation.Status.ISSUED).order_by("-reserved_at", "-id")
