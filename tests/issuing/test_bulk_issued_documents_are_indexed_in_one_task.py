"""A bulk batch's documents reach the search index together: one index task for the batch (not one
per document), and every issued document is then found by its number."""
import pytest

from issuing.models import IssuedDocument
from issuing.services.issuing import issued_documents_issue_many
from people.models import Employee
from search.query import SearchQuery
from search.selectors import search_documents

pytestmark = pytest.mark.django_db


def test_a_batch_is_indexed_by_one_task_and_found(users, monkeypatch, django_capture_on_commit_callbacks):
    from archive import enqueue as enqueue_module

    sent = []
    real_enqueue = enqueue_module.enqueue

    def recording_enqueue(name, *args, **kwargs):
        sent.append((name, args))
        return real_enqueue(name, *args, **kwargs)

    monkeypatch.setattr("issuing.services.issuing.enqueue", recording_enqueue)
    employees = list(Employee.objects.order_by("nip")[:3])
    fields = {"gaji_baru": 4123400, "tmt": "2026-12-01"}
    with django_capture_on_commit_callbacks(execute=True):
        results = issued_documents_issue_many(actor=users["admin"], template="kgb",
                                              items=[(employee, fields) for employee in employees])

    issued = [r for r in results if isinstance(r, IssuedDocument)]
    assert len(issued) == 3, results
    index_tasks = [args for name, args in sent if name.startswith("issuing.tasks.index_issued")]
    assert [sorted(args[0]) for args in index_tasks] == [sorted(d.pk for d in issued)]
    for document in issued:
        found = search_documents(users["admin"], SearchQuery(q=document.employee.nip, kind="issued"))
        assert document.pk in {hit.id for hit in found.hits if hit.kind == "issued"}
