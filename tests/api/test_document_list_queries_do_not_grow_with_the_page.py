"""Listing documents asks the database a fixed number of queries, however many documents the page
holds (it once asked four per document: 160 queries and 1.5 s for a page of 40 under load)."""
from django.db import connection
from django.test.utils import CaptureQueriesContext


def list_queries(client) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/documents/")
    assert response.status_code == 200
    return len(queries), response.json()


def test_document_list_queries_do_not_grow_with_the_page(users, upload, letter, api_client_for):
    from people.models import Employee
    from archive.services.demo import DEMO_PEGAWAI_NIP

    pegawai = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    for code in ("ktp", "npwp"):
        assert upload(users["pegawai"], letter(pegawai, title=code), nip=pegawai.nip, document_type=code).status_code == 201
    client = api_client_for(users["admin"])
    few, body = list_queries(client)
    assert body["count"] == 2

    for code in ("sk_cpns", "sk_pns", "ijazah", "kartu_keluarga"):
        assert upload(users["pegawai"], letter(pegawai, title=code), nip=pegawai.nip, document_type=code).status_code == 201
    assert upload(users["pegawai"], letter(pegawai, title="ktp lagi"), nip=pegawai.nip, document_type="ktp").status_code == 201
    many, body = list_queries(client)
    assert body["count"] == 6
    assert many == few

    listed = {d["document_type"]["code"]: d for d in body["results"]}
    assert [v["number"] for v in listed["ktp"]["versions"]] == [1, 2]
    assert listed["ktp"]["version"] == 2
    assert listed["ktp"]["processing_log"], "the newest version's processing log is listed"
