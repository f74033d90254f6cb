"""The BSrE back end: PDFs signed by the national e-signature service (Balai Sertifikasi
Elektronik, BSSN) through its e-sign client service HTTP API.

The service holds each official's key and certificate; the official unlocks it with their NIK and
the passphrase they type at signing time.  This module never stores the passphrase: it lives in a
:class:`SignerCredentials` for the length of one call (or one batch) and is sent only to the service.

Request and answer shapes (the "API eSign" of the e-sign client service, as publicly described;
see README "National integration" for what must be checked against the real service):

``POST {url}/api/sign/pdf`` (HTTP Basic auth: the application's account), multipart form:
    ``file`` (the PDF), ``nik``, ``passphrase``, ``tampilan`` (``visible`` | ``invisible``),
    for ``visible``: ``image`` (``false``: a text stamp), ``page``, ``xAxis``, ``yAxis``, ``width``,
    ``height``; and ``reason``, ``location``.
    200: the signed PDF (``application/pdf``), header ``id_dokumen``.
    4xx/5xx: JSON ``{"status_code": <int>, "error": "<text>"}``.

``GET {url}/api/user/status/{nik}``: the certificate of that NIK,
    JSON ``{"status_code": 1111, "status": "ISSUE", "message": ...}`` (``EXPIRED``, ``REVOKED``,
    ``NOT_REGISTERED`` otherwise).

The refusal codes taken as known (each refusal is also recognised by its words, since codes are
what most needs checking against the real service): 2031 wrong passphrase, 2011 NIK not
registered, 2021 certificate expired, 2022 certificate revoked.
"""
from __future__ import annotations

import enum
import time
from dataclasses import dataclass, field

import requests

from .config import BsreSettings, SignatureMeta
from .errors import SigningError

SigningFailed = SigningError


class RefusalReason(str, enum.Enum):
    WRONG_PASSPHRASE = "wrong_passphrase"
    CERTIFICATE_EXPIRED = "certificate_expired"
    CERTIFICATE_REVOKED = "certificate_revoked"
    NOT_REGISTERED = "not_registered"
    REFUSED = "refused"
    """Any other refusal the service words itself."""


class SignatureRefused(SigningFailed):
    """The service would not sign with these credentials: retrying will not help."""

    def __init__(self, reason: RefusalReason, detail: str, status_code: int | None = None):
        super().__init__(f"{reason.value}: {detail}")
        self.reason, self.detail, self.status_code = reason, detail, status_code


class ServiceUnavailable(SigningFailed):
    """The service did not answer (timeouts, network, 5xx) after every retry."""


REFUSAL_CODES = {2031: RefusalReason.WRONG_PASSPHRASE, 2011: RefusalReason.NOT_REGISTERED,
                 2021: RefusalReason.CERTIFICATE_EXPIRED, 2022: RefusalReason.CERTIFICATE_REVOKED}
STATUS_WORDS = {"ISSUE": None, "EXPIRED": RefusalReason.CERTIFICATE_EXPIRED,
                "REVOKED": RefusalReason.CERTIFICATE_REVOKED, "REVOKE": RefusalReason.CERTIFICATE_REVOKED,
                "NOT_REGISTERED": RefusalReason.NOT_REGISTERED}


def refusal_reason(status_code: int | None, text: str) -> RefusalReason:
    """The reason of a refusal, by its code, else by its words (Indonesian or English)."""
    if status_code in REFUSAL_CODES:
        return REFUSAL_CODES[status_code]
    words = text.lower()
    if "passphrase" in words:
        return RefusalReason.WRONG_PASSPHRASE
    if "expired" in words or "kedaluwarsa" in words or "kadaluarsa" in words or "kadaluwarsa" in words:
        return RefusalReason.CERTIFICATE_EXPIRED
    if "revoke" in words or "dicabut" in words:
        return RefusalReason.CERTIFICATE_REVOKED
    if "tidak terdaftar" in words or "not registered" in words:
        return RefusalReason.NOT_REGISTERED
    return RefusalReason.REFUSED


@dataclass(frozen=True)
class SignerCredentials:
    """What the official types at signing time. Never logged, never stored (no repr of the passphrase)."""

    nik: str
    passphrase: str = field(repr=False)


def _page_number(pdf: bytes, page: int) -> int:
    """The service counts pages from 1; SignatureMeta from 0, negative from the end."""
    if page >= 0:
        return page + 1
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    count = int(PdfFileReader(BytesIO(pdf), strict=False).root["/Pages"]["/Count"])
    return count + page + 1


