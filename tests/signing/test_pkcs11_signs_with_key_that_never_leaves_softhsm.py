"""The PKCS#11 back end signs, for real, with an RSA key generated on a
SoftHSM2 token: the key is sensitive and never extractable (the token
refuses to hand out the private exponent), the test CA certifies its public
half, the certificate is stored on the token, and the signed document
validates as authentic, signed by that certificate."""

from __future__ import annotations

import os

import pytest

from signing import pki, softhsm
from signing.config import Pkcs11Settings, SignerBackend
from signing.render import render_document
from signing.sign import SigningSession
from signing.signers import Pkcs11Signer, signer_from_config
from signing.validate import validate_pdf

from .conftest import EMPLOYEE, VALID_FIELDS

TOKEN = "berkas-asn-test"
USER_PIN = "246810"
KEY_LABEL = "bkd-signer"


@pytest.fixture(scope="module")
def token(tmp_path_factory, test_pki):
    if not softhsm.SOFTHSM_MODULE.exists():
        pytest.fail("SoftHSM2 missing: apt-get install -y softhsm2")
    directory = tmp_path_factory.mktemp("softhsm")
    conf = softhsm.create_token(directory, label=TOKEN, so_pin="135790", user_pin=USER_PIN)
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)  # read when the module initialises
    public_key = softhsm.generate_signing_key(
        softhsm.SOFTHSM_MODULE, TOKEN, USER_PIN, key_label=KEY_LABEL
    )
    cert = pki.issue_signer_certificate(
        test_pki.directory,
        label="token-signer",
        public_key=public_key,
        common_name="Sekretaris BKD (token TEST)",
    )
    softhsm.store_certificate(
        softhsm.SOFTHSM_MODULE, TOKEN, USER_PIN, key_label=KEY_LABEL, cert_der=cert.dump()
    )
    yield cert
    if old is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = old


def test_the_key_was_made_on_the_token_and_cannot_leave_it(token):
    attrs = softhsm.private_key_attributes(
        softhsm.SOFTHSM_MODULE, TOKEN, USER_PIN, key_label=KEY_LABEL
    )
    assert attrs == {
        "SENSITIVE": True,
        "EXTRACTABLE": False,
        "NEVER_EXTRACTABLE": True,
        "LOCAL": True,  # generated on the token, not imported
    }
    import pkcs11.exceptions

    with pytest.raises(pkcs11.exceptions.PKCS11Error):
        softhsm.try_export_private_key(
            softhsm.SOFTHSM_MODULE, TOKEN, USER_PIN, key_label=KEY_LABEL
        )


def test_document_signed_on_the_token_validates(token, test_pki, signing_config):
    config = pki.signing_config(
        test_pki.directory,
        backend=SignerBackend.PKCS11,
        pkcs12=None,
        pkcs11=Pkcs11Settings(
            module_path=softhsm.SOFTHSM_MODULE,
            token_label=TOKEN,
            user_pin=USER_PIN,
            key_label=KEY_LABEL,
        ),
    )
    signer = signer_from_config(config)
    assert isinstance(signer, Pkcs11Signer)
    assert signer.signer.signing_cert.dump() == token.dump()  # read from the token

    rendered = render_document(
        "kgb",
        number="822.3/55/204/2026",
        employee=EMPLOYEE,
        fields=VALID_FIELDS["kgb"],
        verify_token="token-signed-0001",
    )
    try:
        with SigningSession(config, signer=signer) as session:
            signed = session.sign(
                rendered.pdf,
                rendered.signature_meta(
                    signer_name="Sekretaris BKD", signer_position="Sekretaris"
                ),
            )
    finally:
        signer.close()

    report = validate_pdf(signed, trust_roots=[test_pki.root_cert])
    assert report.authentic, report.as_dict()
    signature = report.signatures[0]
    assert signature.signer_name == "Sekretaris BKD (token TEST)"
    assert signature.timestamp_ok and signature.long_term
