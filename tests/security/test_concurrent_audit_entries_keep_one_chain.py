"""Entries written at the same time by many requests still form one chain: each links to the entry
before it and no two link to the same one. The newest entry used to be locked as the turnstile; a
waiter then got that same row once its holder committed and chained onto it too (found by
bench/load_bench.py: 838 entries, 166 forks)."""
import threading
import time

import pytest
from django.db import connection, transaction

from archive.models import AuditEvent
from archive.services.audit import audit_chain_verify, audit_record

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 8


def test_concurrent_audit_entries_keep_one_chain():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need a server database; this run uses " + connection.vendor)
    audit_record(actor=None, action="test.start")
    start = threading.Barrier(WRITERS)
    failures = []

    def write(number: int) -> None:
        try:
            start.wait()
            with transaction.atomic():  # like an upload: the entry, then more work before commit
                audit_record(actor=None, action="test.concurrent", target=f"writer:{number}")
                time.sleep(0.05)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    hashes = list(AuditEvent.objects.order_by("id").values_list("previous_hash", flat=True))
    assert len(hashes) == WRITERS + 1 and len(set(hashes)) == len(hashes)  # no entry has two successors
    check = audit_chain_verify()
    assert check.first_break is None, check.reason
