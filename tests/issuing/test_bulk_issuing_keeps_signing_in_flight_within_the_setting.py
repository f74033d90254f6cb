"""SIGNING_IN_FLIGHT bounds the signatures a worker keeps in flight in bulk issuing (each is a
concurrent request at the TSA), and the signing session keeps a connection for each of them."""
import pytest

from issuing import signing_runtime
from issuing.models import IssuedDocument
from issuing.services.issuing import issued_documents_issue_many
from people.models import Employee

pytestmark = pytest.mark.django_db


def _most_in_flight(monkeypatch, users, items) -> tuple[int, list]:
    issuer = signing_runtime.issuer()
    submitted, most = [], 0
    real_submit = issuer.submit_rendered

    def counting_submit(rendered, **kwargs):
        nonlocal most
        future = real_submit(rendered, **kwargs)
        submitted.append(future)
        most = max(most, sum(1 for f in submitted if not f.done()))
        return future

    monkeypatch.setattr(issuer, "submit_rendered", counting_submit)
    results = issued_documents_issue_many(actor=users["admin"], template="kgb", items=items)
    return most, results


def test_bulk_issuing_never_has_more_signatures_in_flight_than_the_setting(settings, monkeypatch, users):
    settings.SIGNING_IN_FLIGHT = 2
    employees = list(Employee.objects.order_by("nip")[:6])
    fields = {"gaji_baru": 4123400, "tmt": "2026-12-01"}

    most, results = _most_in_flight(monkeypatch, users, [(employee, fields) for employee in employees])

    assert all(isinstance(r, IssuedDocument) for r in results), results
    assert 1 <= most <= 2


def test_the_signing_session_keeps_a_connection_for_each_signature_in_flight(settings):
    settings.SIGNING_IN_FLIGHT = 2
    assert signing_runtime.signing_config().http_connections == 8  # never fewer than 8
    settings.SIGNING_IN_FLIGHT = 24
    assert signing_runtime.signing_config().http_connections == 24