class BsreClient:
    """One HTTP session to the service; timeouts and retries as :class:`BsreSettings` says."""

    def __init__(self, settings: BsreSettings):
        self.settings = settings
        self._http = requests.Session()
        if settings.username:
            self._http.auth = (settings.username, settings.password)
        if settings.ca_bundle:
            self._http.verify = settings.ca_bundle

    def _url(self, path: str) -> str:
        return self.settings.url.rstrip("/") + path

    def _request(self, method: str, path: str, **kwargs) -> requests.Response:
        """Retry what may pass (network, timeout, 5xx); return any other answer as it is."""
        timeout = (self.settings.connect_timeout_seconds, self.settings.read_timeout_seconds)
        attempts = 1 + max(0, self.settings.retries)
        last = ""
        for attempt in range(attempts):
            try:
                response = self._http.request(method, self._url(path), timeout=timeout, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                last = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code < 500:
                    return response
                last = f"HTTP {response.status_code}: {response.text[:200]}"
            if attempt + 1 < attempts:
                time.sleep(self.settings.retry_backoff_seconds * (2 ** attempt))
        raise ServiceUnavailable(f"BSrE at {self.settings.url} did not answer after {attempts} attempt(s): {last}")

    @staticmethod
    def _refusal(response: requests.Response) -> SignatureRefused:
        try:
            body = response.json()
        except ValueError:
            body = {"error": response.text[:500]}
        if not isinstance(body, dict):
            body = {"error": str(body)}
        code = body.get("status_code")
        code = int(code) if isinstance(code, (int, str)) and str(code).isdigit() else None
        detail = str(body.get("error") or body.get("message") or f"HTTP {response.status_code}")
        return SignatureRefused(refusal_reason(code, detail), detail, code)

    def user_status(self, nik: str) -> RefusalReason | None:
        """None when the NIK's certificate may sign now, else why it may not."""
        response = self._request("GET", f"/api/user/status/{nik}")
        if response.status_code != 200:
            raise self._refusal(response)
        body = response.json()
        status = str(body.get("status", "")).upper()
        if status in STATUS_WORDS:
            return STATUS_WORDS[status]
        return refusal_reason(body.get("status_code"), str(body.get("message", "")))

    def sign_pdf(self, pdf: bytes, *, credentials: SignerCredentials, meta: SignatureMeta) -> bytes:
        form = {"nik": credentials.nik, "passphrase": credentials.passphrase,
                "tampilan": self.settings.appearance, "reason": meta.reason, "location": meta.location}
        if self.settings.appearance == "visible":
            x1, y1, x2, y2 = meta.box
            form.update({"image": "false", "page": str(_page_number(pdf, meta.page)), "xAxis": str(x1), "yAxis": str(y1),
                         "width": str(x2 - x1), "height": str(y2 - y1)})
        response = self._request("POST", "/api/sign/pdf", data=form,
                                 files={"file": ("dokumen.pdf", pdf, "application/pdf")})
        if response.status_code == 200 and response.content.startswith(b"%PDF"):
            return response.content
        raise self._refusal(response)

    def close(self) -> None:
        self._http.close()


class BsreSigner:
    """A :class:`signing.signers.DocumentSigner` whose key is at BSrE: it signs whole PDFs
    (``remote_pdf``), so it has no pyHanko ``signer``; :class:`signing.sign.SigningSession` sends
    the PDF here and then adds the validation data and the document timestamp itself."""

    remote_pdf = True

    def __init__(self, settings: BsreSettings):
        self.client = BsreClient(settings)

    @property
    def signer(self):
        raise AttributeError("a BSrE signer signs whole PDFs at the service; it has no local pyHanko signer")

    def check(self, credentials: SignerCredentials) -> None:
        """Refuse now (SignatureRefused) when the NIK's certificate cannot sign: before a number is taken."""
        reason = self.client.user_status(credentials.nik)
        if reason is not None:
            raise SignatureRefused(reason, f"certificate status of NIK {credentials.nik[:4]}…: {reason.value}")

    def sign_pdf(self, pdf: bytes, meta: SignatureMeta, credentials: SignerCredentials | None) -> bytes:
        if credentials is None or not credentials.nik or not credentials.passphrase:
            raise SignatureRefused(RefusalReason.WRONG_PASSPHRASE, "the NIK and the passphrase are required")
        return self.client.sign_pdf(pdf, credentials=credentials, meta=meta)

    def close(self) -> None:
        self.client.close()
