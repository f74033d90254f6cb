"""Settings for the signing library, as frozen dataclasses.

Nothing here reads the environment or Django settings: the caller (the Django
project's settings module, a Celery worker, a test) builds these objects and
passes them in.  ``signing`` imports no Django.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path


class SignerBackend(str, enum.Enum):
    """Where the signing key lives."""

    PKCS12 = "pkcs12"
    """A PKCS#12 (.p12/.pfx) file protected by a passphrase."""

    PKCS11 = "pkcs11"
    """A key on a PKCS#11 token (an HSM, a smart card, SoftHSM2 in CI)."""

    BSRE = "bsre"
    """The national e-signature service (BSrE, BSSN): the PDF is signed by the
    service with the official's certificate, unlocked by the NIK and the
    passphrase the official types at signing time (see :mod:`signing.bsre`)."""


@dataclass(frozen=True)
class Pkcs12Settings:
    path: Path
    passphrase: bytes | None


@dataclass(frozen=True)
class Pkcs11Settings:
    module_path: Path
    """The PKCS#11 module, e.g. ``/usr/lib/softhsm/libsofthsm2.so``."""

    token_label: str
    user_pin: str
    key_label: str
    cert_path: Path | None = None
    """The signer certificate as a file, when it is not stored on the token."""

    cert_label: str | None = None
    """Label of the certificate object on the token (defaults to ``key_label``)."""

    chain_paths: tuple[Path, ...] = ()
    """Intermediate CA certificates to embed with the signature."""


@dataclass(frozen=True)
class BsreSettings:
    """The BSrE e-sign client service (its HTTP API, see :mod:`signing.bsre`)."""

    url: str
    """Base URL of the service, e.g. ``https://esign.example.go.id`` (no trailing ``/api``)."""

    username: str = ""
    password: str = ""
    """The application's HTTP Basic credentials at the service (not the official's passphrase)."""

    connect_timeout_seconds: float = 5.0
    read_timeout_seconds: float = 60.0
    """Signing a PDF remotely takes seconds; a stuck service must not hold a worker for ever."""

    retries: int = 2
    """Further attempts after a network failure, a timeout or a 5xx answer; never after a refusal
    (wrong passphrase, certificate expired or revoked)."""

    retry_backoff_seconds: float = 0.5
    appearance: str = "visible"
    """``visible`` (a stamp in ``SignatureMeta.box``) or ``invisible``."""

    ca_bundle: str = ""
    """CA certificates for the service's TLS, when not the system's."""


@dataclass(frozen=True)
class SigningConfig:
    """Everything needed to sign: the key, the trust anchors, the TSA.

    Production builds it from its settings (certificate paths, TSA URL); the
    embedded default builds it from a test PKI (:func:`signing.pki.signing_config`).
    OCSP and CRL URLs are not configured: they come from the certificates'
    AIA and CRL distribution point extensions, as in any PKIX deployment.
    """

    backend: SignerBackend
    tsa_url: str
    trust_roots: tuple[Path, ...]
    """Certificates (PEM or DER) trusted as roots, for pre-sign validation
    and for validating documents."""

    pkcs12: Pkcs12Settings | None = None
    pkcs11: Pkcs11Settings | None = None
    bsre: BsreSettings | None = None
    other_certs: tuple[Path, ...] = ()
    """Extra certificates that help build paths (e.g. the TSA's issuer)."""

    signature_bytes_reserved: int = 32 * 1024
    """Fixed size of the /Contents placeholder (pyHanko's ``bytes_reserved``,
    counted in hex digits: 32768 leaves room for 16 KiB of CMS), so no
    throwaway signature is made to measure it.  It must hold the CMS with the
    signer's chain and the signature timestamp token: 4.7 KB with the test
    PKI; a national CA chain with a TSA chain stays well under 16 KiB."""

    validation_context_ttl_seconds: float = 300.0
    """How long fetched OCSP responses / CRLs are reused before the signing
    session builds a fresh validation context."""

    http_timeout_seconds: float = 10.0

    http_connections: int = 8
    """Connections a session keeps open to the TSA and the OCSP/CRL servers: at least the
    signatures it has in flight, each waiting on its timestamp."""


@dataclass(frozen=True)
class SignatureMeta:
    """What a signature says about itself, shown on the visible stamp."""

    signer_name: str
    """E.g. ``"Dr. H. Ahmad Fauzi, M.Si."``"""

    signer_position: str
    """E.g. ``"Kepala Badan Kepegawaian Daerah"``."""

    reason: str = "Dokumen ini ditandatangani secara elektronik"
    location: str = "Indonesia"
    contact_info: str | None = None
    page: int = -1
    """Page carrying the visible stamp; -1 is the last page."""

    box: tuple[float, float, float, float] = (300.0, 60.0, 560.0, 130.0)
    """Stamp rectangle (x1, y1, x2, y2) in PDF points from the bottom left."""

    certify: bool = True
    """Certification (DocMDP) signature: later changes other than the
    document timestamps and validation data invalidate the document."""

    field_name: str = "TandaTanganElektronik"
    timezone: str = "Asia/Jakarta"
    """Time zone of the time printed on the stamp (WIB by default; WITA is
    Asia/Makassar, WIT Asia/Jayapura).  The signature timestamp itself is UTC."""


@dataclass(frozen=True)
class Letterhead:
    """The institution printed on the letterhead (kop surat)."""

    government: str = "PEMERINTAH PROVINSI JAWA TIMUR"
    agency: str = "BADAN KEPEGAWAIAN DAERAH"
    address: str = "Jalan Jemur Andayani I, Surabaya 60235"
    contact: str = "Telepon (031) 8477551 · bkd.jatimprov.go.id"
    city: str = "Surabaya"
    official_name: str = "Kepala Badan Kepegawaian Daerah"
    official_person: str = ""
    official_nip: str = ""


@dataclass(frozen=True)
class RenderConfig:
    """Settings for rendering documents."""

    verify_base_url: str = "http://localhost:8000"
    """Base of the verify URL encoded in each QR code: ``{base}/verify/{token}``."""

    letterhead: Letterhead = field(default_factory=Letterhead)
    templates_dir: Path | None = None
    """Directory of template definitions; defaults to ``templates/documents``
    next to the ``signing`` package."""

    font_dir: Path = Path("/usr/share/fonts/truetype/dejavu")
