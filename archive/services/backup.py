"""Backup and restore: the database (Django fixtures) and every stored object, checksummed.

A backup folder holds
    database.json     every row (except sessions, content types, permissions) with its primary key
    audit.jsonl       the audit log, one entry a line, times to the microsecond
    objects/<sha256>  each stored object once, named by its checksum
    pki.tar.enc       the embedded default's signing PKI (keys included), encrypted with
                      BACKUP_PASSPHRASE, so a restored system still verifies what it issued
    manifest.json     the objects (key, version, sha256, size, content type), the sha256 of
                      database.json, the audit chain's head, the row counts and the time taken

Rows, audit log and the object list come from ONE snapshot (REPEATABLE READ, READ ONLY on PostgreSQL):
a backup taken while people upload restores without a row pointing at a row the dump missed.
Every file is written 0600 in a 0700 folder; API tokens are not in it (they are re-issued).

Restore goes into an empty, migrated database: rows are loaded, every object is written back
(checksums verified on the way in), the rows are pointed at the new object versions, the audit
chain is verified and the search index is rebuilt (paperless-ngx #13813: a restore that forgot
to re-index left search out of step).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from archive.models import AuditEvent
from documents.models import DocumentVersion
from issuing.models import IssuedDocument
from people.models import Employee
from documents.objectstore import object_storage
from archive.services.audit import audit_chain_verify

FORMAT = 1
# The audit log goes to its own file: Django's JSON serialiser cuts times to milliseconds, and the
# chain hashes the exact time, so a fixture round trip would break every link.
EXCLUDED_MODELS = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "archive.auditevent",
                   "accounts.apitoken"]  # API tokens are never backed up: log in again after a restore
COUNTED = {"employees": Employee, "documents": "archive.Document", "versions": DocumentVersion,
           "issued": IssuedDocument, "audit": AuditEvent}
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


@contextmanager
def _snapshot():
    """One consistent read of the whole database for the backup's duration."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _private(path: Path) -> Path:
    path.chmod(0o700 if path.is_dir() else 0o600)
    return path


def _counts() -> dict:
    from django.apps import apps

    return {name: (apps.get_model(model) if isinstance(model, str) else model).objects.count()
            for name, model in COUNTED.items()}


def backup_create(folder: Path) -> BackupReport:
    started = time.perf_counter()
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty; give a new folder for each backup.")
    old_umask = os.umask(0o077)  # nothing in a backup is for other users of the machine
    try:
        _private(folder.mkdir(parents=True, exist_ok=True) or folder)
        _private((folder / "objects").mkdir(exist_ok=True) or folder / "objects")
        storage = object_storage()
        with _snapshot():
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
            counts = _counts()
        pki = _pki_archive(folder)
        manifest = {"format": FORMAT, "created_at": timezone.now().isoformat(),
                    "database_sha256": _sha256_file(rows_path), "audit_sha256": _sha256_file(audit_path),
                    "objects": objects, "audit_entries": chain.checked, "audit_head": chain.last_hash,
                    "audit_intact": chain.first_break is None, "counts": counts,
                    "pki_sha256": _sha256_file(pki) if pki else None}
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1))
    finally:
        os.umask(old_umask)
    return BackupReport(folder, len(objects), total, manifest["database_sha256"], time.perf_counter() - started)


def backup_passphrase() -> str:
    """BACKUP_PASSPHRASE, or on the embedded default one made once and kept in DATA_DIR (0600), never
    in the backup itself: keep a copy of it elsewhere."""
    import secrets

    from django.conf import settings

    if settings.BACKUP_PASSPHRASE:
        return settings.BACKUP_PASSPHRASE
    kept = Path(settings.DATA_DIR) / "backup-passphrase.txt"
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.touch(mode=0o600)
        kept.write_text(secrets.token_urlsafe(24))
    return kept.read_text().strip()


