"""A test PKI and its loopback services (TSA, OCSP, CRL), for the embedded
default and the tests.  Never for production: production takes its
certificates, key and TSA URL from :class:`signing.config.SigningConfig`.

The PKI is a Certomancer configuration written into one directory::

    init_pki(directory)                # root CA, intermediate CA, signer (.p12),
                                       # TSA and OCSP responder certificates
    with serve_pki(directory) as svc:  # TSA + OCSP + CRLs over HTTP on 127.0.0.1
        config = signing_config(directory)

Certomancer derives the certificates from the configuration and the key
files; with RSA keys (deterministic PKCS#1 v1.5 signatures) the services and
the files on disk always agree byte for byte.  The certificates carry the
services' URLs (AIA OCSP, CRL distribution points), so the port is chosen
once, when the PKI is made, and the services bind to that port again on every
start.
"""

from __future__ import annotations

import collections
import json
import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig
from certomancer import crypto_utils
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
import waitress
from waitress import wasyncore

from .config import Pkcs12Settings, SignerBackend, SigningConfig

ARCH = "berkas-asn"
CONFIG_FILE = "certomancer.yml"
INFO_FILE = "pki.json"
SIGNER_P12 = "signer.p12"
SIGNER_PASSPHRASE_FILE = "signer.passphrase"

# entity label -> distinguished name parts
_ENTITIES = {
    "root": {"common-name": "Berkas ASN Test Root CA"},
    "interm": {"common-name": "Berkas ASN Test Intermediate CA"},
    "tsa": {"common-name": "Berkas ASN Test Time Stamping Authority"},
    "ocsp": {"common-name": "Berkas ASN Test OCSP Responder"},
    "signer": {
        "organizational-unit-name": "Badan Kepegawaian Daerah",
        "common-name": "Kepala Badan Kepegawaian Daerah (TEST)",
    },
}


@dataclass(frozen=True)
class TestPki:
    """Paths and URLs of a test PKI made by :func:`init_pki`."""

    __test__ = False  # not a pytest test class

    directory: Path
    base_url: str
    port: int

    @property
    def root_cert(self) -> Path:
        return self.directory / "certs" / "root.cert.pem"

    @property
    def intermediate_cert(self) -> Path:
        return self.directory / "certs" / "interm.cert.pem"

    @property
    def tsa_cert(self) -> Path:
        return self.directory / "certs" / "tsa.cert.pem"

    @property
    def signer_cert(self) -> Path:
        return self.directory / "certs" / "signer.cert.pem"

    @property
    def signer_p12(self) -> Path:
        return self.directory / SIGNER_P12

    @property
    def signer_passphrase(self) -> bytes:
        return (self.directory / SIGNER_PASSPHRASE_FILE).read_bytes().strip()

    @property
    def tsa_url(self) -> str:
        return f"{self.base_url}/{ARCH}/tsa/tsa"

    @property
    def ocsp_url(self) -> str:
        return f"{self.base_url}/{ARCH}/ocsp/interm"


class _KeyCachingBackend(crypto_utils.PycaCryptographyBackend):
    """Certomancer parses the private key again for every OCSP response and
    timestamp token; RSA key loading (with its consistency check) costs
    ~90 ms in pyca/cryptography, which made one loopback timestamp cost
    ~90 ms.  Keep the parsed keys (test PKI only)."""

    def __init__(self):
        self._keys: dict[bytes, object] = {}
        self._lock = threading.Lock()

    def generic_sign(self, private_key, tbs_bytes, sd_algo) -> bytes:
        if sd_algo.signature_algo != "rsassa_pkcs1v15":
            return super().generic_sign(private_key, tbs_bytes, sd_algo)
        der = private_key.dump()
        with self._lock:
            key = self._keys.get(der)
            if key is None:
                key = self._keys[der] = serialization.load_der_private_key(
                    der, password=None
                )
        hash_algo = getattr(hashes, sd_algo.hash_algo.upper())()
        return key.sign(tbs_bytes, padding.PKCS1v15(), hash_algo)


