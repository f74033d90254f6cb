"""With DOCUMENT_SIGNER_BACKEND=pkcs11 and the SIGNING_PKCS11_* settings, a decree issued through
the API is signed on the SoftHSM2 token, by the certificate stored there, with a key the token
never lets out; the signature validates and verify answers `authentic`."""
import secrets

import pytest

from signing import pki, softhsm
from signing.validate import validate_pdf

pytestmark = pytest.mark.django_db

@pytest.fixture
def pkcs11_settings(signing_settings, softhsm_token, product_pki_dir):
    """The product configured as production would be: key on a token, the TSA and trust root by URL/file."""
    from issuing import signing_runtime

    product_pki = pki.load_pki(product_pki_dir)
    KEY_LABEL = f"bkd-issuer-{secrets.token_hex(4)}"  # the session's token outlives this test: a label of its own
    public_key = softhsm.generate_signing_key(softhsm_token.module, softhsm_token.label, softhsm_token.user_pin,
                                              key_label=KEY_LABEL)
    cert = pki.issue_signer_certificate(product_pki_dir, label="token-issuer", public_key=public_key,
                                        common_name="Kepala BKD (token TEST)")
    softhsm.store_certificate(softhsm_token.module, softhsm_token.label, softhsm_token.user_pin,
                              key_label=KEY_LABEL, cert_der=cert.dump())
    settings = signing_settings
    settings.DOCUMENT_SIGNER_BACKEND = "pkcs11"
    settings.SIGNING_PKCS11_MODULE = str(softhsm_token.module)
    settings.SIGNING_PKCS11_TOKEN_LABEL = softhsm_token.label
    settings.SIGNING_PKCS11_PIN = softhsm_token.user_pin
    settings.SIGNING_PKCS11_KEY_LABEL = KEY_LABEL
    settings.SIGNING_TSA_URL = product_pki.tsa_url
    settings.SIGNING_TRUST_ROOTS = [str(product_pki.root_cert)]
    settings.SIGNING_OTHER_CERTS = [str(product_pki.intermediate_cert)]
    signing_runtime.reset()  # whatever the runtime held for the test PKI goes; this test serves the TSA
    services = pki.serve_pki(product_pki_dir)
    yield settings
    signing_runtime.reset()
    services.stop()


def test_pkcs11_settings_sign_issued_decrees_on_the_token(pkcs11_settings, issue, users, api_client_for,
                                                         softhsm_token, product_pki_dir):
    # Asked before issuing: the signer then keeps the token's one login for itself.
    attributes = softhsm.private_key_attributes(softhsm_token.module, softhsm_token.label, softhsm_token.user_pin,
                                                key_label=pkcs11_settings.SIGNING_PKCS11_KEY_LABEL)
    assert attributes["EXTRACTABLE"] is False and attributes["SENSITIVE"] is True and attributes["LOCAL"] is True
    response = issue(template="kgb", fields={"gaji_baru": "4500000", "tmt": "2026-04-01"})
    assert response.status_code == 201, response.content
    issued = response.json()
    client = api_client_for(users["admin"])
    pdf = client.get(f"/api/v1/issued-documents/{issued['id']}/content/").content

    report = validate_pdf(pdf, trust_roots=[pki.load_pki(product_pki_dir).root_cert])
    assert report.authentic, report.as_dict()
    assert report.signatures[0].signer_name == "Kepala BKD (token TEST)"

    verdict = client.post("/api/v1/verify/", {"file": _named(pdf)}, format="multipart").json()
    assert verdict["authentic"] is True and verdict["status"] == "current"


def _named(pdf: bytes):
    import io

    stream = io.BytesIO(pdf)
    stream.name = "kgb.pdf"
    return stream