def _fernet():
    """The backup key from the passphrase (PBKDF2-SHA256, 390,000 rounds)."""
    import base64

    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=b"berkas-asn-backup", iterations=390_000)
    return Fernet(base64.urlsafe_b64encode(kdf.derive(backup_passphrase().encode())))


def _pki_archive(folder: Path) -> Path | None:
    """The embedded default's test PKI (its keys sign every decree), tarred and encrypted."""
    import io
    import tarfile

    from django.conf import settings

    from issuing.signing_runtime import pki_dir

    source = pki_dir()
    if settings.DOCUMENT_SIGNER_BACKEND != "test-pki" or not source.exists():
        return None  # production keys live in their PKCS#11 token or PKCS#12 file, backed up with them
    fernet = _fernet()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        tar.add(source, arcname="pki")
    target = folder / "pki.tar.enc"
    target.write_bytes(fernet.encrypt(buffer.getvalue()))
    return _private(target)


def _pki_restore(folder: Path, manifest: dict) -> bool:
    import io
    import tarfile

    from issuing.signing_runtime import pki_dir

    archive, target = folder / "pki.tar.enc", pki_dir()
    if not manifest.get("pki_sha256") or not archive.exists():
        return False
    if _sha256_file(archive) != manifest["pki_sha256"]:
        raise BackupError("pki.tar.enc does not match its checksum in manifest.json; the backup is damaged.")
    from cryptography.fernet import InvalidToken

    try:
        data = _fernet().decrypt(archive.read_bytes())
    except InvalidToken:
        raise BackupError("The passphrase (BACKUP_PASSPHRASE) does not open this backup's keys; set the one "
                          "the backup was made with.") from None
    if target.exists() and any(target.iterdir()):
        return False  # keep the PKI this installation already has
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        tar.extractall(target.parent, filter="data")
    from issuing import signing_runtime

    signing_runtime.reset()
    return True


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
    pki_restored = _pki_restore(folder, manifest)
    # A freshly migrated database holds the seeded catalogues (document types, services); the backup
    # has them too, with their own keys and any administrator's edits, so they give way to it.
    call_command("flush", interactive=False, verbosity=0)
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
    counts = _counts()
    if manifest.get("counts") and counts != manifest["counts"]:
        raise BackupError(f"The restored rows do not match the backup: {counts} against {manifest['counts']}.")
    return {"objects": len(new_versions), "audit_entries": chain.checked, "counts": counts,
            "pki": pki_restored}


# --- Scheduled backups: rotation and a test restore ------------------------------------------

def backup_scheduled(*, root: Path, now=None) -> dict:
    """The daily duty: a new backup under `root`, older ones rotated (BACKUP_KEEP_DAILY/WEEKLY/MONTHLY),
    then a test restore into a scratch database; the outcome is kept in ScheduledRun for monitoring."""
    from django.conf import settings

    now = now or timezone.localtime()
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    folder = root / now.strftime("%Y%m%d-%H%M%S")
    report = backup_create(folder)
    removed = backup_rotate(root, daily=settings.BACKUP_KEEP_DAILY, weekly=settings.BACKUP_KEEP_WEEKLY,
                            monthly=settings.BACKUP_KEEP_MONTHLY)
    check = backup_test_restore(folder)
    offsite = backup_copy_offsite(folder) if settings.BACKUP_S3_ENDPOINT else None
    return {"folder": str(folder), "objects": report.objects, "removed": removed, "test_restore": check,
            "offsite": offsite}


