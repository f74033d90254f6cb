"""The signing engine of this process, built once from settings.

The one place that turns Django settings into a signing.SigningConfig. The embedded
default is a test PKI under DATA_DIR/pki whose TSA/OCSP/CRL services this process
serves on loopback. A DocumentIssuer owns an event loop and HTTP session: one per
process, made lazily (so after a Celery fork). Rendering and validating run under a lock
(threaded servers); signing does not: several threads' signatures run on the issuer's loop
together, so one slow TSA answer holds up nobody else.
"""
from __future__ import annotations

import atexit
import dataclasses
import threading
from pathlib import Path

from django.conf import settings

from signing import pki
from signing.config import (BsreSettings, Letterhead, Pkcs11Settings, Pkcs12Settings, RenderConfig,
                            SignerBackend, SigningConfig)
from signing.issue import DocumentIssuer
from signing.validate import Validator

_lock = threading.RLock()
_state: dict = {}


def pki_dir() -> Path:
    return Path(settings.SIGNING_PKI_DIR or settings.DATA_DIR / "pki")


def signing_config(backend: str = "") -> SigningConfig:
    """The configuration of `backend` (default: DOCUMENT_SIGNER_BACKEND); a signing official may
    name another one (bsre) than the deployment's default."""
    # a connection to the TSA for each signature in flight (bulk issuing), never fewer than 8
    return dataclasses.replace(_backend_config(backend or settings.DOCUMENT_SIGNER_BACKEND),
                               http_connections=max(8, settings.SIGNING_IN_FLIGHT))


def _backend_config(backend: str) -> SigningConfig:
    if backend == "test-pki":
        directory = pki_dir()
        pki.ensure_pki(directory)
        services = pki.PkiServices(directory)
        services.start()  # or finds another process of this deployment already serving it
        _state.setdefault("pki_services", []).append(services)
        return pki.signing_config(directory)
    common = dict(tsa_url=settings.SIGNING_TSA_URL,
                  trust_roots=tuple(Path(p) for p in settings.SIGNING_TRUST_ROOTS),
                  other_certs=tuple(Path(p) for p in settings.SIGNING_OTHER_CERTS))
    if backend == "pkcs12":
        return SigningConfig(backend=SignerBackend.PKCS12, **common, pkcs12=Pkcs12Settings(
            path=Path(settings.SIGNING_PKCS12_PATH), passphrase=settings.SIGNING_PKCS12_PASSPHRASE.encode() or None))
    if backend == "pkcs11":
        return SigningConfig(backend=SignerBackend.PKCS11, **common, pkcs11=Pkcs11Settings(
            module_path=Path(settings.SIGNING_PKCS11_MODULE), token_label=settings.SIGNING_PKCS11_TOKEN_LABEL,
            user_pin=settings.SIGNING_PKCS11_PIN, key_label=settings.SIGNING_PKCS11_KEY_LABEL,
            cert_path=Path(settings.SIGNING_PKCS11_CERT_PATH) if settings.SIGNING_PKCS11_CERT_PATH else None))
    if backend == "bsre":
        if not settings.BSRE_URL:
            raise ValueError("the bsre back end needs BSRE_URL")
        return SigningConfig(backend=SignerBackend.BSRE, **common, bsre=BsreSettings(
            url=settings.BSRE_URL, username=settings.BSRE_USERNAME, password=settings.BSRE_PASSWORD,
            connect_timeout_seconds=settings.BSRE_CONNECT_TIMEOUT, read_timeout_seconds=settings.BSRE_READ_TIMEOUT,
            retries=settings.BSRE_RETRIES, appearance=settings.BSRE_APPEARANCE, ca_bundle=settings.BSRE_CA_BUNDLE))
    raise ValueError(f"DOCUMENT_SIGNER_BACKEND must be test-pki, pkcs12, pkcs11 or bsre, not {backend!r}")


def _key() -> tuple:
    return (settings.DOCUMENT_SIGNER_BACKEND, str(pki_dir()), settings.PUBLIC_BASE_URL, settings.SIGNING_OFFICIAL_NAME,
            settings.BSRE_URL, settings.SIGNING_TSA_URL, tuple(settings.SIGNING_TRUST_ROOTS), settings.SIGNING_IN_FLIGHT)


def _get(name: str, factory):
    with _lock:
        if _state.get("key") != _key():
            reset()
            _state["key"] = _key()
        if name not in _state:
            if not _state.get("atexit"):
                # Close the HTTP sessions and loops cleanly when the process ends (a command, a
                # bench, a test run) instead of leaving aiohttp to complain about them.
                atexit.register(reset)
                _state["atexit"] = True
            _state[name] = factory()
        return _state[name]


def _config() -> SigningConfig:
    return _get("config", signing_config)


def issuer(backend: str = "") -> DocumentIssuer:
    """The issuer of `backend` (default: DOCUMENT_SIGNER_BACKEND)."""
    render = RenderConfig(verify_base_url=settings.PUBLIC_BASE_URL,
                          letterhead=Letterhead(official_person=settings.SIGNING_OFFICIAL_NAME))
    if backend and backend != settings.DOCUMENT_SIGNER_BACKEND:
        return _get(f"issuer:{backend}", lambda: DocumentIssuer(signing_config(backend), render))
    return _get("issuer", lambda: DocumentIssuer(_config(), render))


def validator() -> Validator:
    return _get("validator", lambda: Validator(list(_config().trust_roots)))


def locked():
    """Hold this while rendering with the issuer or validating with the validator (not while signing:
    `issuer().sign_rendered` / `submit_rendered` may be called from any thread)."""
    return _lock


def reset() -> None:
    """Close everything (tests switch PKIs; a process shutting down)."""
    with _lock:
        closing = [_state.pop(name) for name in [*_state] if name in ("issuer", "validator")
                   or name.startswith("issuer:")]
        if closing:
            # Each runs its own event loop to close; a thread where another loop is running (the
            # browser tests' Playwright) may not, so they are closed in a thread of their own.
            worker = threading.Thread(target=lambda: [engine.close() for engine in closing])
            worker.start()
            worker.join()
        for services in _state.pop("pki_services", []):
            services.stop()
        _state.pop("config", None)
        _state.pop("key", None)
