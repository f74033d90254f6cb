"""The audit log: append-only, each entry chained to the one before by its hash."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from archive.models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64


def _entry_hash(previous_hash: str, *, at: str, actor_id, action: str, target: str, details: dict) -> str:
    payload = json.dumps(
        {"prev": previous_hash, "at": at, "actor": actor_id, "action": action, "target": target, "details": details},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _take_the_chain() -> None:
    """Wait for our turn to append: an UPDATE of the one head row (a row lock on PostgreSQL, the write
    lock on SQLite), held until the caller's transaction ends. Whoever appended before has then
    committed, so the next statement sees their entry as the newest. (Locking the newest entry itself
    did not serialise: a waiter got that row once its holder committed and chained onto it too.)"""
    if AuditChainHead.objects.filter(pk=1).update(appends=F("appends") + 1):
        return
    try:  # no head yet (a fresh or flushed database)
        with transaction.atomic():
            AuditChainHead.objects.get_or_create(pk=1)
    except IntegrityError:  # made by another appender meanwhile
        pass
    AuditChainHead.objects.filter(pk=1).update(appends=F("appends") + 1)


@dataclass(frozen=True)
class AuditEntry:
    """One entry to append: what was done, to what, with which details."""

    action: str
    target: str = ""
    details: dict | None = None


def audit_record(*, actor, action: str, target: str = "", details: dict | None = None) -> AuditEvent:
    """Append one entry, chained to the newest; one appender at a time, so the chain never forks."""
    return audit_record_many(actor=actor, entries=[AuditEntry(action, target, details)])[0]


def audit_record_many(*, actor, entries: list[AuditEntry]) -> list[AuditEvent]:
    """Append entries by one actor in this order, each chained to the one before, taking the chain
    once (a decree issued and the record change it makes: one turn, not two)."""
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    # Within the caller's transaction, no savepoint of its own: an entry that cannot be written
    # fails the caller's change with it.
    with transaction.atomic(savepoint=False):
        _take_the_chain()
        last = AuditEvent.objects.order_by("-id").only("entry_hash").first()
        previous_hash = last.entry_hash if last else GENESIS_HASH
        events = []
        for entry in entries:
            at = timezone.now()
            # Round-trip the details through JSON so the hash is computed on what the database keeps.
            details = json.loads(json.dumps(entry.details or {}, default=str))
            entry_hash = _entry_hash(previous_hash, at=at.isoformat(), actor_id=actor_id, action=entry.action,
                                     target=entry.target, details=details)
            events.append(AuditEvent(at=at, actor_id=actor_id, action=entry.action, target=entry.target,
                                     details=details, previous_hash=previous_hash, entry_hash=entry_hash))
            previous_hash = entry_hash
        # one INSERT; ids come back in this order (PostgreSQL RETURNING, SQLite too), keeping the chain's order
        return AuditEvent.objects.bulk_create(events)


@dataclass(frozen=True)
class ChainCheck:
    checked: int  # entries read, up to and including the first broken one
    first_break: AuditEvent | None
    reason: str = ""  # why that entry does not hold
    last_hash: str = GENESIS_HASH  # the head of the intact chain (keep it elsewhere to detect truncation)


def audit_chain_verify() -> ChainCheck:
    """Recompute the chain from the first entry: the first entry whose content no longer matches its
    hash (edited), or whose link does not match the entry before it (an entry removed or inserted)."""
    previous_hash, checked = GENESIS_HASH, 0
    for event in AuditEvent.objects.order_by("id").iterator():
        checked += 1
        expected = _entry_hash(
            previous_hash,
            at=event.at.isoformat(),
            actor_id=event.actor_id,
            action=event.action,
            target=event.target,
            details=event.details,
        )
        if event.previous_hash != previous_hash:
            return ChainCheck(checked, event, "its link to the entry before it does not hold "
                                              "(an entry before it was removed, inserted or altered)", previous_hash)
        if event.entry_hash != expected:
            return ChainCheck(checked, event, "its content no longer matches its hash (the entry was altered)",
                              previous_hash)
        previous_hash = event.entry_hash
    return ChainCheck(checked, None, "", previous_hash)


def audit_chain_first_break() -> AuditEvent | None:
    """The first entry whose hash or link does not hold, or None when the chain is intact."""
    return audit_chain_verify().first_break
