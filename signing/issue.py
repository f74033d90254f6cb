"""Issuing: render a template and sign it, the whole way from request to
signed PDF/A-2b (PAdES B-LTA).  A Celery worker keeps one
:class:`DocumentIssuer` for its life."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Mapping

from .config import RenderConfig, SigningConfig
from .render import RenderedDocument, render_document
from .sign import SigningSession
from .signers import DocumentSigner


@dataclass(frozen=True)
class IssuedPdf:
    pdf: bytes
    sha256: str
    template: str
    number: str
    verify_url: str


class DocumentIssuer:
    """Renders and signs documents with one long-lived signing session."""

    def __init__(
        self,
        signing_config: SigningConfig,
        render_config: RenderConfig = RenderConfig(),
        *,
        signer: DocumentSigner | None = None,
    ):
        self.render_config = render_config
        self.session = SigningSession(signing_config, signer=signer)

    def _signer_name(self) -> str:
        lh = self.render_config.letterhead
        if lh.official_person:
            return lh.official_person
        if getattr(self.session.signer, "remote_pdf", False):
            return ""  # a remote key's certificate is known only from what it signs
        cert = self.session.signer.signer.signing_cert
        return cert.subject.native.get("common_name", "")

    def _render_config(self, signed_by: tuple[str, str, str] | None) -> RenderConfig:
        config = self.render_config
        if signed_by:
            config = replace(config, letterhead=replace(config.letterhead, official_person=signed_by[0],
                                                        official_name=signed_by[1], official_nip=signed_by[2]))
        return config

    def render(self, template: str, *, signed_by: tuple[str, str, str] | None = None,
               **request) -> "RenderedDocument":
        """Render one request (``issue``'s keyword arguments): CPU only, no network. ``signed_by``
        (name, position, NIP) names the signing official under the decree."""
        return render_document(template, config=self._render_config(signed_by), **request)

    def _meta(self, rendered, signed_by: tuple[str, str, str] | None = None):
        name, position = signed_by[:2] if signed_by else (self._signer_name(),
                                                           self.render_config.letterhead.official_name)
        return rendered.signature_meta(
            signer_name=name,
            signer_position=position,
            location=self.render_config.letterhead.city,
        )

    def _issued(self, rendered, pdf: bytes) -> IssuedPdf:
        return IssuedPdf(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), template=rendered.template,
                         number=rendered.number, verify_url=rendered.verify_url)

    def sign_rendered(self, rendered, *, signed_by: tuple[str, str, str] | None = None,
                      credentials=None) -> IssuedPdf:
        """Sign a rendered document (``credentials`` unlock a remote key, BSrE, for this one
        signature). Safe from several threads at once: the signatures run on the session's event
        loop, so one thread's wait for the TSA does not stop another's."""
        return self._issued(rendered, self.session.sign(rendered.pdf, self._meta(rendered, signed_by), credentials))

    def submit_rendered(self, rendered, *, signed_by: tuple[str, str, str] | None = None):
        """Start signing a rendered document with the session's own key; a
        ``concurrent.futures.Future`` of its :class:`IssuedPdf` (see :meth:`SigningSession.submit`)."""
        from concurrent.futures import Future

        signed = self.session.submit(rendered.pdf, self._meta(rendered, signed_by))
        issued: Future = Future()

        def done(future):
            try:
                issued.set_result(self._issued(rendered, future.result()))
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on it
                issued.set_exception(exc)

        signed.add_done_callback(done)
        return issued

    def issue(
        self,
        template: str,
        *,
        number: str,
        employee: Mapping[str, Any],
        fields: Mapping[str, Any],
        verify_token: str,
        issued_on: date | None = None,
        signed_by: tuple[str, str, str] | None = None,
        credentials=None,
    ) -> IssuedPdf:
        """Render ``template`` for ``employee`` and sign it.  Raises
        :class:`signing.templates.ValidationError` (bad request) before
        anything is signed, :class:`signing.sign.SigningError` if signing fails
        (:class:`signing.bsre.SignatureRefused` when a remote service refuses the credentials).
        ``signed_by`` (name, position, NIP) names the signing official under the decree and on
        the stamp; ``credentials`` unlock a remote key (BSrE) for this one signature."""
        rendered = self.render(template, number=number, employee=employee, fields=fields,
                               verify_token=verify_token, issued_on=issued_on, signed_by=signed_by)
        return self.sign_rendered(rendered, signed_by=signed_by, credentials=credentials)

    def issue_report(self, report, *, number: str, verify_token: str, issued_on: date | None = None) -> IssuedPdf:
        """Render a :class:`signing.report.Report` (tables, charts) and sign it like any document."""
        from .report import render_report

        rendered = render_report(report, number=number, verify_token=verify_token, issued_on=issued_on,
                                 config=self.render_config)
        meta = rendered.signature_meta(signer_name=self._signer_name(),
                                       signer_position=self.render_config.letterhead.official_name,
                                       location=self.render_config.letterhead.city)
        pdf = self.session.sign(rendered.pdf, meta)
        return IssuedPdf(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), template=rendered.template,
                         number=rendered.number, verify_url=rendered.verify_url)

    def issue_many(self, requests, *, concurrency: int = 4) -> list[IssuedPdf]:
        """Issue a batch: each request is a dict of :meth:`issue`'s keyword
        arguments plus ``template``.  Every document is rendered (and so
        validated) before any is signed; signing overlaps TSA round trips
        (see :meth:`SigningSession.sign_many`)."""
        rendered = []
        for request in requests:
            request = dict(request)
            template = request.pop("template")
            rendered.append(render_document(template, config=self.render_config, **request))
        metas = [
            r.signature_meta(
                signer_name=self._signer_name(),
                signer_position=self.render_config.letterhead.official_name,
                location=self.render_config.letterhead.city,
            )
            for r in rendered
        ]
        pdfs = self.session.sign_many(
            [(r.pdf, m) for r, m in zip(rendered, metas)], concurrency=concurrency
        )
        return [
            IssuedPdf(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), template=r.template,
                      number=r.number, verify_url=r.verify_url)
            for r, pdf in zip(rendered, pdfs)
        ]

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> "DocumentIssuer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
