"""`manage.py reindex` rebuilds the index from the database with a progress bar: it restores
what is missing, updates what is stale and drops what is gone."""
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from documents.models import Document
from search.query import SearchQuery
from search.selectors import search_documents
from search.services import reindex_all
from tests.search.conftest import make_document

pytestmark = pytest.mark.django_db


def _count(library, **kw):
    return search_documents(library.user("admin"), SearchQuery(**kw)).count


def test_reindex_restores_documents_indexed_nowhere(library):
    make_document(library.employees["dewi"], "npwp", "Nomor pokok wajib pajak", index=False)
    assert _count(library, q="pajak") == 0
    out, err = io.StringIO(), io.StringIO()
    call_command("reindex", stdout=out, stderr=err)
    assert _count(library, q="pajak") == 1
    assert "Indexed 7 documents" in out.getvalue()
    assert "100%" in err.getvalue() and "7/7" in err.getvalue()


def test_reindex_drops_documents_deleted_behind_its_back(library):
    Document.objects.filter(pk=library.docs["sri_kgb"].pk).update(deleted_at=timezone.now())
    assert _count(library) == 6
    call_command("reindex", "--no-progress", stdout=io.StringIO())
    assert _count(library) == 5


def test_reindex_updates_stale_entries_and_reports_progress(library):
    Document.objects.filter(pk=library.docs["sri_spmt"].pk).update(status="rejected")
    seen = []
    assert reindex_all(progress=lambda done, total: seen.append((done, total)), batch_size=4) == 6
    assert seen == [(4, 6), (6, 6)]
    assert _count(library, status="rejected") == 2


def test_reindex_restores_issued_documents(library):
    import uuid

    from issuing.models import IssuedDocument

    issued = IssuedDocument.objects.create(
        template="sk_kenaikan_pangkat", title="SK Kenaikan Pangkat", number="800/77/204/2026", year=2026,
        employee=library.employees["sri"], fields={"pangkat_baru": "Penata Tingkat I, III/d"},
        token=uuid.uuid4().hex, object_key="issued/x", object_version="1", sha256=uuid.uuid4().hex * 2, size=1)
    assert _count(library, kind="issued") == 0
    assert reindex_all() == 7
    hits = search_documents(library.user("fasilitator"), SearchQuery(q="penata tingkat", kind="issued")).hits
    assert [(h.id, h.signed, h.status) for h in hits] == [(issued.pk, True, "current")]
    IssuedDocument.objects.filter(pk=issued.pk).update(status="revoked")
    reindex_all()
    assert _count(library, kind="issued", status="revoked") == 1
    IssuedDocument.objects.filter(pk=issued.pk).delete()
    reindex_all()
    assert _count(library, kind="issued") == 0
