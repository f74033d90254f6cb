"""init_pki makes a root CA, an intermediate CA, a signer (PKCS#12 with a
passphrase), a TSA and an OCSP responder; serve_pki answers real RFC 3161
timestamp and RFC 6960 OCSP requests over HTTP on 127.0.0.1."""

from __future__ import annotations

import hashlib

import pytest
import requests
from asn1crypto import ocsp, pem, tsp, x509
from cryptography.hazmat.primitives.serialization import pkcs12

from signing import pki


def _cert(path) -> x509.Certificate:
    return x509.Certificate.load(pem.unarmor(path.read_bytes())[2])


def test_pki_files_and_passphrase(test_pki):
    for path in (test_pki.root_cert, test_pki.intermediate_cert, test_pki.tsa_cert,
                 test_pki.signer_cert, test_pki.directory / "certs" / "ocsp.cert.pem"):
        assert path.exists()
    key, cert, chain = pkcs12.load_key_and_certificates(
        test_pki.signer_p12.read_bytes(), test_pki.signer_passphrase
    )
    assert key is not None and cert is not None
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(test_pki.signer_p12.read_bytes(), b"wrong")
    assert _cert(test_pki.tsa_cert).extended_key_usage_value.native == ["time_stamping"]


def test_tsa_answers_over_http(test_pki):
    digest = hashlib.sha256(b"berkas").digest()
    req = tsp.TimeStampReq({
        "version": 1,
        "message_imprint": {"hash_algorithm": {"algorithm": "sha256"}, "hashed_message": digest},
        "nonce": 42,
        "cert_req": True,
    })
    resp = requests.post(test_pki.tsa_url, data=req.dump(),
                         headers={"Content-Type": "application/timestamp-query"}, timeout=10)
    tst = tsp.TimeStampResp.load(resp.content)
    assert tst["status"]["status"].native == "granted"
    info = tst["time_stamp_token"]["content"]["encap_content_info"]["content"].parsed
    assert info["message_imprint"]["hashed_message"].native == digest
    assert info["nonce"].native == 42


def test_ocsp_says_the_signer_is_good(test_pki):
    signer, issuer = _cert(test_pki.signer_cert), _cert(test_pki.intermediate_cert)
    req = ocsp.OCSPRequest({"tbs_request": {"request_list": [{"req_cert": {
        "hash_algorithm": {"algorithm": "sha1"},
        "issuer_name_hash": issuer.subject.sha1,
        "issuer_key_hash": issuer.public_key.sha1,
        "serial_number": signer.serial_number,
    }}]}})
    resp = requests.post(test_pki.ocsp_url, data=req.dump(),
                         headers={"Content-Type": "application/ocsp-request"}, timeout=10)
    answer = ocsp.OCSPResponse.load(resp.content)
    assert answer["response_status"].native == "successful"
    single = answer.basic_ocsp_response["tbs_response_data"]["responses"][0]
    assert single["cert_status"].name == "good"


def test_a_second_start_uses_the_running_services(test_pki):
    again = pki.serve_pki(test_pki.directory)
    assert again.served_elsewhere
    again.stop()  # a no-op: the first one keeps serving
    assert requests.get(f"{test_pki.base_url}/{pki.ARCH}/crls/root/latest.crl", timeout=10).ok
