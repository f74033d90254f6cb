"""A decree issued through the BSrE back end (the stand-in signs with the official's test-PKI key)
carries the product's QR code and number, is B-LTA, validates in pyHanko and poppler's pdfsig, and
the public verify (API and page) names the official who signed it."""
import pytest

from signing import pki
from signing.validate import validate_pdf
from tests.national.conftest import OFFICIAL_PASSPHRASE
from tests.support.signing import assert_pdfsig_valid

pytestmark = pytest.mark.django_db


def test_bsre_decree_validates_and_names_the_official(bsre_settings, bsre_service, kepala_bkd, issue, users,
                                                     api_client_for, product_pki_dir, tmp_path, client):
    before = bsre_service.signed_count()
    response = issue(passphrase=OFFICIAL_PASSPHRASE)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"].endswith("/BKD/2026") and body["signer_name"] == "Dr. H. Ahmad Fauzi, M.Si."
    assert bsre_service.signed_count() == before + 1  # signed at the service, not locally
    pdf = api_client_for(users["admin"]).get(f"/api/v1/issued-documents/{body['id']}/content/").content

    root = pki.load_pki(product_pki_dir).root_cert
    report = validate_pdf(pdf, trust_roots=[root])
    assert report.authentic, report.as_dict()
    signature, archive_stamp = report.signatures[0], report.signatures[-1]
    assert signature.signer_name == "Dr. H. Ahmad Fauzi, M.Si." and signature.timestamped
    assert archive_stamp.kind.value == "document_timestamp" and archive_stamp.covers_whole_file  # B-LTA
    assert_pdfsig_valid(pdf, root, tmp_path)

    verified = client.post("/api/v1/verify/", {"file": _upload(pdf)})
    assert verified.status_code == 200, verified.content
    answer = verified.json()
    assert answer["authentic"] is True and answer["status"] == "current"
    assert answer["document"]["number"] == body["number"]
    assert answer["document"]["signing_official"] == {
        "name": "Dr. H. Ahmad Fauzi, M.Si.", "title": "Kepala Badan Kepegawaian Daerah",
        "nip": "197001152000031001", "via": "BSrE"}

    page = client.get(body["verify_url"].replace("https://berkas.example.go.id", ""))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Dr. H. Ahmad Fauzi, M.Si." in text and "Kepala Badan Kepegawaian Daerah" in text


def _upload(pdf: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("decree.pdf", pdf, content_type="application/pdf")