def _use_key_caching_backend() -> None:
    if not isinstance(crypto_utils.CRYPTO_BACKEND, _KeyCachingBackend):
        crypto_utils.CRYPTO_BACKEND = _KeyCachingBackend()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_rsa_key(path: Path, bits: int = 2048) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    os.chmod(path, 0o600)


def _ku(*usages: str) -> dict:
    return {
        "id": "key_usage",
        "critical": True,
        "smart-value": {"schema": "key-usage", "params": list(usages)},
    }


def _crl_dp(repo: str) -> dict:
    return {
        "id": "crl_distribution_points",
        "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": [repo]}},
    }


def _validity(start: datetime, years: int) -> dict:
    end = start.replace(year=start.year + years)
    fmt = "%Y-%m-%dT%H:%M:%S+0000"
    return {"valid-from": start.strftime(fmt), "valid-to": end.strftime(fmt)}


def _signer_cert_spec(start: datetime, ocsp: bool = True) -> dict:
    aia = {"ca-issuer-links": [{"repo": "interm"}]}
    if ocsp:
        aia["ocsp-responder-names"] = ["interm"]
    return {
        "issuer": "interm",
        "validity": _validity(start, 5),
        "extensions": [
            _ku("digital_signature", "non_repudiation"),
            _crl_dp("interm"),
            {
                "id": "authority_information_access",
                "smart-value": {"schema": "aia-urls", "params": aia},
            },
        ],
    }


def _certomancer_config(base_url: str, start: datetime, ocsp: bool) -> dict:
    keys = {label: {"path": f"{label}.key.pem"} for label in _ENTITIES}
    certs = {
        "root": {
            "subject": "root",
            "issuer": "root",
            "validity": _validity(start, 25),
            "extensions": [
                {"id": "basic_constraints", "critical": True, "value": {"ca": True}},
                _ku("digital_signature", "key_cert_sign", "crl_sign"),
            ],
        },
        "interm": {
            "issuer": "root",
            "validity": _validity(start, 20),
            "extensions": [
                {
                    "id": "basic_constraints",
                    "critical": True,
                    "value": {"ca": True, "path-len-constraint": 0},
                },
                _ku("digital_signature", "key_cert_sign", "crl_sign"),
                _crl_dp("root"),
            ],
        },
        "ocsp": {
            "issuer": "interm",
            "validity": _validity(start, 10),
            "extensions": [
                _ku("digital_signature"),
                {"id": "extended_key_usage", "critical": True, "value": ["ocsp_signing"]},
                {"id": "ocsp_no_check"},
            ],
        },
        "tsa": {
            "issuer": "root",
            "validity": _validity(start, 15),
            "extensions": [
                _ku("digital_signature"),
                {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]},
                _crl_dp("root"),
            ],
        },
        "signer": _signer_cert_spec(start, ocsp),
    }
    return {
        "external-url-prefix": base_url,
        "keysets": {ARCH: {"path-prefix": "keys", "keys": keys}},
        "pki-architectures": {
            ARCH: {
                "keyset": ARCH,
                "entity-defaults": {
                    "country-name": "ID",
                    "organization-name": "Berkas ASN Test PKI",
                },
                "entities": dict(_ENTITIES),
                "certs": certs,
                "services": {
                    "ocsp": {
                        "interm": {
                            "for-issuer": "interm",
                            "responder-cert": "ocsp",
                            "signing-key": "ocsp",
                        }
                    },
                    "crl-repo": {
                        "root": {
                            "for-issuer": "root",
                            "signing-key": "root",
                            "simulated-update-schedule": "P1D",
                        },
                        "interm": {
                            "for-issuer": "interm",
                            "signing-key": "interm",
                            "simulated-update-schedule": "P1D",
                        },
                    },
                    "cert-repo": {
                        "root": {"for-issuer": "root", "publish-issued-certs": True},
                        "interm": {"for-issuer": "interm", "publish-issued-certs": True},
                    },
                    "time-stamping": {"tsa": {"signing-key": "tsa", "signing-cert": "tsa"}},
                },
            }
        },
    }


