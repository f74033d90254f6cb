"""The PKCS#11 back end signs, for real, with an RSA key generated on a
SoftHSM2 token: the key is sensitive and never extractable (the token
refuses to hand out the private exponent), the test CA certifies its public
half, the certificate is stored on the token, and the signed document
validates as authentic, signed by that certificate."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import pytest

from signing import pki, softhsm
from signing.config import Pkcs11Settings, SignerBackend
from signing.render import render_document
from signing.sign import SigningSession
from signing.signers import Pkcs11Signer, signer_from_config
from signing.validate import validate_pdf

from .conftest import EMPLOYEE, VALID_FIELDS

@dataclass(frozen=True)
class TokenKey:
    label: str
    cert: object


@pytest.fixture(scope="module")
def token(softhsm_token, test_pki):
    """A key made on the session's token, under a label of its own: the token outlives this fixture, which
    pytest sets up again when a worker comes back to this module (pytest-xdist), and two keys under one
    label would make the lookup ambiguous."""
    TOKEN, USER_PIN = softhsm_token.label, softhsm_token.user_pin
    KEY_LABEL = f"bkd-signer-{secrets.token_hex(4)}"
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
    return TokenKey(KEY_LABEL, cert)


def test_the_key_was_made_on_the_token_and_cannot_leave_it(token, softhsm_token):
    TOKEN, USER_PIN = softhsm_token.label, softhsm_token.user_pin
    attrs = softhsm.private_key_attributes(
        softhsm.SOFTHSM_MODULE, TOKEN, USER_PIN, key_label=token.label
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
            softhsm.SOFTHSM_MODULE, TOKEN, USER_PIN, key_label=token.label
        )


def test_document_signed_on_the_token_validates(token, softhsm_token, test_pki, signing_config):
    TOKEN, USER_PIN = softhsm_token.label, softhsm_token.user_pin
    config = pki.signing_config(
        test_pki.directory,
        backend=SignerBackend.PKCS11,
        pkcs12=None,
        pkcs11=Pkcs11Settings(
            module_path=softhsm.SOFTHSM_MODULE,
            token_label=TOKEN,
            user_pin=USER_PIN,
            key_label=token.label,
        ),
    )
    signer = signer_from_config(config)
    assert isinstance(signer, Pkcs11Signer)
    assert signer.signer.signing_cert.dump() == token.cert.dump()  # read from the token

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
