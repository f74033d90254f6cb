"""Signing happens outside database transactions: while the TSA hangs on one decree, another decree
of the same number series is issued; when the TSA then refuses, the hung decree's number is a
recorded gap (void, with the reason) and the next number is a new one, never a duplicate."""
import threading

import pytest
from django.db import connection

from issuing.models import IssueDraft, IssuedDocument, NumberReservation
from people.models import Employee
from issuing.services.drafts import issue_draft_issue
from issuing.services.issuing import issued_document_issue
from signing.sign import SigningError

pytestmark = pytest.mark.django_db(transaction=True)


def _open_transactions() -> list:
    """Other connections to this database idle inside a transaction (what a signing step holding
    a row lock would look like)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid, state, query FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%%'")
        return cursor.fetchall()


def test_hanging_tsa_blocks_nobody_and_its_number_is_voided(demo, users, hanging_tsa):
    if connection.vendor != "postgresql":
        pytest.skip("locks are proven on PostgreSQL")
    first, second, third = Employee.objects.order_by("nip")[:3]
    admin = users["admin"]
    warning = {"alasan": "Tidak masuk kerja tanpa keterangan selama lima hari kerja berturut-turut."}
    # warm: the key loaded, the TSA's certificates and the CRLs fetched
    issued_document_issue(actor=admin, template="teguran_tertulis", employee=third, fields=warning)
    draft = IssueDraft.objects.create(template="teguran_tertulis", employee=first, fields=warning)

    outcome = {}

    def issue_the_draft():
        try:
            outcome["draft"] = issue_draft_issue(actor=admin, draft=draft)
        except Exception as exc:  # reported below
            outcome["error"] = exc
        finally:
            connection.close()

    hanging_tsa.hang_next()
    hung = threading.Thread(target=issue_the_draft)
    hung.start()
    try:
        assert hanging_tsa.holding.wait(timeout=60), "the draft's signing never reached the TSA"
        # the draft's number is reserved (committed), and no connection sits in a transaction
        reserved = NumberReservation.objects.get(purpose=f"draft:{draft.pk}")
        assert reserved.status == NumberReservation.Status.RESERVED
        assert _open_transactions() == []

        # another decree of the same series, on another thread, while the TSA holds the first
        done = {}

        def issue_another():
            try:
                done["issued"] = issued_document_issue(actor=admin, template="teguran_tertulis", employee=second,
                                                       fields=warning)
            except Exception as exc:  # reported below
                done["error"] = exc
            finally:
                connection.close()

        other = threading.Thread(target=issue_another)
        other.start()
        other.join(timeout=120)
        assert "error" not in done, done.get("error")
        assert "issued" in done and not outcome, "the second decree waited for the hung one"
        assert hanging_tsa.holding.is_set() and hung.is_alive()
    finally:
        hanging_tsa.release(refuse=True)  # the TSA is down after all: it refuses the held request
        hung.join(timeout=120)

    assert isinstance(outcome.get("error"), SigningError), outcome
    reserved.refresh_from_db()
    assert reserved.status == NumberReservation.Status.VOID
    assert "signing failed" in reserved.void_reason or "penandatanganan gagal" in reserved.void_reason
    assert reserved.issued_document is None
    assert not IssuedDocument.objects.filter(number=reserved.number).exists()
    draft.refresh_from_db()
    assert draft.status == IssueDraft.Status.DRAFT  # still to be issued

    # issued again with the TSA back: a new number, after the others; the void one is never reused
    issue_draft_issue(actor=admin, draft=draft)
    draft.refresh_from_db()
    numbers = list(IssuedDocument.objects.filter(template="teguran_tertulis").values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 3
    assert reserved.number not in numbers
    assert draft.issued_document.number not in (reserved.number, done["issued"].number)
    sequence = sorted(int(n.split("/")[1]) for n in [*numbers, reserved.number])
    assert sequence == list(range(1, 5))  # every number accounted for: three issued, one void