def load_pki(directory: Path | str) -> TestPki:
    directory = Path(directory)
    info = json.loads((directory / INFO_FILE).read_text())
    return TestPki(directory=directory, base_url=info["base_url"], port=info["port"])


def _load_arch(directory: Path):
    _use_key_caching_backend()
    cfg = CertomancerConfig.from_file(str(directory / CONFIG_FILE))
    arch = cfg.get_pki_arch(ArchLabel(ARCH))
    # Certomancer keeps the certificates as freshly built asn1crypto objects,
    # which re-encode themselves on every dump (~20 ms per timestamp token);
    # parsed copies keep their encoding.
    for label in list(arch._cert_specs):
        cert = arch.get_cert(label)
        arch._cert_cache[label] = asn1_x509.Certificate.load(cert.dump())
    return arch


def _dump(directory: Path, arch, labels) -> None:
    certs_dir = directory / "certs"
    certs_dir.mkdir(exist_ok=True)
    for label in labels:
        cert = arch.get_cert(CertLabel(label))
        pem = asn1_pem(cert.dump())
        (certs_dir / f"{label}.cert.pem").write_bytes(pem)


def asn1_pem(der: bytes, kind: str = "CERTIFICATE") -> bytes:
    from asn1crypto import pem

    return pem.armor(kind, der)


def init_pki(
    directory: Path | str,
    *,
    port: int | None = None,
    passphrase: bytes | None = None,
    ocsp: bool = True,
) -> TestPki:
    """Create a test PKI in ``directory`` (made if missing).

    Writes the Certomancer configuration, RSA keys (``keys/``), the
    certificates (``certs/*.cert.pem``: root, interm, signer, tsa, ocsp) and
    the signer's PKCS#12 file ``signer.p12`` protected by a random passphrase
    (in ``signer.passphrase``).  ``port`` is where :func:`serve_pki` will
    listen; by default a currently free one.  With ``ocsp=False`` signer
    certificates name only their CRL, not the OCSP responder (poppler's
    pdfsig cannot check a certificate that names an OCSP responder: it has no
    HTTP client for NSS to fetch with).
    """
    directory = Path(directory)
    (directory / "keys").mkdir(parents=True, exist_ok=True)
    if port is None:
        port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    for label in _ENTITIES:
        _write_rsa_key(directory / "keys" / f"{label}.key.pem")
    start = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=2)
    config = _certomancer_config(base_url, start, ocsp)
    (directory / CONFIG_FILE).write_text(yaml.safe_dump(config, sort_keys=False))
    (directory / INFO_FILE).write_text(
        json.dumps({"base_url": base_url, "port": port, "ocsp": ocsp})
    )
    arch = _load_arch(directory)
    _dump(directory, arch, _ENTITIES)
    if passphrase is None:
        passphrase = os.urandom(12).hex().encode()
    pp_file = directory / SIGNER_PASSPHRASE_FILE
    pp_file.write_bytes(passphrase)
    os.chmod(pp_file, 0o600)
    p12 = arch.package_pkcs12(CertLabel("signer"), password=passphrase)
    (directory / SIGNER_P12).write_bytes(p12)
    os.chmod(directory / SIGNER_P12, 0o600)
    return load_pki(directory)


