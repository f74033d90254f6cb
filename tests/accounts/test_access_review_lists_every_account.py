"""The access review lists every account — active, read-only and deactivated — with role, units, last
login, status and whether it is unused; an administrator signs it off (kept with the list as it stood,
audited, exportable as CSV); nobody else sees it. The page shows the same."""
import csv
import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.services.state import user_deactivate
from archive.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_every_account_is_listed_and_the_sign_off_is_kept(users, api_client_for, make_user, settings):
    settings.ACCESS_REVIEW_UNUSED_DAYS = 90
    User = get_user_model()
    old = make_user("lama", "fasilitator", units=["DINKES-YANKES"])
    User.objects.filter(pk=old.pk).update(last_login=timezone.now() - dt.timedelta(days=200),
                                          date_joined=timezone.now() - dt.timedelta(days=400))
    gone = make_user("pindah", "fasilitator", units=["BKD-MUT"])
    user_deactivate(actor=users["admin"], user=gone, reason="Mutasi ke luar provinsi")
    admin = api_client_for(users["admin"])  # logs in: last_login now

    body = admin.get("/api/v1/access-review/").json()
    rows = {r["username"]: r for r in body["accounts"]}
    assert set(rows) == set(User.objects.values_list("username", flat=True)) and body["count"] == User.objects.count()
    assert rows["lama"]["unused"] and rows["lama"]["units"] == ["DINKES-YANKES"] and rows["lama"]["last_login"]
    assert rows["pindah"]["status"] == "deactivated" and not rows["pindah"]["unused"]
    assert rows["fasilitator"]["role"] == "fasilitator" and rows["pegawai"]["nip"]
    assert body["last_review"] is None and body["due_at"] is None

    assert admin.post("/api/v1/access-review/", {"note": ""}, format="json").status_code == 400
    signed = admin.post("/api/v1/access-review/", {"note": "Akun lama dinonaktifkan minggu depan."}, format="json")
    assert signed.status_code == 201
    review = signed.json()
    assert review["reviewer"] == "admin" and review["account_count"] == User.objects.count()
    assert review["unused_count"] >= 1
    assert AuditEvent.objects.filter(action="access_review.sign", actor=users["admin"]).exists()
    again = admin.get("/api/v1/access-review/").json()
    assert again["last_review"]["id"] == review["id"] and again["due_at"]

    exported = admin.get("/api/v1/access-review/export/", {"review": review["id"]})
    assert exported.status_code == 200 and exported["Content-Type"].startswith("text/csv")
    lines = exported.content.decode().splitlines()
    assert lines[0].startswith("# access review") and "Akun lama" in lines[0]
    table = list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))
    assert {r["username"] for r in table} == set(rows)
    assert next(r for r in table if r["username"] == "pindah")["status"] == "deactivated"


def test_only_administrators_review(users, api_client_for, client):
    for name in ("fasilitator", "pegawai"):
        assert api_client_for(users[name]).get("/api/v1/access-review/").status_code == 403
        assert api_client_for(users[name]).post("/api/v1/access-review/", {"note": "x"}).status_code == 403
    client.force_login(users["fasilitator"])
    assert client.get("/tinjauan-akses/").status_code == 403


def test_the_page_lists_every_account_and_signs_off(users, client):
    client.force_login(users["admin"])
    page = client.get("/tinjauan-akses/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tinjauan akses" in text
    for name in ("admin", "fasilitator", "pegawai"):
        assert f'data-user="{name}"' in text
    assert client.post("/tinjauan-akses/", {"note": "Semua akun sesuai."}).status_code == 302
    assert "Terakhir disahkan oleh admin" in client.get("/tinjauan-akses/").content.decode()
    assert client.get("/tinjauan-akses/?format=csv")["Content-Type"].startswith("text/csv")
