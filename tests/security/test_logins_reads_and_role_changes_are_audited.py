"""Logins (web and token), failed logins, every view or download of a personal record or
document, and role/scope changes each leave an entry in the audit log, with who and from where."""
import pytest
from django.test import Client

from archive.models import AuditEvent
from accounts.services.users import account_update

pytestmark = pytest.mark.django_db
PASSWORD = "Demo-Sandi-2026"


def _last(action):
    return AuditEvent.objects.filter(action=action).order_by("-id").first()


def test_web_login_and_failed_login_are_recorded(users):
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.post("/masuk/", {"username": "pegawai", "password": "salah-sekali"})
    failed = _last("auth.login_failed")
    assert failed.target == "pegawai" and failed.details == {"ip": "10.1.2.3", "via": "web"}
    assert failed.actor is None
    assert client.post("/masuk/", {"username": "pegawai", "password": PASSWORD}).status_code == 302
    ok = _last("auth.login")
    assert ok.actor == users["pegawai"] and ok.details["ip"] == "10.1.2.3" and ok.details["via"] == "web"


def test_token_login_and_failed_token_login_are_recorded(users, api_client_for):
    client = api_client_for(None)
    assert client.post("/api/v1/auth/token/", {"username": "fasilitator", "password": "x"}).status_code == 400
    assert _last("auth.login_failed").details["via"] == "api"
    assert client.post("/api/v1/auth/token/", {"username": "fasilitator", "password": PASSWORD},
                       format="json").status_code == 200
    ok = _last("auth.login")
    assert ok.actor == users["fasilitator"] and ok.details["via"] == "token"


def test_reads_of_personal_records_and_documents_are_recorded(world, api_client_for):
    fasilitator = world.users["fasilitator_same"]
    client = api_client_for(fasilitator)
    reads = [
        (f"/api/v1/employees/{world.employee.nip}/", "employee.view", f"employee:{world.employee.nip}"),
        (f"/api/v1/documents/{world.document.pk}/", "document.view", f"document:{world.document.pk}"),
        (f"/api/v1/documents/{world.document.pk}/thumbnail/", "document.preview", f"document:{world.document.pk}"),
        (f"/api/v1/documents/{world.document.pk}/content/", "document.download", f"document:{world.document.pk}"),
        (f"/api/v1/issued-documents/{world.issued.pk}/", "issued.view", f"issued:{world.issued.pk}"),
        (f"/api/v1/issued-documents/{world.issued.pk}/content/", "issued.download", f"issued:{world.issued.pk}"),
    ]
    for url, action, target in reads:
        before = AuditEvent.objects.count()
        response = client.get(url)
        assert response.status_code == 200, url
        entry = _last(action)
        assert AuditEvent.objects.count() == before + 1, url
        assert (entry.actor, entry.target) == (fasilitator, target), url
    web = Client()
    web.force_login(fasilitator)
    assert web.get(f"/dokumen/{world.document.pk}/").status_code == 200
    assert _last("document.view").details["via"] == "web"


def test_refused_reads_are_not_recorded_as_reads(world, api_client_for):
    before = AuditEvent.objects.filter(action="employee.view").count()
    outsider = api_client_for(world.users["fasilitator_other"])
    assert outsider.get(f"/api/v1/employees/{world.employee.nip}/").status_code == 404
    assert AuditEvent.objects.filter(action="employee.view").count() == before


def test_role_and_scope_changes_record_before_and_after(users):
    account_update(actor=users["admin"], user=users["fasilitator"], role="fasilitator", unit_codes=["KOMINFO-APT"])
    entry = _last("user.role_change")
    assert entry.actor == users["admin"] and entry.target == "fasilitator"
    assert entry.details["before"]["units"] == ["DINKES-SEK", "DINKES-YANKES"]
    assert entry.details["after"] == {"role": "fasilitator", "nip": None, "units": ["KOMINFO-APT"]}


def test_only_an_administrator_may_change_roles(users):
    from archive.services.errors import Refused

    with pytest.raises(Refused) as refused:
        account_update(actor=users["fasilitator"], user=users["fasilitator"], role="administrator")
    assert refused.value.code == "forbidden"
