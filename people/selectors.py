"""Reads for an employee's own page ("Berkas Saya"): their file as a checklist by document type,
each document with its versions and what to do next, their issued documents and service requests.
Scope goes through archive.selectors like every other read."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from documents.catalogue import core_document_types
from documents.models import Document, DocumentStatus, DocumentType, DocumentVersion, VerificationDecision
from people.models import Employee
from archive.selectors import documents_visible_to, issued_documents_visible_to
from desk.selectors import service_requests_visible_to

# What the employee sees for a document: one of these states, each with its own next step.
MISSING, CHECKING, AWAITING, VERIFIED, NEEDS_RESCAN, REJECTED, FAILED = (
    "missing", "checking", "awaiting_verification", "verified", "needs_rescan", "rejected", "failed")
_STATE_OF_STATUS = {
    DocumentStatus.RECEIVED: CHECKING, DocumentStatus.PROCESSING: CHECKING,
    DocumentStatus.AWAITING_VERIFICATION: AWAITING, DocumentStatus.VERIFIED: VERIFIED,
    DocumentStatus.NEEDS_RESCAN: NEEDS_RESCAN, DocumentStatus.REJECTED: REJECTED,
    DocumentStatus.NOT_AUTHENTIC: REJECTED, DocumentStatus.FAILED: FAILED,
}


@dataclass
class FileEntry:
    """One document slot of the employee's file, present or missing."""

    document_type: DocumentType
    required: bool
    state: str
    document: Document | None = None
    versions: list[DocumentVersion] = field(default_factory=list)  # newest first
    reasons: list[dict] = field(default_factory=list)  # legibility reasons of the newest version
    decision: VerificationDecision | None = None  # the fasilitator's latest decision, if any

    @property
    def latest(self) -> DocumentVersion | None:
        return self.versions[0] if self.versions else None

    @property
    def label(self) -> str:
        entry = self.document.history_entry if self.document else None
        return f"{self.document_type.name} — {entry.title}" if entry else self.document_type.name


def employee_file(user, employee: Employee) -> list[FileEntry]:
    """The core documents every file must hold (missing ones included), then every other document
    the employee has, in catalogue order."""
    documents = (documents_visible_to(user).filter(employee=employee)
                 .prefetch_related(Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number")
                                            .prefetch_related(Prefetch(
                                                "decisions", queryset=VerificationDecision.objects
                                                .order_by("-decided_at", "-id"))))))
    by_type: dict[int, list[Document]] = {}
    for document in documents:
        by_type.setdefault(document.document_type_id, []).append(document)
    core = core_document_types(employee.status)
    types = {t.code: t for t in DocumentType.objects.filter(code__in=core)}
    entries: list[FileEntry] = []
    for code in core:
        if code in types and types[code].pk not in by_type:
            entries.append(FileEntry(types[code], True, MISSING))
    for document_type in DocumentType.objects.filter(pk__in=by_type).order_by("name"):
        for document in sorted(by_type[document_type.pk], key=lambda d: d.created_at):
            entries.append(_entry(document_type, document, core))
    order = {code: i for i, code in enumerate(core)}
    entries.sort(key=lambda e: (order.get(e.document_type.code, len(order)), e.document_type.name))
    return entries


def _entry(document_type: DocumentType, document: Document, core: list[str]) -> FileEntry:
    versions = list(document.versions.all())
    latest = versions[0] if versions else None
    decisions = list(latest.decisions.all()) if latest else []
    return FileEntry(document_type, document_type.code in core,
                     _STATE_OF_STATUS.get(document.status, CHECKING), document, versions,
                     list((latest.legibility or {}).get("reasons", [])) if latest else [],
                     decisions[0] if decisions else None)


def employee_file_summary(entries: list[FileEntry]) -> dict[str, int]:
    """How many core documents are verified, waiting, to redo or missing: the line above the list."""
    core = [e for e in entries if e.required]
    redo = {NEEDS_RESCAN, REJECTED, FAILED}
    return {"required": len({e.document_type.pk for e in core}),
            "verified": sum(e.state == VERIFIED for e in core),
            "waiting": sum(e.state in (CHECKING, AWAITING) for e in core),
            "to_fix": sum(e.state in redo for e in entries),
            "missing": sum(e.state == MISSING for e in core)}


def employee_issued_documents(user, employee: Employee):
    return issued_documents_visible_to(user).filter(employee=employee)


def employee_service_requests(user, employee: Employee):
    return service_requests_visible_to(user).filter(employee=employee).order_by("-created_at", "-id")
