"""The signing library's errors, in one module every other one may import."""


class SigningError(Exception):
    """Signing failed (key, TSA, OCSP, the remote signing service, or the document itself)."""
