"""Changing one byte of the signed content makes validation say the document
is not intact: modified, not authentic."""

from signing.validate import validate_pdf


def test_one_flipped_byte_breaks_the_signature(signed_decree, test_pki):
    # a byte inside the first (signed) revision: a letter of the title in the
    # original document information dictionary
    at = signed_decree.index(b"Surat Keputusan Kenaikan Pangkat")
    tampered = bytearray(signed_decree)
    tampered[at] ^= 0x01  # 'S' -> 'R'
    report = validate_pdf(bytes(tampered), trust_roots=[test_pki.root_cert])

    assert not report.authentic
    assert report.modified
    signature = report.signatures[0]
    assert not signature.intact
    assert not signature.ok


def test_the_untouched_file_is_authentic(signed_decree, test_pki):
    assert validate_pdf(signed_decree, trust_roots=[test_pki.root_cert]).authentic
