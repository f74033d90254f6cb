"""A record that does not exist answers 404 "Tidak ditemukan." (English "Not found." on request), the
same for every kind of record, and never names the program's internal models ("No IssuedDocument
matches the given query." was what get_object_or_404 said)."""
import pytest

pytestmark = pytest.mark.django_db

MISSING = ["/api/v1/documents/987654/", "/api/v1/issued-documents/987654/", "/api/v1/service-requests/987654/",
           "/api/v1/users/987654/", "/api/v1/intake-batches/987654/", "/api/v1/documents/98765432109876543210/"]


@pytest.mark.parametrize("path", MISSING)
def test_a_missing_record_is_not_found_in_indonesian(users, api_client_for, path):
    answer = api_client_for(users["admin"]).get(path)
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Tidak ditemukan.", "code": "not_found"}


@pytest.mark.parametrize("path", MISSING[:2])
def test_a_missing_record_is_not_found_in_english_on_request(users, api_client_for, path):
    answer = api_client_for(users["admin"]).get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found.", "code": "not_found"}
