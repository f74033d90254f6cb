"""Personal data leaves only with the owner's written consent (Babel Pasal 20(3)) or a legal basis named on the
token; every token rests on an agreement (MoU) and expires (Jatim Pasal 26). An agency token without the
employee's consent gets no named record for them; with consent it does; withdrawn, it no longer does."""
import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from archive.models import AuditEvent
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db

AGREEMENT = {"name": "Aplikasi BPJS Kesehatan", "scopes": ["employees:read:DINKES"], "recipient": "BPJS-KES",
             "purpose": "kepesertaan", "agreement_reference": "PKS 027/BPJS/2026"}


def _token(admin, **changes):
    body = {**AGREEMENT, "expires_at": (timezone.now() + dt.timedelta(days=30)).isoformat(), **changes}
    response = admin.post("/api/v1/agency-tokens/", body, format="json")
    assert response.status_code == 201, response.content
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['token']}")
    return response.json(), client


def test_no_consent_no_named_record(users, api_client_for):
    admin = api_client_for(users["admin"])
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    made, agency = _token(admin)
    assert made["agreement"]["agreement_reference"] == "PKS 027/BPJS/2026"

    # no consent: not listed, not found, her name nowhere
    listed = agency.get("/api/v1/agency/employees/")
    assert listed.status_code == 200 and listed.json()["results"] == []
    detail = agency.get(f"/api/v1/agency/employees/{dewi.nip}/")
    assert detail.status_code == 404 and dewi.nama not in detail.content.decode()

    # she consents on her own (API), for this recipient and purpose: her record, and only hers
    own = api_client_for(users["pegawai"])
    choices = own.get("/api/v1/governance/consents/").json()["choices"]
    assert {"recipient": "BPJS-KES", "purpose": "kepesertaan"}.items() <= choices[0].items()
    other_purpose = own.post("/api/v1/governance/consents/", {"recipient": "BPJS-KES", "purpose": "penelitian"},
                             format="json")
    assert other_purpose.status_code == 201
    assert agency.get("/api/v1/agency/employees/").json()["results"] == []  # another purpose does not count
    granted = own.post("/api/v1/governance/consents/", {"recipient": "BPJS-KES", "purpose": "kepesertaan"},
                       format="json")
    assert granted.status_code == 201
    assert [row["nip"] for row in agency.get("/api/v1/agency/employees/").json()["results"]] == [dewi.nip]
    assert agency.get(f"/api/v1/agency/employees/{dewi.nip}/").json()["nama"] == dewi.nama
    # nobody else consents for her
    assert api_client_for(users["fasilitator"]).post("/api/v1/governance/consents/", {
        "recipient": "BPJS-KES", "purpose": "kepesertaan"}, format="json").status_code == 403

    withdrawn = own.post(f"/api/v1/governance/consents/{granted.json()['id']}/withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"]
    assert agency.get(f"/api/v1/agency/employees/{dewi.nip}/").status_code == 404
    assert [e.action for e in AuditEvent.objects.filter(target=f"employee:{dewi.pk}").order_by("id")] == [
        "consent.grant", "consent.grant", "consent.withdraw"]


def test_a_legal_basis_named_on_the_token_covers_its_agencies(users, api_client_for):
    admin = api_client_for(users["admin"])
    _made, agency = _token(admin, legal_basis="PP 11/2017 Pasal 159")
    expected = set(Employee.objects.filter(unit__agency__code="DINKES").values_list("nip", flat=True))
    assert {row["nip"] for row in agency.get("/api/v1/agency/employees/").json()["results"]} == expected


def test_a_token_needs_an_agreement_and_stops_at_its_expiry(users, api_client_for):
    admin = api_client_for(users["admin"])
    no_agreement = admin.post("/api/v1/agency-tokens/", {**AGREEMENT, "agreement_reference": "",
                                                         "expires_at": "2999-01-01T00:00:00Z"}, format="json")
    assert no_agreement.status_code == 400
    past = admin.post("/api/v1/agency-tokens/", {**AGREEMENT, "expires_at": "2020-01-01T00:00:00Z"}, format="json")
    assert past.status_code == 400

    made, agency = _token(admin, legal_basis="PP 11/2017 Pasal 159")
    assert agency.get("/api/v1/agency/employees/").status_code == 200
    from governance.models import TokenAgreement

    TokenAgreement.objects.filter(token_id=made["id"]).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert agency.get("/api/v1/agency/employees/").status_code == 401