def issue_signer_certificate(
    directory: Path | str,
    *,
    label: str,
    public_key: asn1_keys.PublicKeyInfo | bytes,
    common_name: str,
) -> asn1_x509.Certificate:
    """Have the test intermediate CA certify a public key whose private half
    lives elsewhere (e.g. generated on a PKCS#11 token).

    The certificate is added to the PKI's configuration, so the OCSP
    responder answers for it (running services pick the change up on their
    next request), and written to ``certs/{label}.cert.pem``.
    """
    directory = Path(directory)
    if isinstance(public_key, bytes):
        public_key = asn1_keys.PublicKeyInfo.load(public_key)
    key_file = directory / "keys" / f"{label}.pub.pem"
    key_file.write_bytes(asn1_pem(public_key.dump(), "PUBLIC KEY"))
    config = yaml.safe_load((directory / CONFIG_FILE).read_text())
    config["keysets"][ARCH]["keys"][label] = {"path": key_file.name, "public-only": True}
    arch_cfg = config["pki-architectures"][ARCH]
    arch_cfg["entities"][label] = {
        "organizational-unit-name": "Badan Kepegawaian Daerah",
        "common-name": common_name,
    }
    start = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=2)
    ocsp = json.loads((directory / INFO_FILE).read_text()).get("ocsp", True)
    spec = _signer_cert_spec(start, ocsp)
    spec["subject-key"] = label
    arch_cfg["certs"][label] = spec
    tmp = directory / (CONFIG_FILE + ".tmp")
    tmp.write_text(yaml.safe_dump(config, sort_keys=False))
    os.replace(tmp, directory / CONFIG_FILE)
    arch = _load_arch(directory)
    _dump(directory, arch, [label])
    return arch.get_cert(CertLabel(label))


def signing_config(directory: Path | str, **overrides) -> SigningConfig:
    """The :class:`SigningConfig` that signs with the test PKI's PKCS#12 signer."""
    pki = load_pki(directory)
    values = dict(
        backend=SignerBackend.PKCS12,
        tsa_url=pki.tsa_url,
        trust_roots=(pki.root_cert,),
        pkcs12=Pkcs12Settings(path=pki.signer_p12, passphrase=pki.signer_passphrase),
        other_certs=(pki.intermediate_cert,),
    )
    values.update(overrides)
    return SigningConfig(**values)


class _ReloadingAnimator:
    """Certomancer's Animator WSGI app, re-reading the configuration when the
    file changes (so certificates issued after start are known to OCSP)."""

    def __init__(self, directory: Path, *, latency_seconds: float = 0.0):
        self.directory = directory
        self.latency_seconds = latency_seconds
        self._mtime = None
        self._app = None
        self._lock = threading.Lock()
        self.request_counts: collections.Counter = collections.Counter()
        self._load()

    def _load(self):
        mtime = (self.directory / CONFIG_FILE).stat().st_mtime_ns
        if mtime != self._mtime:
            arch = _load_arch(self.directory)
            self._app = Animator(
                AnimatorArchStore({ArchLabel(ARCH): arch}), with_web_ui=False
            )
            self._mtime = mtime

    def __call__(self, environ, start_response):
        # /berkas-asn/tsa/tsa -> "tsa", /berkas-asn/ocsp/interm -> "ocsp", ...
        parts = environ.get("PATH_INFO", "").strip("/").split("/")
        with self._lock:
            self._load()
            app = self._app
            self.request_counts[parts[1] if len(parts) > 1 else "other"] += 1
        if self.latency_seconds:
            time.sleep(self.latency_seconds)
        return app(environ, start_response)


