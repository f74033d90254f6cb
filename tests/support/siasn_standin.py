"""A local stand-in for BKN's SI-ASN web service, in the shapes national/siasn_client.py documents:
an OAuth2 client-credentials token endpoint, and data-utama / rw-golongan / rw-jabatan /
rw-pendidikan per NIP served from fixture records (`SiasnStandIn(records)`, records built by
`siasn_fixture`), with bearer tokens checked and expiring.

`stall_after(requests, count, seconds)`: once `requests` data calls have been answered, the next
`count` calls stall for `seconds` (longer than the client's timeout: a timeout mid-pull).
`served` counts the data-utama answers per NIP; `updates` keeps what was pushed.
"""
from __future__ import annotations

import collections
import json
import secrets
import threading
import time

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response


def _dmy(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}-{m}-{y}"


def siasn_fixture(employee, *, unit_name: str, golongan: str, pangkat: str, jabatan: str, pendidikan: str,
                  rank_history=(), position_history=(), education_history=()) -> dict:
    """One employee as SI-ASN serves it. Histories: (pangkat, golongan, tmt ISO, sk) /
    (jabatan, tmt ISO, sk) / (pendidikan, year, ijazah)."""
    return {
        "data-utama": {"id": secrets.token_hex(8), "nipBaru": employee.nip, "nipLama": "", "nama": employee.nama,
                       "gelarDepan": "", "gelarBelakang": "", "tempatLahir": employee.tempat_lahir,
                       "tglLahir": _dmy(employee.tanggal_lahir.isoformat()), "jenisKelamin": "M",
                       "golRuangAkhir": golongan, "pangkatAkhir": pangkat, "jabatanNama": jabatan,
                       "unorNama": unit_name, "unorIndukNama": "Pemerintah Provinsi Jawa Timur",
                       "pendidikanTerakhirNama": pendidikan, "email": employee.email, "noHp": employee.phone,
                       "alamat": employee.alamat, "kedudukanPnsNama": "Aktif"},
        "rw-golongan": [{"id": secrets.token_hex(6), "golongan": g, "pangkat": p, "tmtGolongan": _dmy(tmt),
                         "skNomor": sk, "skTanggal": _dmy(tmt)} for p, g, tmt, sk in rank_history],
        "rw-jabatan": [{"id": secrets.token_hex(6), "namaJabatan": j, "tmtJabatan": _dmy(tmt), "nomorSk": sk,
                        "unorNama": unit_name} for j, tmt, sk in position_history],
        "rw-pendidikan": [{"id": secrets.token_hex(6), "pendidikanNama": e, "tahunLulus": str(year),
                           "nomorIjazah": ij} for e, year, ij in education_history],
    }


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


class SiasnStandIn:
    PREFIX = "/apisiasn/1.0"

    def __init__(self, records: dict[str, dict], *, client_id: str = "berkas-asn", client_secret: str = "rahasia",
                 token_lifetime: int = 3600):
        self.records = records
        self.client_id, self.client_secret, self.token_lifetime = client_id, client_secret, token_lifetime
        self.tokens: dict[str, float] = {}
        self.served = collections.Counter()
        self.calls: list[str] = []
        self.updates: list[dict] = []
        self.tokens_issued = 0
        self._stall_after, self._stall_count, self._stall_seconds = None, 0, 0.0
        self._answered = 0
        self._lock = threading.Lock()
        self._server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}{self.PREFIX}"

    def stall_after(self, requests: int, count: int, seconds: float) -> None:
        with self._lock:
            self._stall_after, self._stall_count, self._stall_seconds = self._answered + requests, count, seconds

    def _json(self, body, status=200) -> Response:
        return Response(json.dumps(body), status=status, content_type="application/json")

    def _app(self, environ, start_response):
        return self._answer(Request(environ))(environ, start_response)

    def _answer(self, request: Request) -> Response:
        path = request.path
        if path == f"{self.PREFIX}/oauth2/token" and request.method == "POST":
            auth = request.authorization
            if auth is None or (auth.username, auth.password) != (self.client_id, self.client_secret):
                return self._json({"error": "invalid_client"}, 401)
            if request.form.get("grant_type") != "client_credentials":
                return self._json({"error": "unsupported_grant_type"}, 400)
            token = secrets.token_urlsafe(24)
            with self._lock:
                self.tokens[token] = time.monotonic() + self.token_lifetime
                self.tokens_issued += 1
            return self._json({"access_token": token, "token_type": "Bearer", "expires_in": self.token_lifetime,
                               "scope": "default"})
        header = request.headers.get("Authorization", "")
        token = header[7:] if header.startswith("Bearer ") else ""
        if self.tokens.get(token, 0) < time.monotonic():
            return self._json({"fault": {"code": 900901, "message": "Invalid Credentials"}}, 401)
        with self._lock:
            stall = (self._stall_after is not None and self._answered >= self._stall_after and self._stall_count > 0)
            if stall:
                self._stall_count -= 1
        if stall:
            time.sleep(self._stall_seconds)
            return self._json({"code": 0, "data": "timeout"}, 504)
        if path == f"{self.PREFIX}/pns/data-utama/update" and request.method == "POST":
            body = request.get_json(silent=True) or {}
            if body.get("nipBaru") not in self.records:
                return self._json({"code": 0, "message": "Data tidak ditemukan"})
            self.updates.append(body)
            return self._json({"code": 1, "message": "Data berhasil diperbarui"})
        parts = path[len(self.PREFIX):].strip("/").split("/")
        if len(parts) == 3 and parts[0] == "pns" and request.method == "GET":
            kind, nip = parts[1], parts[2]
            with self._lock:
                self._answered += 1
                self.calls.append(f"{kind}/{nip}")
            record = self.records.get(nip)
            if record is None or kind not in record:
                return self._json({"code": 0, "data": "Data tidak ditemukan"})
            if kind == "data-utama":
                self.served[nip] += 1
            return self._json({"code": 1, "data": record[kind]})
        return self._json({"code": 0, "data": "Not found"}, 404)

    def start(self) -> "SiasnStandIn":
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True, request_handler=_Quiet)
        self._thread = threading.Thread(target=self._server.serve_forever, name="siasn-stand-in", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> "SiasnStandIn":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
