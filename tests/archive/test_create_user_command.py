"""create_user provisions logins with role and scope, reading the password from stdin."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def _create(*args, password="Sandi-Yang-Kuat-1"):
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(password + "\n")
    try:
        call_command("create_user", *args, "--password-stdin")
    finally:
        sys.stdin = old


def test_fasilitator_gets_their_units(demo):
    _create("fas2", "--role", "fasilitator", "--unit", "BKD-MUT", "--unit", "BKD-INF")
    user = get_user_model().objects.get(username="fas2")
    assert user.check_password("Sandi-Yang-Kuat-1")
    assert set(user.profile.units.values_list("code", flat=True)) == {"BKD-MUT", "BKD-INF"}


def test_employee_login_needs_an_existing_nip(demo):
    with pytest.raises(CommandError, match="Tidak ada pegawai"):
        _create("p2", "--role", "employee", "--nip", "199001012015011001")
    with pytest.raises(CommandError, match="sudah dipakai"):
        _create("pegawai", "--role", "employee", "--nip", DEMO_PEGAWAI_NIP)


def test_unknown_unit_and_weak_password_are_refused(demo):
    with pytest.raises(CommandError, match="tidak dikenal"):
        _create("fas3", "--role", "fasilitator", "--unit", "NOPE")
    with pytest.raises(CommandError):
        _create("adm2", "--role", "administrator", password="123")
    assert not get_user_model().objects.filter(username__in=["fas3", "adm2"]).exists()
