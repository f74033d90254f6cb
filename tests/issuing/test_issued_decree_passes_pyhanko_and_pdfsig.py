"""A decree issued through the API is a signed PDF that pyHanko finds authentic and
poppler's pdfsig finds valid, trusted and covering the whole document."""
import pytest

from signing import pki
from signing.validate import validate_pdf
from tests.support.signing import assert_pdfsig_valid

pytestmark = pytest.mark.django_db


def _content(client, issued_id) -> bytes:
    response = client.get(f"/api/v1/issued-documents/{issued_id}/content/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def test_decree_validates_independently(issue, users, api_client_for, product_pki_dir, tmp_path):
    response = issue()
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1 and body["status"] == "current"
    assert body["verify_url"].startswith("https://berkas.example.go.id/verify/")
    assert body["number"].endswith("/BKD/2026")
    pdf = _content(api_client_for(users["admin"]), body["id"])

    report = validate_pdf(pdf, trust_roots=[pki.load_pki(product_pki_dir).root_cert])
    assert report.authentic, report.as_dict()
    assert report.signatures[0].timestamped and report.signatures[0].certified

    assert_pdfsig_valid(pdf, pki.load_pki(product_pki_dir).root_cert, tmp_path)


def test_employee_downloads_their_own_and_nobody_else_does(issue, users, api_client_for, make_user):
    issued_id = issue().json()["id"]
    assert api_client_for(users["pegawai"]).get(f"/api/v1/issued-documents/{issued_id}/content/").status_code == 200
    outsider = make_user("fas-bkd", "fasilitator", units=["BKD-MUT"])
    assert api_client_for(outsider).get(f"/api/v1/issued-documents/{issued_id}/content/").status_code == 404
    assert issue(user=users["fasilitator"]).status_code == 403
