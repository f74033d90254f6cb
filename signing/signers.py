"""Signer back ends: where the private key lives.

Every back end produces a pyHanko :class:`~pyhanko.sign.signers.Signer`
(the object that turns a digest into a CMS signature), wrapped in a
:class:`DocumentSigner` that also owns the resources behind it (an open
PKCS#11 session, later an authenticated HTTP client).  The rest of
``signing`` only ever sees :class:`DocumentSigner`; the back end is chosen in
exactly one place, :func:`signer_from_config`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from asn1crypto import pem, x509
from pyhanko.sign import signers
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from asn1crypto import tsp
from pyhanko.sign import attributes
from pyhanko.sign.general import (
    as_signing_certificate_v2,
    get_pyca_cryptography_hash,
    load_cert_from_pemder,
)
from pyhanko.sign.signers.pdf_cms import CAdESSignedAttributeProviderSpec

from .config import SignerBackend, SigningConfig


@runtime_checkable
class DocumentSigner(Protocol):
    """A signing key and its certificate, ready to sign many documents.

    Implementations keep the key loaded (or the token session open) for
    their whole life: a Celery worker makes one at start and reuses it.

    A remote signing service (the national BSrE "TTE" service, or any CSC
    API) fits the same shape: ``signer`` would be a pyHanko ``Signer``
    subclass whose ``async_sign_raw`` sends the digest to the service and
    returns the raw signature, as pyHanko's
    ``pyhanko.sign.signers.csc_signer.CSCSigner`` does; ``close`` would end
    the authenticated HTTP session.

    BSrE's e-sign client service signs whole PDFs, not digests: its back end
    (:class:`signing.bsre.BsreSigner`) says so with ``remote_pdf = True`` and
    offers ``sign_pdf(pdf, meta, credentials)`` instead of ``signer``.
    """

    @property
    def signer(self) -> signers.Signer:
        """The pyHanko signer; ``signer.signing_cert`` is the certificate."""
        ...

    def close(self) -> None:
        """Release whatever the back end holds open."""
        ...


def load_certificates(paths) -> list[x509.Certificate]:
    """Certificates from PEM (one or many per file) or DER files."""
    certs = []
    for path in paths:
        data = Path(path).read_bytes()
        if pem.detect(data):
            for _, _, der in pem.unarmor(data, multiple=True):
                certs.append(x509.Certificate.load(der))
        else:
            certs.append(x509.Certificate.load(data))
    return certs


class _CachedSigningCertificateV2(attributes.SigningCertificateV2Provider):
    def __init__(self, value: tsp.SigningCertificateV2):
        self._value = value

    async def build_attr_value(self, dry_run=False) -> tsp.SigningCertificateV2:
        return self._value


class _CachedAttrSpec(CAdESSignedAttributeProviderSpec):
    def __init__(self, *args, signing_certificate_v2, **kwargs):
        super().__init__(*args, **kwargs)
        self._scv2 = signing_certificate_v2

    def signed_attr_providers(self, data_digest, digest_algorithm):
        for provider in super().signed_attr_providers(data_digest, digest_algorithm):
            if type(provider) is attributes.SigningCertificateV2Provider:
                yield _CachedSigningCertificateV2(self._scv2)
            else:
                yield provider


class CachedSignedAttrsMixin:
    """The signing-certificate-v2 attribute names the signer's certificate
    (hash, issuer, serial); pyHanko rebuilds it for every signature, and
    asn1crypto re-encodes the freshly built structure at ~15 ms each time.
    Build it once per signer, keep it parsed (so it dumps from its bytes)."""

    _signing_certificate_v2 = None

    def _signed_attr_provider_spec(self, attr_settings, timestamper=None, use_cades=False,
                                   is_pdf_sig=True):
        spec = super()._signed_attr_provider_spec(
            attr_settings, timestamper=timestamper, use_cades=use_cades, is_pdf_sig=is_pdf_sig
        )
        if type(spec) is not CAdESSignedAttributeProviderSpec:
            return spec
        if self._signing_certificate_v2 is None:
            self._signing_certificate_v2 = tsp.SigningCertificateV2.load(
                as_signing_certificate_v2(self.signing_cert).dump()
            )
        return _CachedAttrSpec(
            attr_settings=attr_settings,
            signing_cert=self.signing_cert,
            is_pades=spec.is_pades,
            timestamper=spec.timestamper,
            signing_certificate_v2=self._signing_certificate_v2,
        )


class _KeptKeySimpleSigner(CachedSignedAttrsMixin, signers.SimpleSigner):
    """pyHanko's SimpleSigner re-parses (and re-checks) the private key for
    every signature, ~50 ms for RSA-2048; this one parses it once."""

    _priv_key = None

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            algo = mechanism.signature_algo
        except ValueError:
            algo = mechanism["algorithm"].native
        if algo not in ("rsassa_pkcs1v15", "ecdsa"):
            return super().sign_raw(data, digest_algorithm)
        if self._priv_key is None:
            self._priv_key = serialization.load_der_private_key(
                self.signing_key.dump(), password=None
            )
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if algo == "rsassa_pkcs1v15":
            return self._priv_key.sign(data, PKCS1v15(), hash_algo)
        return self._priv_key.sign(data, ECDSA(hash_algo))


class Pkcs12Signer:
    """A key read once from a PKCS#12 file (decrypted and parsed at start)."""

    def __init__(self, path: Path, passphrase: bytes | None, other_certs=()):
        loaded = signers.SimpleSigner.load_pkcs12(
            str(path), passphrase=passphrase, other_certs=load_certificates(other_certs)
        )
        if loaded is None:
            raise ValueError(f"could not load the PKCS#12 file {path}")
        self._signer = _KeptKeySimpleSigner(
            signing_cert=loaded.signing_cert,
            signing_key=loaded.signing_key,
            cert_registry=loaded.cert_registry,
            embed_roots=False,
        )

    @property
    def signer(self) -> signers.Signer:
        return self._signer

    def close(self) -> None:
        pass


