"""User management (API and page): an administrator lists logins, creates one (its owner sets the password
through the link sent to the address on record), changes role and units, and replaces a fasilitator — every
unit handed over in one step. Audited; nobody else may."""
import pytest
from django.contrib.auth import get_user_model

from archive.models import AuditEvent
from people.models import Employee, UserProfile
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_create_change_and_list(users, api_client_for, mailoutbox, django_capture_on_commit_callbacks):
    admin = api_client_for(users["admin"])
    other = Employee.objects.exclude(nip=DEMO_PEGAWAI_NIP).filter(user_profile__isnull=True).first()
    other.email = "pegawai.lain@example.go.id"
    other.save()
    with django_capture_on_commit_callbacks(execute=True):
        created = admin.post("/api/v1/users/", {"username": "pegawai2", "role": "employee", "nip": other.nip},
                             format="json")
    assert created.status_code == 201, created.content
    row = created.json()
    assert row["role"] == "employee" and row["nip"] == other.nip and row["status"] == "active"
    assert [m.to for m in mailoutbox] == [["pegawai.lain@example.go.id"]]  # the link to set a password
    assert admin.post("/api/v1/users/", {"username": "PEGAWAI2", "role": "employee", "nip": other.nip},
                      format="json").status_code == 409

    changed = admin.patch(f"/api/v1/users/{row['id']}/", {"role": "fasilitator", "units": ["DINKES-YANKES"]},
                          format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["role"] == "fasilitator" and changed.json()["units"] == ["DINKES-YANKES"]
    bad = admin.patch(f"/api/v1/users/{row['id']}/", {"units": ["TIDAK-ADA"]}, format="json")
    assert bad.status_code == 400 and "TIDAK-ADA" in bad.json()["detail"]
    assert AuditEvent.objects.filter(action="user.role_change", target="pegawai2").exists()

    listed = admin.get("/api/v1/users/", {"role": "fasilitator"}).json()
    assert {"fasilitator", "pegawai2"} <= {r["username"] for r in listed["results"]}
    for name in ("fasilitator", "pegawai"):
        assert api_client_for(users[name]).get("/api/v1/users/").status_code == 403
        assert api_client_for(users[name]).post("/api/v1/users/", {"username": "x", "role": "administrator"},
                                                format="json").status_code == 403


def test_replacing_a_fasilitator_hands_over_every_unit(users, api_client_for, make_user):
    admin = api_client_for(users["admin"])
    outgoing = make_user("fas-lama", "fasilitator", units=["DINKES-YANKES", "BKD-MUT"])
    incoming = make_user("fas-baru", "fasilitator", units=["BKD-MUT"])
    response = admin.post(f"/api/v1/users/{outgoing.pk}/replace/",
                          {"replacement": "fas-baru", "reason": "Pensiun"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["units"] == ["BKD-MUT", "DINKES-YANKES"]
    assert not UserProfile.objects.get(user=outgoing).units.exists()
    outgoing.refresh_from_db()
    assert not outgoing.is_active  # no employee of their own to fall back to: deactivated
    entry = AuditEvent.objects.get(action="user.fasilitator_replace", target="fas-lama")
    assert entry.details["replacement"] == "fas-baru" and entry.details["units"] == ["BKD-MUT", "DINKES-YANKES"]
    assert admin.post(f"/api/v1/users/{users['pegawai'].pk}/replace/", {"replacement": "fas-baru", "reason": "x"},
                      format="json").status_code == 400
    assert get_user_model().objects.get(username="fas-baru").profile.role == "fasilitator"
    assert incoming.pk == response.json()["id"]


def test_the_users_page(users, client):
    client.force_login(users["admin"])
    page = client.get("/pengguna/")
    assert page.status_code == 200 and 'data-user="pegawai"' in page.content.decode()
    made = client.post("/pengguna/", {"username": "admin2", "role": "administrator", "email": "a2@example.go.id"})
    assert made.status_code == 302
    user = get_user_model().objects.get(username="admin2")
    assert user.profile.role == "administrator" and user.is_staff
    detail = client.post(f"/pengguna/{user.pk}/", {"action": "deactivate", "reason": "Salah buat"})
    assert detail.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    client.force_login(users["fasilitator"])
    assert client.get("/pengguna/").status_code == 403