def backup_copy_offsite(folder: Path) -> dict:
    """Copy a finished backup to the second S3 target (the Pergub's backup server): each file under
    `<folder name>/`, checksummed on the way in, in a versioned bucket. Old copies are removed there by
    the bucket's own lifecycle rules, not by us (a thief of this host cannot wipe them)."""
    from django.conf import settings

    from documents.storage import storage_from_config

    target = storage_from_config(s3_endpoint=settings.BACKUP_S3_ENDPOINT, s3_access_key=settings.BACKUP_S3_ACCESS_KEY,
                                 s3_secret_key=settings.BACKUP_S3_SECRET_KEY, s3_bucket=settings.BACKUP_S3_BUCKET,
                                 s3_secure=settings.BACKUP_S3_SECURE)
    copied, size = 0, 0
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        key = f"{Path(folder).name}/{path.relative_to(folder).as_posix()}"
        with path.open("rb") as handle:
            target.put(key, handle, sha256=_sha256_file(path), size=path.stat().st_size,
                       content_type="application/octet-stream")
        copied, size = copied + 1, size + path.stat().st_size
    return {"files": copied, "bytes": size, "bucket": settings.BACKUP_S3_BUCKET}


def backup_rotate(root: Path, *, daily: int, weekly: int, monthly: int) -> list[str]:
    """Keep the newest `daily` backups, the newest of each of the last `weekly` ISO weeks and of the
    last `monthly` months; remove the rest (only folders that are finished backups)."""
    import shutil

    folders = sorted((p for p in Path(root).iterdir() if (p / "manifest.json").exists()), reverse=True)
    keep = set(folders[:daily])
    for width, count in ((lambda p: dt.datetime.strptime(p.name[:8], "%Y%m%d").isocalendar()[:2], weekly),
                         (lambda p: p.name[:6], monthly)):
        seen = []
        for folder in folders:
            period = width(folder)
            if period not in seen:
                seen.append(period)
                if len(seen) <= count:
                    keep.add(folder)
    removed = [p for p in folders if p not in keep]
    for folder in removed:
        shutil.rmtree(folder)
    return [p.name for p in removed]


def backup_test_restore(folder: Path) -> dict:
    """Restore `folder` into a scratch database and object folder in a separate process (as an operator
    would), and compare its counts with the manifest. PostgreSQL: a scratch database on the same server;
    SQLite: a scratch file. Returns {ok, detail}."""
    import subprocess
    import sys
    import tempfile

    from django.conf import settings

    manifest = json.loads((Path(folder) / "manifest.json").read_text())
    with tempfile.TemporaryDirectory(prefix="restore-check-") as scratch:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "CELERY_BROKER", "ELASTICSEARCH"))}
        env.update(DATA_DIR=scratch, BACKUP_PASSPHRASE=backup_passphrase(), SIGNING_PKI_DIR=f"{scratch}/pki",
                   DJANGO_SETTINGS_MODULE="config.settings")
        database = settings.DATABASES["default"]
        scratch_db = None
        if connection.vendor == "postgresql":
            scratch_db = f"{database['NAME']}_restore_check"[:63]
            _scratch_database(scratch_db, create=True)
            user = database.get("USER") or "postgres"
            env["DATABASE_URL"] = (f"postgres://{user}:{database.get('PASSWORD') or ''}@{database.get('HOST') or '127.0.0.1'}:"
                                   f"{database.get('PORT') or 5432}/{scratch_db}")
        else:
            env["DATABASE_URL"] = f"sqlite:///{scratch}/restore-check.sqlite3"
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        try:
            for step in (["migrate", "--noinput"], ["restore", str(folder), "--no-reindex"]):
                done = subprocess.run([sys.executable, manage, *step], env=env, capture_output=True, text=True,
                                      timeout=3600)
                if done.returncode != 0:
                    return {"ok": False, "detail": f"{step[0]} failed: {(done.stderr or done.stdout)[-500:]}"}
        finally:
            if scratch_db:
                _scratch_database(scratch_db, create=False)
    return {"ok": True, "detail": f"restored {len(manifest['objects'])} objects, counts {manifest.get('counts')}"}


def _scratch_database(name: str, *, create: bool) -> None:
    from psycopg import sql

    with connection.cursor() as cursor:  # CREATE/DROP DATABASE cannot run inside a transaction block
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if create:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
