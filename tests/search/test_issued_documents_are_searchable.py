"""Issued (signed) documents share the index with scans: kind `issued`, the signed flag,
their status (current, superseded, revoked) and the same scope."""
import datetime as dt

import pytest

from search.query import SearchQuery
from search.selectors import search_documents
from search.services import issued_document_index, issued_document_unindex

pytestmark = pytest.mark.django_db


def _issue(library, *, status="current", version=1):
    sri = library.employees["sri"]
    issued_document_index(
        issued_document_id=41, employee_id=sri.pk, employee_nip=sri.nip, employee_name=sri.nama,
        agency_code=sri.unit.agency.code, unit_id=sri.unit_id, unit_code=sri.unit.code, unit_name=sri.unit.name,
        document_type_code="sk_kenaikan_pangkat", document_type_name="SK Kenaikan Pangkat",
        number="800/123/204/2026", title="SK Kenaikan Pangkat", version=version, status=status,
        text="Menetapkan kenaikan pangkat pegawai negeri sipil menjadi Penata Tingkat I golongan III/d.",
        issued_on=dt.date(2026, 4, 1))


def test_issued_document_is_found_signed(library):
    _issue(library)
    result = search_documents(library.user("admin"), SearchQuery(q="penata tingkat", kind="issued"))
    assert [(h.kind, h.id, h.signed) for h in result.hits] == [("issued", 41, True)]
    assert "800/123/204/2026" in result.hits[0].title


def test_reissue_and_revoke_update_the_entry(library):
    _issue(library)
    _issue(library, status="revoked", version=2)
    hits = search_documents(library.user("admin"), SearchQuery(kind="issued")).hits
    assert [(h.status, h.version) for h in hits] == [("revoked", 2)]
    issued_document_unindex(41)
    assert search_documents(library.user("admin"), SearchQuery(kind="issued")).count == 0


def test_issued_documents_keep_the_scope(library):
    _issue(library)
    assert search_documents(library.user("pegawai"), SearchQuery(kind="issued")).count == 0
    assert search_documents(library.user("fasilitator"), SearchQuery(kind="issued")).count == 1
