"""The lockout counts per account, however the name is typed (NFKC + case: full-width `ｐegawai`, `PEGAWAI`,
the NIP), from every address; and per address, across accounts. Web form and API token alike."""
import pytest
from django.test import Client

from archive.models import AuditEvent
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db
PASSWORD = "Demo-Sandi-2026"
FULL_WIDTH = "\uff50egawai"  # ｐegawai


def _web(address: str, username: str, password: str = "salah"):
    return Client(REMOTE_ADDR=address).post("/masuk/", {"username": username, "password": password})


def test_full_width_name_case_and_nip_share_one_counter(users):
    for address, name in (("10.1.0.1", FULL_WIDTH), ("10.1.0.2", "PEGAWAI"), ("10.1.0.3", DEMO_PEGAWAI_NIP),
                          ("10.1.0.4", "pegawai"), ("10.1.0.5", FULL_WIDTH)):
        assert _web(address, name).status_code == 200
    for name in ("pegawai", FULL_WIDTH, DEMO_PEGAWAI_NIP):
        assert _web("10.1.0.9", name, PASSWORD).status_code == 429, name
    assert set(AuditEvent.objects.filter(action="auth.login_failed").values_list("target", flat=True)) == {"pegawai"}


def test_api_token_is_locked_for_a_full_width_name_from_a_second_address(users, api_client_for):
    api = api_client_for(None)
    for _ in range(5):
        assert api.post("/api/v1/auth/token/", {"username": FULL_WIDTH, "password": "x"}, format="json",
                        REMOTE_ADDR="10.2.0.1").status_code == 400
    locked = api.post("/api/v1/auth/token/", {"username": "pegawai", "password": PASSWORD}, format="json",
                      REMOTE_ADDR="10.2.0.2")
    assert locked.status_code == 429 and locked.json()["code"] == "login_locked"


def test_one_address_guessing_many_accounts_is_locked(users, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for i in range(6):
        assert _web("10.3.0.1", f"tebakan{i}").status_code == 200
    locked = _web("10.3.0.1", "fasilitator", PASSWORD)
    assert locked.status_code == 429 and "alamat ini" in locked.content.decode()
    assert _web("10.3.0.2", "fasilitator", PASSWORD).status_code == 302  # another address is not locked
