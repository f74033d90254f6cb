"""Each role sees exactly its scope through the API; out-of-scope NIPs answer 404."""
import pytest

from people.models import Employee, Unit
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def _nips(response):
    assert response.status_code == 200, response.content
    return {row["nip"] for row in response.json()["results"]}


def _login(client_for, username):
    from django.contrib.auth import get_user_model

    return client_for(get_user_model().objects.get(username=username))


def test_administrator_sees_every_employee(demo, api_client_for):
    response = _login(api_client_for, "admin").get("/api/v1/employees/?page_size=100")
    assert response.json()["count"] == Employee.objects.count() == 30


def test_fasilitator_sees_exactly_their_units(demo, api_client_for):
    client = _login(api_client_for, "fasilitator")
    own_units = {"DINKES-YANKES", "DINKES-SEK"}
    expected = set(Employee.objects.filter(unit__code__in=own_units).values_list("nip", flat=True))
    seen = set()
    url = "/api/v1/employees/"
    while url:
        page = client.get(url)
        seen |= _nips(page)
        url = page.json()["next"]
    assert seen == expected and expected


def test_fasilitator_gets_404_for_an_employee_of_another_unit(demo, api_client_for):
    outsider = Employee.objects.exclude(unit__code__in=["DINKES-YANKES", "DINKES-SEK"]).first()
    client = _login(api_client_for, "fasilitator")
    response = client.get(f"/api/v1/employees/{outsider.nip}/")
    assert response.status_code == 404
    assert outsider.nama not in response.content.decode()
    assert response.json()["code"] == "not_found"


def test_employee_sees_only_themself(demo, api_client_for):
    client = _login(api_client_for, "pegawai")
    assert _nips(client.get("/api/v1/employees/")) == {DEMO_PEGAWAI_NIP}
    assert client.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 200
    colleague = Employee.objects.filter(unit=Unit.objects.get(code="DINKES-YANKES")).exclude(nip=DEMO_PEGAWAI_NIP).first()
    assert client.get(f"/api/v1/employees/{colleague.nip}/").status_code == 404


def test_spaced_nip_in_the_url_finds_the_same_record(demo, api_client_for):
    client = _login(api_client_for, "pegawai")
    spaced = f"{DEMO_PEGAWAI_NIP[:8]} {DEMO_PEGAWAI_NIP[8:14]} {DEMO_PEGAWAI_NIP[14]} {DEMO_PEGAWAI_NIP[15:]}"
    assert client.get(f"/api/v1/employees/{spaced}/").json()["nip"] == DEMO_PEGAWAI_NIP


def test_anonymous_gets_401(demo, api_client_for):
    response = api_client_for(None).get("/api/v1/employees/")
    assert response.status_code == 401
    assert set(response.json()) >= {"detail", "code"}


def test_token_endpoint_issues_a_token_for_the_right_password(demo, api_client_for):
    client = api_client_for(None)
    ok = client.post("/api/v1/auth/token/", {"username": "pegawai", "password": "Demo-Sandi-2026"})
    assert ok.status_code == 200 and ok.json()["token"]
    bad = client.post("/api/v1/auth/token/", {"username": "pegawai", "password": "salah"})
    assert bad.status_code == 400
    token_client = api_client_for(None)
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {ok.json()['token']}")
    assert _nips(token_client.get("/api/v1/employees/")) == {DEMO_PEGAWAI_NIP}
