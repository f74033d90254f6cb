"""Password reset (issue 10): the link goes by real SMTP to the email on the employee's record; it
sets a new password that must pass the policy, works once, and the old password stops working.
The page answers the same whether or not an account matched; requests and resets are audited;
a reset does not lift a lockout."""
from __future__ import annotations

import re

import pytest
from django.test import Client

from archive.models import AuditEvent

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sandi-Baru-Dewi-2026"


def _ask(client, login, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/masuk/lupa-sandi/", {"login": login})


def _link_path(message) -> str:
    match = re.search(r"http://testserver(/masuk/atur-ulang/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def _login(client, username, password):
    return client.post("/masuk/", {"username": username, "password": password})


def test_link_by_smtp_sets_a_new_password_once(users, smtp_server, django_capture_on_commit_callbacks):
    pegawai = users["pegawai"]
    employee = pegawai.profile.employee
    # The login's own address is stale; the employee record is what counts.
    pegawai.email = "alamat.lama@example.com"
    pegawai.save(update_fields=["email"])
    client = Client()

    page = client.get("/masuk/lupa-sandi/")
    assert page.status_code == 200 and "Lupa kata sandi?" in page.content.decode()
    answer = _ask(client, "alamat.lama@example.com", django_capture_on_commit_callbacks)
    assert answer.status_code == 302 and answer["Location"] == "/masuk/lupa-sandi/terkirim/"

    [message] = smtp_server.messages
    assert message.rcpt_tos == [employee.email]  # never the address typed into the form
    assert "noreply@bkd.example.go.id" in message.mail_from
    assert "Atur kata sandi baru" in message.subject and "sekali" in message.body
    link = _link_path(message)

    confirm = client.get(link)  # Django moves the token out of the URL into the session
    assert confirm.status_code == 302
    form_url = confirm["Location"]
    weak = client.post(form_url, {"new_password1": "1234567890", "new_password2": "1234567890"})
    assert weak.status_code == 200 and "terlalu umum" in weak.content.decode()  # the password policy holds
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/masuk/atur-ulang/selesai/"

    assert _login(Client(), "pegawai", "Demo-Sandi-2026").status_code == 200  # the old password is refused
    fresh = Client()
    logged_in = _login(fresh, "pegawai", NEW_PASSWORD)
    assert logged_in.status_code == 302 and logged_in["Location"] == "/"
    assert fresh.get("/").status_code == 200

    again = Client().get(link, follow=True)  # spent: the password changed
    assert "tidak berlaku" in again.content.decode()

    actions = list(AuditEvent.objects.filter(action__startswith="auth.password_reset")
                   .values_list("action", "target"))
    assert ("auth.password_reset_sent", "pegawai") in actions
    assert ("auth.password_reset_request", "alamat.lama@example.com") in actions
    assert AuditEvent.objects.get(action="auth.password_reset").actor == pegawai


def test_same_answer_whether_or_not_the_account_exists(users, smtp_server, django_capture_on_commit_callbacks):
    known = _ask(Client(), "pegawai", django_capture_on_commit_callbacks)
    unknown = _ask(Client(), "tidak.ada@example.com", django_capture_on_commit_callbacks)
    nobody = _ask(Client(), "bukan_pengguna", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == nobody.status_code == 302
    assert known["Location"] == unknown["Location"] == nobody["Location"]
    done = [re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", Client().get(r["Location"]).content.decode())
            for r in (known, unknown)]
    assert done[0] == done[1] and "Periksa email Anda" in done[0]
    assert [m.rcpt_tos for m in smtp_server.messages] == [["dewi.rahayu@example.go.id"]]
    assert AuditEvent.objects.filter(action="auth.password_reset_request", target="tidak.ada@example.com").exists()
    event = AuditEvent.objects.get(action="auth.password_reset_matched", target="tidak.ada@example.com")
    assert event.details["accounts"] == [] and event.details["queued"] == 0


def test_reset_by_nip_is_limited_per_hour(users, smtp_server, settings, django_capture_on_commit_callbacks):
    settings.PASSWORD_RESET_MAX_PER_HOUR = 2
    nip = users["pegawai"].profile.employee.nip
    for _ in range(4):
        assert _ask(Client(), nip, django_capture_on_commit_callbacks).status_code == 302
    assert len(smtp_server.messages) == 2
    assert AuditEvent.objects.filter(action="auth.password_reset_sent", details__sent=False).count() == 2


def test_a_reset_does_not_lift_a_lockout(users, smtp_server, settings, django_capture_on_commit_callbacks):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        _login(Client(), "pegawai", "salah-terus-123")
    client = Client()
    _ask(client, "pegawai", django_capture_on_commit_callbacks)
    form_url = client.get(_link_path(smtp_server.messages[0]))["Location"]
    assert client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}).status_code == 302
    locked = _login(Client(), "pegawai", NEW_PASSWORD)
    assert locked.status_code == 429 and "dikunci" in locked.content.decode()