class Pkcs11Signer:
    """A key that never leaves its PKCS#11 token (HSM, smart card, SoftHSM2).

    One logged-in session is kept open for the life of this object; the
    certificate is read from the token (object labelled ``cert_label``) or
    from ``cert_path``.
    """

    def __init__(
        self,
        *,
        module_path: Path,
        token_label: str,
        user_pin: str,
        key_label: str,
        cert_label: str | None = None,
        cert_path: Path | None = None,
        chain_paths=(),
    ):
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign import pkcs11

        class _TokenSigner(CachedSignedAttrsMixin, pkcs11.PKCS11Signer):
            pass

        self._session = pkcs11.open_pkcs11_session(
            str(module_path),
            token_criteria=TokenCriteria(label=token_label),
            user_pin=user_pin,
        )
        signing_cert = load_cert_from_pemder(str(cert_path)) if cert_path else None
        try:
            self._signer = _TokenSigner(
                self._session,
                key_label=key_label,
                cert_label=None if signing_cert else (cert_label or key_label),
                signing_cert=signing_cert,
                ca_chain=load_certificates(chain_paths),
                embed_roots=False,
            )
            # fetch certificate and key handle now, not during the first signature
            _ = self._signer.signing_cert
        except Exception:
            self._session.close()
            raise

    @property
    def signer(self) -> signers.Signer:
        return self._signer

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None


def signer_from_config(config: SigningConfig) -> DocumentSigner:
    """The one place that picks the signer back end."""
    if config.backend is SignerBackend.PKCS12:
        if config.pkcs12 is None:
            raise ValueError("backend pkcs12 needs SigningConfig.pkcs12")
        return Pkcs12Signer(
            config.pkcs12.path, config.pkcs12.passphrase, other_certs=config.other_certs
        )
    if config.backend is SignerBackend.PKCS11:
        p = config.pkcs11
        if p is None:
            raise ValueError("backend pkcs11 needs SigningConfig.pkcs11")
        return Pkcs11Signer(
            module_path=p.module_path,
            token_label=p.token_label,
            user_pin=p.user_pin,
            key_label=p.key_label,
            cert_label=p.cert_label,
            cert_path=p.cert_path,
            chain_paths=p.chain_paths or config.other_certs,
        )
    if config.backend is SignerBackend.BSRE:
        if config.bsre is None:
            raise ValueError("backend bsre needs SigningConfig.bsre")
        from .bsre import BsreSigner

        return BsreSigner(config.bsre)
    raise ValueError(f"unknown signer back end {config.backend!r}")