class PkiServices:
    """TSA, OCSP responder and CRL/certificate repositories of a test PKI,
    served over HTTP on 127.0.0.1 by waitress in a daemon thread.

    waitress keeps HTTP/1.1 connections alive (werkzeug's development server
    closes every one): the signing session's requests reuse one connection
    instead of a new TCP connection and server thread per timestamp, about a
    millisecond of CPU saved on each side per request."""

    def __init__(self, directory: Path | str, *, latency_seconds: float = 0.0):
        """``latency_seconds``: every answer waits this long first, as a TSA across the network would
        (bench/issuing_bench.py --tsa-latency-ms); 0 on loopback."""
        self.pki = load_pki(directory)
        self.latency_seconds = latency_seconds
        self._server = None
        self._thread = None
        self._app = None
        self.served_elsewhere = False

    @property
    def base_url(self) -> str:
        return self.pki.base_url

    def start(self) -> "PkiServices":
        if self._server is not None:
            return self
        app = self._app = _ReloadingAnimator(self.pki.directory, latency_seconds=self.latency_seconds)
        try:
            self._server = waitress.create_server(
                # a delayed answer holds its thread: enough threads for every request in flight
                app, host="127.0.0.1", port=self.pki.port, threads=32 if self.latency_seconds else 4,
                ident="berkas-test-pki",
            )
        except OSError as e:
            if self._already_served():
                # e.g. Django's autoreloader: the parent process serves it
                self.served_elsewhere = True
                return self
            raise OSError(
                f"cannot listen on 127.0.0.1:{self.pki.port} for the test PKI in "
                f"{self.pki.directory}: {e}.  Stop whatever uses the port, or make "
                "a new PKI with init_pki(directory, port=...)."
            ) from e
        self._thread = threading.Thread(target=self._server.run, name="test-pki-services", daemon=True)
        self._thread.start()
        return self

    @property
    def request_counts(self) -> dict[str, int]:
        """Requests served so far by kind: ``tsa``, ``ocsp``, ``crls``, ``certs``."""
        return dict(self._app.request_counts) if self._app is not None else {}

    def _already_served(self) -> bool:
        """Whether this very PKI already answers on its port (another
        process of the same deployment serves it)."""
        import urllib.request

        from asn1crypto import pem as asn1_pem_mod

        url = f"{self.pki.base_url}/{ARCH}/certs/root/ca.crt"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                served = response.read()
        except OSError:
            return False
        ours = self.pki.root_cert.read_bytes()
        if asn1_pem_mod.detect(ours):
            ours = asn1_pem_mod.unarmor(ours)[2]
        return served == ours

    def stop(self) -> None:
        if self._server is not None:
            # the listening socket, then every kept-alive connection: the loop ends when none is left
            self._server.task_dispatcher.shutdown()
            wasyncore.close_all(self._server._map)
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> "PkiServices":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def serve_pki(directory: Path | str, *, latency_seconds: float = 0.0) -> PkiServices:
    """Start the loopback TSA/OCSP/CRL services of the test PKI; stop them
    with ``.stop()`` or use the result as a context manager."""
    return PkiServices(directory, latency_seconds=latency_seconds).start()


def ensure_pki(directory: Path | str) -> TestPki:
    """The embedded default: make the test PKI on first run, reuse it after."""
    directory = Path(directory)
    if not (directory / INFO_FILE).exists():
        return init_pki(directory)
    return load_pki(directory)


def embedded_default(directory: Path | str) -> tuple[SigningConfig, PkiServices]:
    """Everything the embedded default (``make run``, no services) needs: the
    test PKI in ``directory`` (made on first run), its TSA/OCSP/CRL services
    running on 127.0.0.1, and the :class:`SigningConfig` that uses them.
    Stop the services with ``services.stop()`` at shutdown."""
    ensure_pki(directory)
    services = serve_pki(directory)
    return signing_config(directory), services


def main(argv=None) -> None:
    """``python -m signing.pki init|serve DIRECTORY``"""
    import argparse
    import signal

    parser = argparse.ArgumentParser(prog="python -m signing.pki")
    parser.add_argument("command", choices=["init", "serve"])
    parser.add_argument("directory", type=Path)
    args = parser.parse_args(argv)
    if args.command == "init":
        pki = init_pki(args.directory)
        print(json.dumps({"directory": str(pki.directory), "base_url": pki.base_url}))
        return
    services = serve_pki(args.directory)
    print(json.dumps({"serving": services.base_url}), flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    stop.wait()
    services.stop()


if __name__ == "__main__":
    main()
