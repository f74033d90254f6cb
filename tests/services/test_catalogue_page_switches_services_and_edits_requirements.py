"""The administrator's service catalogue page: closing and opening a service and changing its
required documents are recorded (who, before, after); nobody else may change it."""
import pytest

from archive.models import AuditEvent
from desk.models import Service

pytestmark = pytest.mark.django_db


def test_switch_off_and_on_is_recorded(client, users):
    client.force_login(users["admin"])
    page = client.get("/layanan/katalog/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'data-service="kenaikan_pangkat"' in page and "dibuka" in page
    assert client.post("/layanan/katalog/", {"service": "kenaikan_pangkat", "active": "0"}).status_code == 302
    assert Service.objects.get(code="kenaikan_pangkat").active is False
    change = AuditEvent.objects.get(action="service.update", target="service:kenaikan_pangkat")
    assert change.actor == users["admin"]
    assert change.details["before"]["active"] is True and change.details["after"]["active"] is False
    assert "kenaikan_pangkat" in client.get("/layanan/katalog/").content.decode().split('id="changes"')[1]


def test_requirements_are_edited_and_recorded(client, users):
    client.force_login(users["admin"])
    form = client.get("/layanan/katalog/cuti/").content.decode()
    assert 'name="required"' in form
    response = client.post("/layanan/katalog/cuti/", {"name": "Cuti Pegawai", "active": "1",
                                                      "required": ["ktp", "skp"], "verified_skp": "on"})
    assert response.status_code == 302
    service = Service.objects.get(code="cuti")
    assert service.name == "Cuti Pegawai"
    assert [(r.document_type.code, r.must_be_verified) for r in service.requirements.order_by("position")] == [
        ("ktp", False), ("skp", True)]
    change = AuditEvent.objects.filter(action="service.update", target="service:cuti").latest("id")
    assert change.details["after"]["requirements"] == [["ktp", False], ["skp", True]]


def test_a_missing_name_is_shown_beside_the_field(client, users):
    client.force_login(users["admin"])
    response = client.post("/layanan/katalog/cuti/", {"name": "", "required": ["ktp"]})
    assert response.status_code == 400 and 'id="name-error"' in response.content.decode()
    assert not AuditEvent.objects.filter(action="service.update").exists()


def test_only_administrators_change_the_catalogue(client, users):
    for name in ("fasilitator", "pegawai"):
        client.force_login(users[name])
        assert client.post("/layanan/katalog/", {"service": "kenaikan_pangkat", "active": "0"}).status_code == 403
        assert client.get("/layanan/katalog/cuti/").status_code == 403
    assert Service.objects.get(code="kenaikan_pangkat").active is True
