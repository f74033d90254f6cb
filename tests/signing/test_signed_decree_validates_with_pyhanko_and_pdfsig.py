"""A rendered and signed decree is PAdES B-LTA: pyHanko finds it intact,
trusted, timestamped, certified, with long-term validation data embedded and
a document timestamp over the whole file; poppler's pdfsig (NSS trusting the
test root) finds the signature valid, the certificate trusted and the whole
document signed."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from asn1crypto import pem

from signing import pki
from signing.issue import DocumentIssuer
from signing.validate import SignatureKind, validate_pdf

from .conftest import EMPLOYEE, VALID_FIELDS


def test_pyhanko_finds_the_decree_authentic_and_long_term(signed_decree, test_pki):
    report = validate_pdf(signed_decree, trust_roots=[test_pki.root_cert])

    assert report.authentic, report.as_dict()
    signature, doc_ts = report.signatures
    assert signature.kind is SignatureKind.SIGNATURE
    assert signature.signer_name == "Kepala Badan Kepegawaian Daerah (TEST)"
    assert signature.intact and signature.valid and signature.trusted
    assert signature.timestamped and signature.timestamp_ok
    assert signature.signing_time is not None
    assert signature.certified and signature.docmdp_ok
    assert signature.long_term, "OCSP/CRL data for the chain must be embedded"
    # after the signature only validation data and the document timestamp
    assert signature.modification_level == "LTA_UPDATES"
    assert doc_ts.kind is SignatureKind.DOCUMENT_TIMESTAMP
    assert doc_ts.trusted and doc_ts.intact
    assert doc_ts.covers_whole_file


def _nss_db(directory, root_cert):
    certutil = shutil.which("certutil")
    if certutil is None:
        pytest.fail("certutil missing: apt-get install -y libnss3-tools")
    directory.mkdir()
    subprocess.run([certutil, "-N", "-d", f"sql:{directory}", "--empty-password"], check=True)
    subprocess.run([certutil, "-A", "-d", f"sql:{directory}", "-n", "berkas-test-root",
                    "-t", "CT,C,C", "-i", str(root_cert)], check=True)
    return directory


def _pdfsig(path, nss_db) -> list[dict]:
    out = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss_db}", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    blocks: list[dict] = []
    for line in out.stdout.splitlines():
        line = line.strip()
        if line.startswith("Signature #"):
            blocks.append({})
        elif blocks and line.startswith("- "):
            key, _, value = line[2:].partition(":")
            if key.strip() in ("Total document signed", "Not total document signed"):
                blocks[-1]["coverage"] = key.strip()
            else:
                blocks[-1][key.strip()] = value.strip()
    return blocks


@pytest.fixture(scope="module")
def crl_only_pki(tmp_path_factory):
    """A test PKI whose signer certificate names its CRL but no OCSP
    responder: poppler 22.12's pdfsig gives NSS no HTTP client, so a
    certificate naming an OCSP responder always ends in "Unknown issue with
    Certificate" there (the soft-failed fetch leaves an NSS error behind)."""
    directory = tmp_path_factory.mktemp("crl-only-pki")
    created = pki.init_pki(directory, ocsp=False)
    services = pki.serve_pki(directory)
    yield created
    services.stop()


def test_pdfsig_reports_signature_valid_certificate_trusted_whole_document_signed(
    crl_only_pki, tmp_path
):
    with DocumentIssuer(pki.signing_config(crl_only_pki.directory)) as issuer:
        pdf = issuer.issue("sk_kenaikan_pangkat", number="800/7/2026", employee=EMPLOYEE,
                           fields=VALID_FIELDS["sk_kenaikan_pangkat"],
                           verify_token="pdfsig-check-01").pdf
    assert validate_pdf(pdf, trust_roots=[crl_only_pki.root_cert]).authentic
    path = tmp_path / "sk.pdf"
    path.write_bytes(pdf)

    signature, doc_ts = _pdfsig(path, _nss_db(tmp_path / "nssdb", crl_only_pki.root_cert))

    assert signature["Signature Type"] == "ETSI.CAdES.detached"
    assert signature["Signature Validation"] == "Signature is Valid."
    assert signature["Certificate Validation"] == "Certificate is Trusted."
    # the last revision is the document timestamp: it covers every byte
    assert doc_ts["coverage"] == "Total document signed"
    # poppler 22.12 cannot verify RFC 3161 document timestamps (ETSI.RFC3161):
    # it says "not yet verified / Unimplemented"; pyHanko checks them above
    assert doc_ts["Signature Validation"].startswith(
        ("Signature is Valid", "Signature has not yet been verified")
    )


def test_pdfsig_and_nss_on_the_ocsp_decree(signed_decree, test_pki, tmp_path):
    """The default decree (signer certificate names the OCSP responder):
    pdfsig still finds the signature valid and the document wholly signed,
    and NSS itself (libpkix, document-signer usage, as pdfsig asks it)
    builds the chain to the trusted test root."""
    nss_db = _nss_db(tmp_path / "nssdb", test_pki.root_cert)
    path = tmp_path / "sk.pdf"
    path.write_bytes(signed_decree)
    signature, doc_ts = _pdfsig(path, nss_db)
    assert signature["Signature Validation"] == "Signature is Valid."
    assert doc_ts["coverage"] == "Total document signed"

    der, interm = tmp_path / "signer.der", tmp_path / "interm.der"
    for src, dst in ((test_pki.signer_cert, der), (test_pki.intermediate_cert, interm)):
        dst.write_bytes(pem.unarmor(src.read_bytes())[2])
    out = subprocess.run(["vfychain", "-d", f"sql:{nss_db}", "-pp", "-u", "4", str(der), str(interm)],
                         capture_output=True, text=True, timeout=60)
    assert "Chain is good!" in out.stdout + out.stderr, out.stdout + out.stderr


def test_visible_stamp_names_signer_position_and_time_in_wib(signed_decree, tmp_path):
    path = tmp_path / "sk.pdf"
    path.write_bytes(signed_decree)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Ditandatangani secara elektronik oleh" in text
    assert "Kepala Badan Kepegawaian Daerah (TEST)" in text
    assert re.search(r"Waktu: \d\d-\d\d-\d{4} \d\d:\d\d:\d\d WIB", text), text
