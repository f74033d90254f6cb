"""A client of BKN's SI-ASN web service (no Django): OAuth2 client credentials, a request rate
limit, timeouts and retries.

Shapes taken from SI-ASN's public API description (apimws.bkn.go.id, "apisiasn/1.0"); see README
"National integration" for what must be checked against the real service:

    POST {token_url}  grant_type=client_credentials, HTTP Basic (client id, secret)
         -> {"access_token", "token_type": "Bearer", "expires_in"}
    GET  {url}/pns/data-utama/{nip}      -> {"code": 1, "data": {nipBaru, nama, golRuangAkhir, pangkatAkhir,
                                              jabatanNama, unorNama, pendidikanTerakhirNama, ...}}
    GET  {url}/pns/rw-golongan/{nip}     -> {"code": 1, "data": [{golongan, pangkat, tmtGolongan, skNomor}, ...]}
    GET  {url}/pns/rw-jabatan/{nip}      -> {"code": 1, "data": [{namaJabatan, tmtJabatan, nomorSk}, ...]}
    GET  {url}/pns/rw-pendidikan/{nip}   -> {"code": 1, "data": [{pendidikanNama, tahunLulus, nomorIjazah}, ...]}
    POST {url}/pns/data-utama/update     {"nipBaru", <field>: <value>} -> {"code": 1, "message"}
    An unknown NIP: {"code": 0, "data": "Data tidak ditemukan"} (or HTTP 404). Dates are dd-mm-yyyy.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import requests


class SiasnError(Exception):
    """SI-ASN answered something this client cannot use."""


class SiasnUnavailable(SiasnError):
    """No answer (timeouts, network, 429/5xx) after every retry: the pull can resume later."""


@dataclass(frozen=True)
class SiasnSettings:
    url: str
    client_id: str
    client_secret: str
    token_url: str = ""
    """Default ``{url}/oauth2/token``."""
    timeout_seconds: float = 20.0
    retries: int = 2
    retry_backoff_seconds: float = 0.5
    requests_per_second: float = 5.0


# Fields SI-ASN's update call accepts, by our Employee field name (the rest: not through the API).
PUSHABLE_FIELDS = {"email": "email", "phone": "noHp", "alamat": "alamat"}


class SiasnClient:
    def __init__(self, settings: SiasnSettings):
        self.settings = settings
        self._http = requests.Session()
        self._token = ""
        self._token_expires = 0.0
        self._next_request = 0.0
        self._lock = threading.Lock()
        self.requests_made = 0

    # -- plumbing ------------------------------------------------------------------------------
    def _wait_for_rate(self) -> None:
        """At most `requests_per_second`: each request waits for its slot."""
        if self.settings.requests_per_second <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_request)
            self._next_request = slot + 1.0 / self.settings.requests_per_second
        if slot > now:
            time.sleep(slot - now)

    def _send(self, method: str, url: str, **kwargs) -> requests.Response:
        attempts = 1 + max(0, self.settings.retries)
        last = ""
        for attempt in range(attempts):
            self._wait_for_rate()
            self.requests_made += 1
            try:
                response = self._http.request(method, url, timeout=self.settings.timeout_seconds, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                last = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code != 429 and response.status_code < 500:
                    return response
                last = f"HTTP {response.status_code}"
            if attempt + 1 < attempts:
                time.sleep(self.settings.retry_backoff_seconds * (2 ** attempt))
        raise SiasnUnavailable(f"SI-ASN did not answer after {attempts} attempt(s): {last}")

    def token(self) -> str:
        """A bearer token from the client-credentials grant, kept until shortly before it expires."""
        if self._token and time.monotonic() < self._token_expires:
            return self._token
        token_url = self.settings.token_url or f"{self.settings.url.rstrip('/')}/oauth2/token"
        response = self._send("POST", token_url, data={"grant_type": "client_credentials"},
                              auth=(self.settings.client_id, self.settings.client_secret))
        if response.status_code != 200:
            raise SiasnError(f"SI-ASN refused the client credentials: HTTP {response.status_code} {response.text[:200]}")
        body = response.json()
        self._token = body["access_token"]
        self._token_expires = time.monotonic() + max(0.0, float(body.get("expires_in", 3600)) - 30)
        return self._token

    def _call(self, method: str, path: str, **kwargs):
        url = f"{self.settings.url.rstrip('/')}{path}"
        for renewed in (False, True):
            response = self._send(method, url, headers={"Authorization": f"Bearer {self.token()}",
                                                        "Accept": "application/json"}, **kwargs)
            if response.status_code == 401 and not renewed:
                self._token = ""  # expired early or revoked: one new token, once
                continue
            break
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise SiasnError(f"SI-ASN answered HTTP {response.status_code} to {path}: {response.text[:200]}")
        body = response.json()
        if str(body.get("code")) != "1":
            return None  # "Data tidak ditemukan"
        return body.get("data")

    # -- the calls -----------------------------------------------------------------------------
    def employee(self, nip: str) -> dict | None:
        return self._call("GET", f"/pns/data-utama/{nip}")

    def history(self, nip: str, kind: str) -> list[dict]:
        """kind: golongan, jabatan, pendidikan."""
        data = self._call("GET", f"/pns/rw-{kind}/{nip}")
        return data if isinstance(data, list) else []

    def update_employee(self, nip: str, values: dict) -> dict:
        """Send approved values (SI-ASN's field names); SI-ASN's answer."""
        url = f"{self.settings.url.rstrip('/')}/pns/data-utama/update"
        response = self._send("POST", url, json={"nipBaru": nip, **values},
                              headers={"Authorization": f"Bearer {self.token()}"})
        try:
            body = response.json()
        except ValueError:
            body = {"code": 0, "message": response.text[:500]}
        return {"http": response.status_code, **body}

    def close(self) -> None:
        self._http.close()
