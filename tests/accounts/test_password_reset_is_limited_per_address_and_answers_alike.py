"""Password reset requests (issue 22): at most PASSWORD_RESET_ADDRESS_MAX_PER_HOUR per client address and
hour are taken — past it nothing is queued and the audit log gets one `limited` entry, not one per request —
and the answer does the same database work whether or not an account matched (the matching runs in a task),
so its timing tells nothing either."""
from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from archive.models import AuditEvent

pytestmark = pytest.mark.django_db


def _ask(login, address="203.0.113.7"):
    return Client(REMOTE_ADDR=address).post("/masuk/lupa-sandi/", {"login": login})


def test_requests_past_the_address_limit_are_dropped_with_one_audit_entry(users, settings,
                                                                          django_capture_on_commit_callbacks):
    settings.PASSWORD_RESET_ADDRESS_MAX_PER_HOUR = 5
    with django_capture_on_commit_callbacks(execute=False) as queued:
        answers = [_ask(f"orang{n}@example.com") for n in range(12)]
    assert {a.status_code for a in answers} == {302}  # the same page for every request
    assert len({a["Location"] for a in answers}) == 1
    assert AuditEvent.objects.filter(action="auth.password_reset_request").count() == 5
    assert AuditEvent.objects.filter(action="auth.password_reset_limited").count() == 1
    assert len(queued) == 5  # one dispatch per request taken, none for the rest

    # another address is not held back by the first one's requests
    _ask("pegawai", address="198.51.100.2")
    assert AuditEvent.objects.filter(action="auth.password_reset_request", target="pegawai").exists()


def _request_queries(login) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert _ask(login).status_code == 302
    # the statements, with literals taken out: their shape is what an observer's timing could tell apart
    return [re.sub(r"'[^']*'|\d+", "?", query["sql"]) for query in captured.captured_queries]


def test_the_answer_does_the_same_work_for_an_existing_and_a_missing_account(users):
    existing = _request_queries("pegawai")
    missing = _request_queries("tidak.ada@example.com")
    assert existing == missing
    assert not any("auth_user" in sql for sql in existing)  # no account is looked up while the caller waits
