"""A long-lived SigningSession (what a worker keeps) does per document only
what must be per document — two timestamps (signature timestamp, document
timestamp) — and fetches OCSP responses and CRLs once per validation-context
lifetime, over one HTTP session; after the TTL it fetches fresh ones."""

from __future__ import annotations

import dataclasses

from signing.render import render_document
from signing.sign import SigningSession
from signing.validate import Validator

from .conftest import EMPLOYEE, VALID_FIELDS


def _delta(before: dict, after: dict) -> dict:
    return {k: after.get(k, 0) - before.get(k, 0) for k in set(before) | set(after)
            if after.get(k, 0) != before.get(k, 0)}


def test_per_document_requests_are_only_the_two_timestamps(pki_services, signing_config):
    docs = [
        render_document("izin_belajar", number=f"070/{i}/2026", employee=EMPLOYEE,
                        fields=VALID_FIELDS["izin_belajar"], verify_token=f"session-{i:04d}")
        for i in range(4)
    ]
    with SigningSession(signing_config) as session:
        first = session.sign(docs[0].pdf, docs[0].signature_meta(signer_name="A", signer_position="B"))
        before = pki_services.request_counts
        signed = [session.sign(d.pdf, d.signature_meta(signer_name="A", signer_position="B"))
                  for d in docs[1:]]
        steady = _delta(before, pki_services.request_counts)

    assert steady == {"tsa": 2 * 3}, steady  # no OCSP, CRL or certificate fetches
    with Validator([signing_config.trust_roots[0]]) as validator:
        assert all(validator.validate(pdf).authentic for pdf in [first, *signed])


def test_revocation_data_is_fetched_again_after_the_ttl(pki_services, signing_config):
    config = dataclasses.replace(signing_config, validation_context_ttl_seconds=0)
    doc = render_document("izin_belajar", number="070/9/2026", employee=EMPLOYEE,
                          fields=VALID_FIELDS["izin_belajar"], verify_token="session-ttl-1")
    meta = doc.signature_meta(signer_name="A", signer_position="B")
    with SigningSession(config) as session:
        session.sign(doc.pdf, meta)
        before = pki_services.request_counts
        session.sign(doc.pdf, meta)
        delta = _delta(before, pki_services.request_counts)
    # fresh OCSP response, and a fresh dummy timestamp for the TSA certificates
    assert delta.get("ocsp", 0) >= 1 and delta.get("tsa") == 3, delta
