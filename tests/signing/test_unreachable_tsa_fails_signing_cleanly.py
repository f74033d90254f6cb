"""When the TSA cannot be reached, signing raises SigningError (a Celery task
can retry it) instead of producing a document without its timestamp."""

import dataclasses

import pytest

from signing import pki
from signing.render import render_document
from signing.sign import SigningError, SigningSession

from .conftest import EMPLOYEE, VALID_FIELDS


def test_unreachable_tsa_raises_signing_error(signing_config):
    dead = f"http://127.0.0.1:{pki.free_port()}/tsa"
    config = dataclasses.replace(signing_config, tsa_url=dead, http_timeout_seconds=3)
    doc = render_document("kgb", number="1/2026", employee=EMPLOYEE,
                          fields=VALID_FIELDS["kgb"], verify_token="dead-tsa-0001")
    with SigningSession(config) as session, pytest.raises(SigningError):
        session.sign(doc.pdf, doc.signature_meta(signer_name="A", signer_position="B"))
