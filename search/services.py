"""Writes to the search index. The archive calls these after its transactions commit
(Celery task `index_document`); nothing here is called inside the archive's own writes,
so a broken index can never fail an upload."""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from documents.models import Document, DocumentStatus, DocumentVersion
from issuing.models import IssuedDocument
from search.backends import get_backend
from search.query import IndexEntry

Progress = Callable[[int, int], None]
REINDEX_BATCH = 500


def scan_key(document_id: int) -> str:
    return f"scan:{document_id}"


def issued_key(issued_document_id: int) -> str:
    return f"issued:{issued_document_id}"


def _documents() -> QuerySet[Document]:
    """Live documents with what an index entry needs, the latest version's fields included."""
    latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    return (
        Document.objects.filter(deleted_at__isnull=True)
        .select_related("employee__unit__agency", "document_type", "history_entry")
        .annotate(
            latest_number=Subquery(latest.values("number")[:1]),
            latest_text=Subquery(latest.values("text")[:1]),
            latest_uploaded_at=Subquery(latest.values("uploaded_at")[:1]),
        )
    )


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(moment).date() if moment else None


def document_entry(document: Document) -> IndexEntry:
    """The index entry of a scan document (from `_documents()`)."""
    employee, unit, doc_type, history = (document.employee, document.employee.unit,
                                         document.document_type, document.history_entry)
    title = f"{doc_type.name} — {history.title}" if history else doc_type.name
    document_date = ((history.effective_date if history else None)
                     or _local_date(document.latest_uploaded_at) or _local_date(document.created_at))
    return IndexEntry(
        key=scan_key(document.pk), kind="scan", document_id=document.pk,
        employee_id=employee.pk, employee_nip=employee.nip, employee_name=employee.nama,
        agency_code=unit.agency.code, unit_id=unit.pk, unit_code=unit.code, unit_name=unit.name,
        document_type_code=doc_type.code, document_type_name=doc_type.name,
        status=document.status, title=title[:300], text=document.latest_text or "",
        document_date=document_date, uploaded_at=document.latest_uploaded_at,
        signed=False, verified=document.status == DocumentStatus.VERIFIED,
        version=document.latest_number or 0,
    )


def document_index(document_id: int) -> None:
    """(Re)build the index entry of one archive document from the database, or remove it when
    the document is soft-deleted or gone. Idempotent: call it after every change that commits
    (upload, new version, processing result, verification decision, soft delete)."""
    document = _documents().filter(pk=document_id).first()
    backend = get_backend()
    if document is None:
        backend.delete([scan_key(document_id)])
    else:
        backend.upsert([document_entry(document)])


def employee_documents_index(employee_id: int) -> int:
    """Re-index every live document of an employee: after a change of name, NIP or unit
    (a transfer moves the documents into the new unit's scope). Returns how many."""
    entries = [document_entry(d) for d in _documents().filter(employee_id=employee_id)]
    get_backend().upsert(entries)
    return len(entries)


def issued_document_index(*, issued_document_id: int, employee_id: int, employee_nip: str, employee_name: str,
                          agency_code: str, unit_id: int, unit_code: str, unit_name: str,
                          document_type_code: str, document_type_name: str, number: str, title: str, text: str,
                          issued_on: dt.date, status: str, version: int, signed: bool = True) -> None:
    """Index one issued (rendered, signed) document version from plain values; its status is
    `current`, `superseded` or `revoked`. Called after commit on issue, re-issue and revoke."""
    get_backend().upsert([IndexEntry(
        key=issued_key(issued_document_id), kind="issued", document_id=issued_document_id,
        employee_id=employee_id, employee_nip=employee_nip, employee_name=employee_name,
        agency_code=agency_code, unit_id=unit_id, unit_code=unit_code, unit_name=unit_name,
        document_type_code=document_type_code, document_type_name=document_type_name, status=status,
        title=(f"{title} — {number}" if number else title)[:300], text=text, document_date=issued_on,
        uploaded_at=None, signed=signed, verified=True, version=version,
    )])


def issued_document_entry(issued) -> IndexEntry:
    """The search entry of an IssuedDocument row (with its employee, unit and agency)."""
    employee = issued.employee
    text = " ".join([issued.title, issued.number, employee.nama, *(str(v) for v in issued.fields.values())])
    return IndexEntry(
        key=issued_key(issued.pk), kind="issued", document_id=issued.pk, employee_id=employee.pk,
        employee_nip=employee.nip, employee_name=employee.nama, agency_code=employee.unit.agency.code,
        unit_id=employee.unit_id, unit_code=employee.unit.code, unit_name=employee.unit.name,
        document_type_code=issued.template, document_type_name=issued.title, status=issued.status,
        title=(f"{issued.title} — {issued.number}" if issued.number else issued.title)[:300], text=text,
        document_date=timezone.localtime(issued.issued_at).date(), uploaded_at=None, signed=True, verified=True,
        version=issued.version,
    )


def issued_documents_index(issued_document_ids: list[int]) -> None:
    """Index issued versions, read from their rows, in one write (bulk issuing indexes a batch at
    once). A report, about no one, is not part of anyone's file: not in the personnel search."""
    issued = (IssuedDocument.objects.filter(pk__in=list(issued_document_ids), employee__isnull=False)
              .select_related("employee__unit__agency"))
    get_backend().upsert([issued_document_entry(row) for row in issued])


def issued_document_unindex(issued_document_id: int) -> None:
    get_backend().delete([issued_key(issued_document_id)])


def _scan_batches(batch_size: int) -> Iterator[list[IndexEntry]]:
    last = 0
    while True:
        documents = list(_documents().filter(pk__gt=last).order_by("pk")[:batch_size])
        if not documents:
            return
        last = documents[-1].pk
        yield [document_entry(d) for d in documents]


def _issued_batches(batch_size: int) -> Iterator[list[IndexEntry]]:
    last = 0
    while True:
        rows = list(IssuedDocument.objects.select_related("employee__unit__agency")
                    .filter(pk__gt=last, employee__isnull=False).order_by("pk")[:batch_size])
        if not rows:
            return
        last = rows[-1].pk
        yield [issued_document_entry(row) for row in rows]


def reindex_all(progress: Progress | None = None, *, batch_size: int = REINDEX_BATCH) -> int:
    """Rebuild the whole index — scans and issued documents — from the database while
    searches go on being answered.

    Database back ends upsert batch by batch and finally drop entries of documents gone
    since; Elasticsearch builds a new index and swaps the alias."""
    started = timezone.now()
    total = Document.objects.filter(deleted_at__isnull=True).count() + IssuedDocument.objects.filter(employee__isnull=False).count()
    batches = itertools.chain(_scan_batches(batch_size), _issued_batches(batch_size))
    count = get_backend().rebuild(batches, kinds=["scan", "issued"], total=total, progress=progress)
    # Catch up with what changed while the rebuild ran (a write that went to the old
    # Elasticsearch index, or a batch that read a document just before it changed).
    changed = set(Document.objects.filter(updated_at__gte=started).values_list("pk", flat=True))
    changed |= set(DocumentVersion.objects.filter(uploaded_at__gte=started).values_list("document_id", flat=True))
    for document_id in sorted(changed):
        document_index(document_id)
    issued = (IssuedDocument.objects.select_related("employee__unit__agency")
              .filter(Q(issued_at__gte=started) | Q(revoked_at__gte=started), employee__isnull=False))
    get_backend().upsert([issued_document_entry(row) for row in issued])
    return count
