"""Backup and restore: the database (Django fixtures) and every stored object, checksummed.

A backup folder holds
    database.json     every row (except sessions, content types, permissions) with its primary key
    audit.jsonl       the audit log, one entry a line, times to the microsecond
    objects/<sha256>  each stored object once, named by its checksum
    manifest.json     the objects (key, version, sha256, size, content type), the sha256 of
                      database.json, the audit chain's head, counts and the time taken

Restore goes into an empty, migrated database: rows are loaded, every object is written back
(checksums verified on the way in), the rows are pointed at the new object versions, the audit
chain is verified and the search index is rebuilt (paperless-ngx #13813: a restore that forgot
to re-index left search out of step).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from archive.models import AuditEvent, DocumentVersion, Employee, IssuedDocument
from archive.objectstore import object_storage
from archive.services.audit import audit_chain_verify

FORMAT = 1
# The audit log goes to its own file: Django's JSON serialiser cuts times to milliseconds, and the
# chain hashes the exact time, so a fixture round trip would break every link.
EXCLUDED_MODELS = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "archive.auditevent"]
AUDIT_FIELDS = ("id", "at", "actor_id", "action", "target", "details", "previous_hash", "entry_hash")


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class BackupReport:
    folder: Path
    objects: int
    bytes: int
    rows_file_sha256: str
    seconds: float


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _stored_objects():
    """(key, version_id, sha256, content_type) of every object the database refers to."""
    for v in DocumentVersion.objects.order_by("pk").iterator():
        yield v.object_key, v.object_version, v.sha256, v.content_type
        if v.thumbnail_key:
            yield v.thumbnail_key, v.thumbnail_version, v.thumbnail_sha256, "image/jpeg"
    for issued in IssuedDocument.objects.order_by("pk").iterator():
        yield issued.object_key, issued.object_version, issued.sha256, "application/pdf"


def _reset_sequence(model) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def backup_create(folder: Path) -> BackupReport:
    started = time.perf_counter()
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty; give a new folder for each backup.")
    (folder / "objects").mkdir(parents=True, exist_ok=True)
    storage = object_storage()
    with transaction.atomic():  # one consistent view of the rows (REPEATABLE READ on PostgreSQL is not needed:
        # objects are immutable and rows only refer to objects written before them)
        rows_path = folder / "database.json"
        # Primary keys are kept (no --natural-primary): the audit chain hashes actor ids.
        call_command("dumpdata", "--natural-foreign", "--indent", "0",
                     *[arg for model in EXCLUDED_MODELS for arg in ("--exclude", model)],
                     output=str(rows_path), verbosity=0)
        audit_path = folder / "audit.jsonl"
        with audit_path.open("w") as out:
            for row in AuditEvent.objects.order_by("id").values(*AUDIT_FIELDS).iterator():
                row["at"] = row["at"].isoformat()
                out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        objects, total = [], 0
        for key, version_id, sha256, content_type in _stored_objects():
            target = folder / "objects" / sha256
            if not target.exists():
                content = storage.get(key, version_id=version_id, sha256=sha256)  # verified on read
                target.write_bytes(content)
                total += len(content)
            objects.append({"key": key, "version": version_id, "sha256": sha256,
                            "size": target.stat().st_size, "content_type": content_type})
        chain = audit_chain_verify()
    manifest = {"format": FORMAT, "created_at": timezone.now().isoformat(), "database_sha256": _sha256_file(rows_path),
                "audit_sha256": _sha256_file(audit_path),
                "objects": objects, "audit_entries": chain.checked, "audit_head": chain.last_hash,
                "audit_intact": chain.first_break is None}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return BackupReport(folder, len(objects), total, manifest["database_sha256"], time.perf_counter() - started)


def backup_restore(folder: Path, *, reindex: bool = True) -> dict:
    folder = Path(folder)
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} has no manifest.json; is it a backup folder?") from None
    rows_path = folder / "database.json"
    audit_path = folder / "audit.jsonl"
    for path, key in ((rows_path, "database_sha256"), (audit_path, "audit_sha256")):
        if _sha256_file(path) != manifest[key]:
            raise BackupError(f"{path.name} does not match its checksum in manifest.json; the backup is damaged.")
    if Employee.objects.exists() or AuditEvent.objects.exists():
        raise BackupError("The database is not empty. Restore into a freshly migrated, empty database.")
    storage = object_storage()
    new_versions: dict[tuple[str, str], str] = {}
    for entry in manifest["objects"]:  # objects first: a row never points at an object not yet there
        if (entry["key"], entry["version"]) in new_versions:
            continue
        path = folder / "objects" / entry["sha256"]
        with path.open("rb") as handle:
            stored = storage.put(entry["key"], handle, sha256=entry["sha256"], size=entry["size"],
                                 content_type=entry["content_type"])
        new_versions[(entry["key"], entry["version"])] = stored.version_id
    with transaction.atomic():
        call_command("loaddata", str(rows_path), verbosity=0)
        with audit_path.open() as lines:
            AuditEvent.objects.bulk_create(
                AuditEvent(**{**row, "at": dt.datetime.fromisoformat(row["at"])})
                for row in map(json.loads, lines))
        _reset_sequence(AuditEvent)
        for v in DocumentVersion.objects.select_for_update(no_key=True):
            changed = {"object_version": new_versions.get((v.object_key, v.object_version), v.object_version)}
            if v.thumbnail_key:
                changed["thumbnail_version"] = new_versions.get((v.thumbnail_key, v.thumbnail_version),
                                                                v.thumbnail_version)
            DocumentVersion.objects.filter(pk=v.pk).update(**changed)
        for issued in IssuedDocument.objects.select_for_update(no_key=True):
            IssuedDocument.objects.filter(pk=issued.pk).update(
                object_version=new_versions.get((issued.object_key, issued.object_version), issued.object_version))
    chain = audit_chain_verify()
    if chain.first_break is not None or chain.last_hash != manifest["audit_head"]:
        raise BackupError(f"The restored audit log does not match the backup (head {chain.last_hash}, "
                          f"expected {manifest['audit_head']}).")
    if reindex:
        try:
            from search.services import reindex_all
        except ImportError:
            pass
        else:
            reindex_all()
    return {"objects": len(new_versions), "audit_entries": chain.checked}
