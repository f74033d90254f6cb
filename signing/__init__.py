"""Berkas ASN signing library: rendering issued documents to PDF/A, QR codes,
PAdES B-LTA signing with pyHanko (PKCS#12 file or PKCS#11 token), a test PKI
with loopback TSA/OCSP, and validation.  Pure Python: no Django here.

Entry points::

    from signing.pki import init_pki, serve_pki, signing_config   # test PKI
    from signing.render import render_document                    # template -> PDF/A
    from signing.sign import sign_pdf, SigningSession              # PDF -> PAdES B-LTA
    from signing.issue import DocumentIssuer                       # both, long-lived
    from signing.validate import validate_pdf, Validator           # -> ValidationReport
    from signing.templates import load_templates, ValidationError
"""
