"""`manage.py verify_audit_chain` proves the chain intact, and names the first entry a database
owner edited or removed with SQL behind the product's back."""
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from archive.models import AuditEvent
from archive.services.audit import audit_record

pytestmark = pytest.mark.django_db


def _sql_behind_the_products_back(statement: str, params=()):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # As a database superuser would: triggers (ours included) do not fire for this session.
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(statement, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def _chain(users, n=5):
    return [audit_record(actor=users["admin"], action="test.entry", target=f"t{i}", details={"i": i})
            for i in range(n)]


def _verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_audit_chain", stdout=out)
    return out.getvalue()


def test_intact_chain_is_reported_intact(users):
    _chain(users)
    assert "intact" in _verify()


def test_edited_entry_is_named(users):
    events = _chain(users)
    victim = events[2]
    _sql_behind_the_products_back("UPDATE archive_auditevent SET details = %s WHERE id = %s",
                                  ['{"i": 99}', victim.pk])
    with pytest.raises(CommandError) as failure:
        _verify()
    assert f"entry #{victim.pk} " in str(failure.value)
    assert "altered" in str(failure.value)


def test_removed_entry_is_named_by_the_one_after_it(users):
    events = _chain(users)
    _sql_behind_the_products_back("DELETE FROM archive_auditevent WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError) as failure:
        _verify()
    assert f"entry #{events[2].pk} " in str(failure.value)


def test_rehashed_entry_still_breaks_the_link_of_the_next(users):
    """A forger who recomputes the edited entry's own hash still breaks the next entry's link."""
    from archive.services.audit import _entry_hash

    events = _chain(users)
    victim = AuditEvent.objects.get(pk=events[1].pk)
    forged = _entry_hash(victim.previous_hash, at=victim.at.isoformat(), actor_id=victim.actor_id,
                         action=victim.action, target="forged", details=victim.details)
    _sql_behind_the_products_back("UPDATE archive_auditevent SET target = 'forged', entry_hash = %s WHERE id = %s",
                                  [forged, victim.pk])
    with pytest.raises(CommandError) as failure:
        _verify()
    assert f"entry #{events[2].pk} " in str(failure.value)
