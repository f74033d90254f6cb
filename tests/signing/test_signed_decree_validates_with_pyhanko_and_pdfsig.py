"""A rendered and signed decree is PAdES B-LTA: pyHanko finds it intact,
trusted, timestamped, certified, with long-term validation data embedded and
a document timestamp over the whole file; poppler's pdfsig (NSS trusting the
test root) agrees."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from signing.validate import SignatureKind, validate_pdf


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


@pytest.fixture
def nss_db(tmp_path, test_pki):
    certutil = shutil.which("certutil")
    if certutil is None:
        pytest.fail("certutil missing: apt-get install -y libnss3-tools")
    db = tmp_path / "nssdb"
    db.mkdir()
    subprocess.run([certutil, "-N", "-d", f"sql:{db}", "--empty-password"], check=True)
    subprocess.run(
        [certutil, "-A", "-d", f"sql:{db}", "-n", "berkas-test-root", "-t", "CT,C,C",
         "-i", str(test_pki.root_cert)],
        check=True,
    )
    return db


def _pdfsig(path, nss_db) -> list[dict]:
    out = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{nss_db}", str(path)],
        capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 0, out.stderr
    blocks, current = [], None
    for line in out.stdout.splitlines():
        if line.startswith("Signature #"):
            current = {}
            blocks.append(current)
        elif current is not None and line.strip().startswith("- "):
            key, _, value = line.strip()[2:].partition(":")
            current[key.strip()] = value.strip()
        elif current is not None and line.strip() in ("Total document signed", "Not total document signed"):
            current["coverage"] = line.strip()
    for block in blocks:
        for key in list(block):
            if key in ("Total document signed", "Not total document signed"):
                block["coverage"] = key
    return blocks


def test_pdfsig_reports_the_signature_valid_and_the_whole_document_signed(
    signed_decree, nss_db, tmp_path, test_pki
):
    path = tmp_path / "sk.pdf"
    path.write_bytes(signed_decree)
    signature, doc_ts = _pdfsig(path, nss_db)

    assert signature["Signature Type"] == "ETSI.CAdES.detached"
    assert signature["Signature Validation"] == "Signature is Valid."
    # The last revision is the document timestamp: it covers every byte.
    assert doc_ts["coverage"] == "Total document signed"
    # Poppler 22.12 (Debian 12) cannot verify RFC 3161 document timestamps
    # (ETSI.RFC3161, "Unimplemented"); pyHanko checks them above.
    assert doc_ts["Signature Validation"].startswith(
        ("Signature is Valid", "Signature has not yet been verified")
    )
    # Poppler 22.12 answers "Unknown issue with Certificate or corrupted
    # data" for this chain even for a signature pdfsig made itself with the
    # same key (see the report); it must at least not find it untrusted,
    # unknown, revoked or expired ...
    assert signature["Certificate Validation"] not in (
        "Certificate issuer is unknown.",
        "Certificate issuer isn't Trusted.",
        "Certificate has been Revoked.",
        "Certificate has Expired",
    )


def test_nss_trusts_the_signer_chain_for_document_signing(nss_db, test_pki, tmp_path):
    """... and NSS itself (libpkix, e-mail/document signer usage, as pdfsig
    asks it) builds the signer's chain to the trusted test root."""
    der = tmp_path / "signer.der"
    interm = tmp_path / "interm.der"
    from asn1crypto import pem

    for src, dst in ((test_pki.signer_cert, der), (test_pki.intermediate_cert, interm)):
        dst.write_bytes(pem.unarmor(src.read_bytes())[2])
    out = subprocess.run(
        ["vfychain", "-d", f"sql:{nss_db}", "-pp", "-u", "4", str(der), str(interm)],
        capture_output=True, text=True, timeout=60,
    )
    assert "Chain is good!" in out.stdout + out.stderr, out.stdout + out.stderr
