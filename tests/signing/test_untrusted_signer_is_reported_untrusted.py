"""A PDF signed under another CA (as an employee might upload one signed
elsewhere) is validated against the configured roots only: intact, but
untrusted, so not authentic; the file is not changed by validation."""

from signing import pki
from signing.render import render_document
from signing.sign import sign_pdf
from signing.validate import validate_pdf

from .conftest import EMPLOYEE, VALID_FIELDS


def test_signature_from_unknown_ca_is_intact_but_untrusted(other_pki, test_pki):
    rendered = render_document(
        "izin_cuti",
        number="851/77/2026",
        employee=EMPLOYEE,
        fields=VALID_FIELDS["izin_cuti"],
        verify_token="otherCA-000001",
    )
    signed = sign_pdf(
        rendered.pdf,
        meta=rendered.signature_meta(signer_name="Pejabat Lain", signer_position="Kepala Dinas"),
        config=pki.signing_config(other_pki.directory),
    )
    before = bytes(signed)

    report = validate_pdf(signed, trust_roots=[test_pki.root_cert])

    assert signed == before
    assert not report.authentic
    assert not report.trusted
    assert not report.modified
    for signature in report.signatures:
        assert signature.intact and signature.valid
        assert not signature.trusted
    # under its own root the same file is fine
    assert validate_pdf(signed, trust_roots=[other_pki.root_cert]).authentic


def test_garbage_is_reported_not_signed():
    report = validate_pdf(b"%PDF-1.7 not really", trust_roots=[])
    assert not report.authentic and not report.signed
    assert report.error
