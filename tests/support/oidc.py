"""A real OpenID Connect provider on loopback for the single sign-on tests: the npm package
oidc-provider (tests/support/oidc_provider/, installed with `npm ci` by `make test` or here),
run by node. Without node the tests skip, or fail with REQUIRE_SERVICES=1."""
from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.support.services import service_missing
from tests.support.smtp import free_port

FOLDER = Path(__file__).resolve().parent / "oidc_provider"
CLIENT_ID, CLIENT_SECRET = "berkas-asn", "rahasia-klien-uji-sso"
REDIRECT_URI = "http://testserver/masuk/sso/kembali/"


@dataclass
class OidcProvider:
    issuer: str
    client_id: str
    client_secret: str
    process: subprocess.Popen


def npm_ci() -> None:
    """Install the provider's pinned packages (package-lock.json) when they are not there yet."""
    if (FOLDER / "node_modules" / "oidc-provider" / "package.json").exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        service_missing("npm is not installed (needed to install the test OpenID Connect provider)")
    result = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=FOLDER, capture_output=True, text=True,
                            timeout=600)
    if result.returncode != 0:
        service_missing(f"`npm ci` for the test OpenID Connect provider failed: {result.stderr[-2000:]}")


def start_provider(log_path: Path) -> OidcProvider:
    node = shutil.which("node")
    if node is None:
        service_missing("node is not installed (needed for the test OpenID Connect provider)")
    npm_ci()
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    log = log_path.open("w")
    process = subprocess.Popen([node, "provider.mjs", str(port), CLIENT_ID, CLIENT_SECRET, REDIRECT_URI],
                               cwd=FOLDER, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            service_missing(f"the test OpenID Connect provider exited: {log_path.read_text()[-2000:]}")
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                return OidcProvider(issuer, CLIENT_ID, CLIENT_SECRET, process)
        except requests.RequestException:
            time.sleep(0.2)
    process.kill()
    service_missing(f"the test OpenID Connect provider did not answer: {log_path.read_text()[-2000:]}")
