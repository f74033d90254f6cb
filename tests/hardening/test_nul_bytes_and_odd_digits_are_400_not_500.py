"""Input an attacker sends to break the server — NUL bytes in query parameters, usernames and paths,
Unicode digits where a number is expected, junk page numbers — is refused at the edge with a 400 in the
site's shape ({"detail", "code"} on the API, a page on the web), never a 500 (issue 22)."""
import pytest

pytestmark = pytest.mark.django_db

API_LISTS_WITH_NUL = [
    "/api/v1/documents/?status=%00",
    "/api/v1/documents/?employee=%00",
    "/api/v1/data-updates/?status=%00",
    "/api/v1/service-requests/?status=%00",
    "/api/v1/search/?q=%00",
    "/api/v1/employees/%00/",
    "/api/v1/employees/?q=a%00b",
    "/api/v1/audit/?action=%00",
    "/api/v1/verification-queue/?unit=%00",
]


@pytest.mark.parametrize("url", API_LISTS_WITH_NUL)
def test_a_nul_byte_in_an_api_query_or_path_is_a_400_in_the_error_shape(users, api_client_for, url):
    answer = api_client_for(users["admin"]).get(url)
    assert answer.status_code == 400, (url, answer.status_code)
    assert answer.json()["code"] == "invalid_input"
    assert answer.json()["detail"]


def test_a_nul_byte_in_a_json_username_is_a_400(db, api_client_for):
    answer = api_client_for(None).post("/api/v1/auth/token/", {"username": "adm\u0000in", "password": "x"},
                                       format="json")
    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid_input"


def test_a_nul_byte_in_a_form_username_is_a_400(db, client):
    answer = client.post("/masuk/", {"username": "adm\x00in", "password": "x"})
    assert answer.status_code == 400
    assert "text/html" in answer["Content-Type"]


def test_a_nul_byte_in_a_verify_token_is_a_400_page(db, client):
    answer = client.get("/verify/ab%00c")
    assert answer.status_code == 400
    assert "text/html" in answer["Content-Type"]


def test_a_unicode_digit_as_version_is_refused_not_a_500(users, api_client_for, upload):
    from tests.support.letters import letter_pdf

    employee = users["pegawai"].profile.employee
    created = upload(users["admin"], letter_pdf(title="SURAT KEPUTUSAN", nip=employee.nip, nama=employee.nama),
                     nip=employee.nip)
    assert created.status_code == 201, created.content
    answer = api_client_for(users["admin"]).get(f"/api/v1/documents/{created.json()['id']}/content/?version=²")
    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid"


@pytest.mark.parametrize("url", ["/api/v1/data-updates/?page=%E2%91%A0", "/api/v1/data-updates/?page=-1",
                                 "/api/v1/verification-queue/?unit=&page=", "/api/v1/documents/?page=xyz",
                                 "/api/v1/search/?q=surat&page=99999999999999999999"])
def test_junk_page_numbers_are_answered_in_the_error_shape(users, api_client_for, url):
    answer = api_client_for(users["admin"]).get(url)
    assert answer.status_code < 500, (url, answer.status_code)
    if answer.status_code >= 400:
        assert set(answer.json()) >= {"detail", "code"}
