"""TOTP two-factor (django-otp): with OTP_REQUIRED_FOR_ADMINISTRATORS on, an administrator reaches nothing
on the web until they have set up an authenticator and given its code, and gets no API token without the
code; a wrong code counts as a failed login. Others may turn it on for themselves."""
import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db
PASSWORD = "Demo-Sandi-2026"


def _code(device: TOTPDevice) -> str:
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0,
                                                   throttling_failure_timestamp=None)
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _token(api_client_for, **body):
    return api_client_for(None).post("/api/v1/auth/token/", {"username": "admin", "password": PASSWORD, **body},
                                     format="json")


def test_administrator_must_set_up_and_use_totp(users, api_client_for, settings):
    settings.OTP_REQUIRED_FOR_ADMINISTRATORS = True
    refused = _token(api_client_for)
    assert refused.status_code == 400 and refused.json()["code"] == "otp_setup_required"

    web = Client()
    assert web.post("/masuk/", {"username": "admin", "password": PASSWORD}).status_code == 302
    home = web.get("/")
    assert home.status_code == 302 and home["Location"].startswith("/akun/dua-faktor/")
    assert web.get("/api/v1/users/").json()["code"] == "otp_required"
    setup = web.get("/akun/dua-faktor/?next=/pengguna/")
    assert setup.status_code == 200 and "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=users["admin"], confirmed=False)
    assert web.post("/akun/dua-faktor/", {"otp": "000000", "next": "/pengguna/"}).status_code == 200
    done = web.post("/akun/dua-faktor/", {"otp": _code(device), "next": "/pengguna/"})
    assert done.status_code == 302 and done["Location"] == "/pengguna/"
    assert web.get("/pengguna/").status_code == 200  # verified in this session

    device = TOTPDevice.objects.get(user=users["admin"], confirmed=True)
    assert _token(api_client_for).json()["code"] == "otp_required"
    wrong = _token(api_client_for, otp="123456" if _code(device) != "123456" else "654321")
    assert wrong.status_code == 400 and wrong.json()["code"] == "otp_invalid"
    ok = _token(api_client_for, otp=_code(device))
    assert ok.status_code == 200, ok.content

    later = Client()  # a new login: password, then the code
    assert later.post("/masuk/", {"username": "admin", "password": PASSWORD}).status_code == 302
    assert later.get("/")["Location"].startswith("/akun/dua-faktor/verifikasi/")
    assert later.post("/akun/dua-faktor/verifikasi/", {"otp": _code(device), "next": "/"}).status_code == 302
    assert later.get("/").status_code == 200


def test_without_the_setting_administrators_log_in_with_the_password_alone(users, api_client_for, settings):
    settings.OTP_REQUIRED_FOR_ADMINISTRATORS = False
    assert _token(api_client_for).status_code == 200
    web = Client()
    web.post("/masuk/", {"username": "admin", "password": PASSWORD})
    assert web.get("/").status_code == 200


def test_a_fasilitator_who_turned_it_on_needs_the_code(users, api_client_for):
    device = TOTPDevice.objects.create(user=users["fasilitator"], name="default", confirmed=True)
    response = api_client_for(None).post("/api/v1/auth/token/", {"username": "fasilitator", "password": PASSWORD},
                                         format="json")
    assert response.json()["code"] == "otp_required"
    response = api_client_for(None).post("/api/v1/auth/token/", {"username": "fasilitator", "password": PASSWORD,
                                                                 "otp": _code(device)}, format="json")
    assert response.status_code == 200


def test_the_password_alone_cannot_replace_the_device(users, settings):
    """A session that has not given the current device's code cannot set up another device (nor remove it)."""
    settings.OTP_REQUIRED_FOR_ADMINISTRATORS = True
    device = TOTPDevice.objects.create(user=users["admin"], name="default", confirmed=True)
    web = Client()
    assert web.post("/masuk/", {"username": "admin", "password": PASSWORD}).status_code == 302
    setup = web.get("/akun/dua-faktor/")
    assert setup.status_code == 302 and setup["Location"].startswith("/akun/dua-faktor/verifikasi/")
    assert web.post("/akun/dua-faktor/", {"action": "remove"})["Location"].startswith("/akun/dua-faktor/verifikasi/")
    assert list(TOTPDevice.objects.filter(user=users["admin"])) == [device]
