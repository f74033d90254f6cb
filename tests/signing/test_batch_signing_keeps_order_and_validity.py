"""issue_many() renders a batch, signs up to four documents concurrently on
one session, and returns each document in request order, each authentic."""

from signing.validate import Validator

from .conftest import EMPLOYEE, VALID_FIELDS


def test_batch_is_signed_in_order_and_every_document_is_authentic(issuer, test_pki):
    codes = ["kgb", "izin_cuti", "teguran_tertulis", "kgb", "izin_belajar", "kartu_pegawai"]
    requests = [
        dict(template=code, number=f"800/{i}/2026", employee=EMPLOYEE,
             fields=VALID_FIELDS[code], verify_token=f"batch-token-{i:03d}")
        for i, code in enumerate(codes)
    ]
    issued = issuer.issue_many(requests, concurrency=4)

    assert [d.template for d in issued] == codes
    assert [d.number for d in issued] == [r["number"] for r in requests]
    assert all(d.verify_url.endswith(r["verify_token"]) for d, r in zip(issued, requests))
    with Validator([test_pki.root_cert]) as validator:
        for document in issued:
            assert validator.validate(document.pdf).authentic
