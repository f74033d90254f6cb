"""Bulk issuing runs one task per item: progress is visible, and a bad item is reported
without stopping or undoing the others."""
import pytest

from issuing.models import IssuedDocument
from people.models import Employee
from signing import pki
from signing.validate import validate_pdf

pytestmark = pytest.mark.django_db


def test_batch_issues_the_good_items_and_names_the_bad_ones(users, api_client_for, product_pki_dir,
                                                            django_capture_on_commit_callbacks):
    nips = list(Employee.objects.order_by("nip").values_list("nip", flat=True)[:3])
    items = [{"employee": nips[0], "fields": {"gaji_baru": 4123400, "tmt": "2026-12-01"}},
             {"employee": "199001012015011001", "fields": {"gaji_baru": 4123400, "tmt": "2026-12-01"}},
             {"employee": nips[1], "fields": {"gaji_baru": "banyak", "tmt": "2026-12-01"}},
             {"employee": nips[2], "fields": {"gaji_baru": 3900000, "tmt": "2026-12-01"}}]
    admin = api_client_for(users["admin"])
    assert api_client_for(users["fasilitator"]).post(
        "/api/v1/issued-documents/batches/", {"template": "kgb", "items": items}, format="json").status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        created = admin.post("/api/v1/issued-documents/batches/", {"template": "kgb", "items": items}, format="json")
    assert created.status_code == 202, created.content
    progress = admin.get(f"/api/v1/issued-documents/batches/{created.json()['id']}/").json()
    assert (progress["total"], progress["done"], progress["failed"], progress["finished"]) == (4, 2, 2, True)
    assert {e["index"] for e in progress["errors"]} == {1, 2}
    assert "NIP" in progress["errors"][0]["detail"] or "NIP" in progress["errors"][1]["detail"]
    issued = IssuedDocument.objects.filter(pk__in=progress["issued"])
    assert {d.employee.nip for d in issued} == {nips[0], nips[2]}
    assert len({d.number for d in issued}) == 2
    root = pki.load_pki(product_pki_dir).root_cert
    from issuing.services.issuing import issued_content

    assert all(validate_pdf(issued_content(d), trust_roots=[root]).authentic for d in issued)


def test_unknown_template_is_refused(users, api_client_for):
    response = api_client_for(users["admin"]).post(
        "/api/v1/issued-documents/batches/", {"template": "sk_gubernur", "items": [{"employee": "x"}]}, format="json")
    assert response.status_code == 400 and "template" in response.json()["errors"]
