"""A local stand-in for BSrE's e-sign client service: the request and answer shapes of
signing/bsre.py (the publicly described "API eSign"), doing the real work: it signs with a key
certified by the test PKI (pyHanko, PAdES with a signature timestamp from the test TSA), so pyHanko,
poppler's pdfsig and the product's verify all check what it returns.

    with BsreStandIn(pki_dir, username="app", password="secret") as bsre:
        bsre.add_user(nik="3578...", passphrase="rahasia", name="Dr. Ahmad", status="ISSUE")
        settings.BSRE_URL = bsre.url

Refusals answer JSON {"status_code", "error"} with HTTP 400 (wrong passphrase 2031, not registered
2011, expired 2021, revoked 2022); `fail_next(n)` makes the next n requests answer 503, `hang_next(n,
seconds)` makes them stall (the client's timeouts and retries). `requests` lists what was asked
(passphrases left out).
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from asn1crypto import keys as asn1_keys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.requests_client import HTTPTimeStamper
from pyhanko.stamp import TextStampStyle
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from signing import pki


@dataclass
class _User:
    nik: str
    passphrase: str
    status: str
    signer: signers.SimpleSigner
    certificate: object


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


class BsreStandIn:
    def __init__(self, pki_dir: Path | str, *, username: str = "berkas", password: str = "rahasia-aplikasi"):
        self.pki_dir = Path(pki_dir)
        self.pki = pki.load_pki(self.pki_dir)
        self.username, self.password = username, password
        self.users: dict[str, _User] = {}
        self.requests: list[dict] = []
        self._fail, self._hang, self._hang_seconds = 0, 0, 0.0
        self._lock = threading.Lock()
        self._server = None
        self._thread = None

    # -- set-up ---------------------------------------------------------------------------------
    def add_user(self, *, nik: str, passphrase: str, name: str, status: str = "ISSUE") -> _User:
        """An official registered at the service: a fresh RSA key certified by the test PKI's CA."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public = key.public_key().public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
        cert = pki.issue_signer_certificate(self.pki_dir, label=f"bsre-{nik}", public_key=public, common_name=name)
        private = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        from signing.signers import load_certificates

        registry = SimpleCertificateStore.from_certs(load_certificates([self.pki.intermediate_cert]))
        signer = signers.SimpleSigner(signing_cert=cert, signing_key=private, cert_registry=registry)
        user = self.users[nik] = _User(nik=nik, passphrase=passphrase, status=status, signer=signer,
                                       certificate=cert)
        return user

    def fail_next(self, count: int) -> None:
        with self._lock:
            self._fail = count

    def hang_next(self, count: int, seconds: float) -> None:
        with self._lock:
            self._hang, self._hang_seconds = count, seconds

    def signed_count(self) -> int:
        return sum(1 for r in self.requests if r["path"] == "/api/sign/pdf" and r["answer"] == 200)

    # -- the service ----------------------------------------------------------------------------
    def _refuse(self, code: int, text: str, http: int = 400) -> Response:
        return Response(json.dumps({"status_code": code, "error": text}), status=http,
                        content_type="application/json")

    def _app(self, environ, start_response):
        request = Request(environ)
        response = self._answer(request)
        self.requests.append({"path": request.path, "nik": request.form.get("nik", ""),
                              "tampilan": request.form.get("tampilan", ""), "answer": response.status_code})
        return response(environ, start_response)

    def _answer(self, request: Request) -> Response:
        with self._lock:
            hang = self._hang > 0
            fail = not hang and self._fail > 0
            if hang:
                self._hang -= 1
            if fail:
                self._fail -= 1
        if hang:
            time.sleep(self._hang_seconds)
        if fail:
            return Response("Service Unavailable", status=503)
        auth = request.authorization
        if auth is None or (auth.username, auth.password) != (self.username, self.password):
            return self._refuse(401, "Unauthorized", http=401)
        if request.method == "GET" and request.path.startswith("/api/user/status/"):
            user = self.users.get(request.path.rsplit("/", 1)[-1])
            if user is None:
                return Response(json.dumps({"status_code": 1110, "status": "NOT_REGISTERED",
                                            "message": "User tidak terdaftar"}), content_type="application/json")
            return Response(json.dumps({"status_code": 1111 if user.status == "ISSUE" else 1112,
                                        "status": user.status, "message": f"Sertifikat: {user.status}"}),
                            content_type="application/json")
        if request.method == "POST" and request.path == "/api/sign/pdf":
            return self._sign(request)
        return self._refuse(404, "Not found", http=404)

    def _sign(self, request: Request) -> Response:
        form, upload = request.form, request.files.get("file")
        if upload is None or not form.get("nik"):
            return self._refuse(2001, "Parameter file dan nik wajib diisi")
        user = self.users.get(form["nik"])
        if user is None:
            return self._refuse(2011, "Proses signing gagal : User tidak terdaftar")
        if user.status == "EXPIRED":
            return self._refuse(2021, "Proses signing gagal : Sertifikat user telah expired")
        if user.status == "REVOKED":
            return self._refuse(2022, "Proses signing gagal : Sertifikat user telah direvoke")
        if form.get("passphrase") != user.passphrase:
            return self._refuse(2031, "Proses signing gagal : Passphrase anda salah")
        pdf = upload.read()
        visible = form.get("tampilan") == "visible"
        field_spec = None
        if visible:
            x, y = float(form.get("xAxis", 0)), float(form.get("yAxis", 0))
            w, h = float(form.get("width", 200)), float(form.get("height", 60))
            field_spec = fields.SigFieldSpec(sig_field_name="BSrE", on_page=int(form.get("page", 1)) - 1,
                                             box=(x, y, x + w, y + h))
        meta = signers.PdfSignatureMetadata(field_name="BSrE", reason=form.get("reason") or None,
                                            location=form.get("location") or None,
                                            subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256")
        pdf_signer = signers.PdfSigner(
            meta, signer=user.signer, timestamper=HTTPTimeStamper(self.pki.tsa_url),
            stamp_style=TextStampStyle(stamp_text="Ditandatangani secara elektronik oleh\n%(signer)s\nBSrE",
                                       border_width=1, background=None) if visible else None,
            new_field_spec=field_spec)
        out = BytesIO()
        pdf_signer.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf), strict=False), output=out,
                            appearance_text_params=None)
        document_id = f"bsre-{len(self.requests) + 1}"
        return Response(out.getvalue(), content_type="application/pdf", headers={"id_dokumen": document_id})

    # -- life -----------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def start(self) -> "BsreStandIn":
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True, request_handler=_Quiet)
        self._thread = threading.Thread(target=self._server.serve_forever, name="bsre-stand-in", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> "BsreStandIn":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
