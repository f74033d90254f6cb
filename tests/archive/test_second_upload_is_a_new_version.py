"""Uploading again to the same slot makes a new version; every version stays retrievable."""
import pytest

pytestmark = pytest.mark.django_db


def test_versions_accumulate_and_each_is_retrievable(users, upload, corpus, employee_of_scan, api_client_for):
    employee = employee_of_scan("scan_000.jpg")
    first = (corpus / "scans-dev" / "scan_000.jpg").read_bytes()
    second = (corpus / "scans-dev" / "scan_002.jpg").read_bytes()
    r1 = upload(users["admin"], first, nip=employee.nip, document_type="ijazah", filename="a.jpg")
    r2 = upload(users["admin"], second, nip=employee.nip, document_type="ijazah", filename="b.jpg")
    assert r1.status_code == r2.status_code == 201
    assert r1.json()["id"] == r2.json()["id"]
    assert r2.json()["version"] == 2

    client = api_client_for(users["admin"])
    detail = client.get(f"/api/v1/documents/{r1.json()['id']}/").json()
    assert [v["number"] for v in detail["versions"]] == [1, 2]
    for number, expected in ((1, first), (2, second)):
        response = client.get(f"/api/v1/documents/{r1.json()['id']}/content/?version={number}")
        assert b"".join(response.streaming_content) == expected
    assert client.get(f"/api/v1/documents/{r1.json()['id']}/content/?version=9").status_code == 404


def test_same_bytes_again_for_the_same_employee_says_where_it_is(users, upload, corpus, employee_of_scan):
    employee = employee_of_scan("scan_000.jpg")
    content = (corpus / "scans-dev" / "scan_000.jpg").read_bytes()
    first = upload(users["admin"], content, nip=employee.nip, document_type="ktp")
    again = upload(users["admin"], content, nip=employee.nip, document_type="ijazah")
    assert again.status_code == 409
    assert again.json()["code"] == "duplicate"
    assert again.json()["document"] == first.json()["id"]
