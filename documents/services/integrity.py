"""Integrity on a schedule: every stored object against its checksum, the audit chain, and the
chain against its last checkpoint.

A checkpoint (entries, the newest entry's id and hash) is written after each good check as a new
version of one object in the versioned object store, outside the database, with an RFC 3161 token
from the signing TSA over it: someone who can delete the newest audit rows in PostgreSQL leaves a
chain that still verifies from the start, but its head no longer reaches the checkpoint, and the
check says so; the token proves when the checkpoint's head existed.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.utils import timezone

from archive.models import AuditEvent
from documents.objectstore import object_storage
from archive.selectors import stored_objects
from archive.services.audit import audit_chain_verify
from documents.storage import StorageUnavailable

CHECKPOINT_KEY = "audit/checkpoint"


@dataclass
class ObjectsCheck:
    counts: dict = field(default_factory=lambda: {"ok": 0, "missing": 0, "corrupt": 0, "unreadable": 0})
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def objects_check() -> ObjectsCheck:
    """Recompute every stored object's sha256 (never repairs)."""
    storage = object_storage()
    storage.ping()  # a server that is down is one error, not one per object
    result = ObjectsCheck()
    for label, key, version_id, sha256 in stored_objects():
        try:
            state = storage.check(key, version_id=version_id, sha256=sha256)
        except StorageUnavailable:  # e.g. SeaweedFS refusing to serve a chunk it found rotten
            state = "unreadable"
        result.counts[state] += 1
        if state != "ok":
            result.problems.append(f"{state.upper():8} {label}  key={key} version={version_id}")
    return result


def audit_checkpoint_write() -> dict:
    """Keep the chain's head outside the database (a new version of CHECKPOINT_KEY)."""
    newest = AuditEvent.objects.order_by("-id").values("id", "entry_hash").first() or {"id": 0, "entry_hash": ""}
    checkpoint = {"last_id": newest["id"], "head": newest["entry_hash"],
                  "entries": AuditEvent.objects.count(), "at": timezone.now().isoformat()}
    checkpoint["tsa_token"] = _timestamp(json.dumps(checkpoint, sort_keys=True).encode())
    data = json.dumps(checkpoint, sort_keys=True).encode()
    object_storage().put(CHECKPOINT_KEY, data, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                         content_type="application/json")
    return checkpoint


def _timestamp(payload: bytes) -> str:
    """The TSA's token over the checkpoint (base64), or "" when the TSA cannot be reached (the
    checkpoint still counts; the check says it is not timestamped)."""
    import base64

    from issuing import signing_runtime

    try:
        with signing_runtime.locked():
            return base64.b64encode(signing_runtime.issuer().session.timestamp(payload)).decode()
    except Exception:  # a TSA that is down must not stop the weekly check
        import logging

        logging.getLogger(__name__).warning("audit checkpoint written without a timestamp", exc_info=True)
        return ""


def checkpoint_timestamped_at(checkpoint: dict):
    """When the TSA says the checkpoint existed (None: no token, or one not over this checkpoint)."""
    import base64

    from signing.validate import timestamp_token_time

    token = checkpoint.get("tsa_token")
    if not token:
        return None
    payload = json.dumps({k: v for k, v in checkpoint.items() if k != "tsa_token"}, sort_keys=True).encode()
    return timestamp_token_time(base64.b64decode(token), payload)


def audit_checkpoint_latest() -> dict | None:
    storage = object_storage()
    versions = storage.versions(CHECKPOINT_KEY)
    if not versions:
        return None
    newest = versions[-1]
    return json.loads(storage.get(CHECKPOINT_KEY, version_id=newest.version_id, sha256=newest.sha256))


def audit_chain_check(chain=None) -> str | None:
    """None when the chain holds from the first entry and still reaches the last checkpoint;
    otherwise what is wrong, in words. `chain`: an audit_chain_verify() result already at hand."""
    chain = chain or audit_chain_verify()
    if chain.first_break is not None:
        return f"audit entry {chain.first_break.pk}: {chain.reason}"
    checkpoint = audit_checkpoint_latest()
    if checkpoint and checkpoint["last_id"]:
        kept = AuditEvent.objects.filter(pk=checkpoint["last_id"]).values_list("entry_hash", flat=True).first()
        if kept != checkpoint["head"]:
            return (f"the audit log no longer reaches its checkpoint of {checkpoint['at']} (entry "
                    f"{checkpoint['last_id']}): its newest entries were removed or replaced")
    return None


def integrity_check_and_alert() -> str:
    """The weekly check: objects and audit chain; a new checkpoint when all holds, else administrators
    are told what failed. Returns the outcome in words."""
    from notifications.services.notifications import administrators, notification_send

    problems = []
    try:
        objects = objects_check()
        problems += objects.problems
        summary = f"{objects.total} objects, {objects.counts['ok']} ok"
    except StorageUnavailable as exc:
        problems.append(f"object storage unreachable: {exc}")
        summary = "object storage unreachable"
    chain = audit_chain_check()
    if chain:
        problems.append(chain)
    if problems:
        notification_send(recipients=administrators(), kind="integrity.failed",
                          message="Pemeriksaan integritas mingguan menemukan masalah:\n" + "\n".join(problems[:50]),
                          target="")
        return f"FAILED: {summary}; " + "; ".join(problems[:5])
    audit_checkpoint_write()
    return f"ok: {summary}; audit chain intact, checkpoint written"
