"""`manage.py backup DIR` then `restore DIR` into an empty database and empty object storage gives
back every row, every stored byte (checksums verified), the intact audit chain and working logins."""
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from archive.models import AuditEvent
from documents.models import Document, DocumentVersion
from issuing.models import IssuedDocument
from people.models import Employee
from archive.services.audit import audit_chain_verify
from documents.services.upload import thumbnail_content, version_content
from issuing.services.issuing import issued_content


@pytest.fixture
def filled(transactional_db, world):
    return world


def test_round_trip(filled, settings, tmp_path):
    world = filled
    settings.BACKUP_PASSPHRASE = "kata-sandi-cadangan-uji"
    before = {
        "employees": Employee.objects.count(), "documents": Document.objects.count(),
        "versions": DocumentVersion.objects.count(), "issued": IssuedDocument.objects.count(),
        "audit": AuditEvent.objects.count(),
    }
    scan = version_content(world.version)
    preview = thumbnail_content(world.version)
    decree = issued_content(world.issued)
    head = audit_chain_verify().last_hash

    call_command("backup", str(tmp_path / "backup"))
    # Nothing in it for other users of the machine; no API token in it.
    assert {oct(p.stat().st_mode & 0o777) for p in (tmp_path / "backup").rglob("*")} <= {"0o600", "0o700"}
    assert "authtoken" not in (tmp_path / "backup" / "database.json").read_text()
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "backup"))  # refuses to load over live data

    call_command("flush", interactive=False, verbosity=0)  # an empty database …
    settings.DATA_DIR = tmp_path / "new-storage"  # … and an empty object store
    settings.DATA_DIR.mkdir()
    assert Employee.objects.count() == 0

    call_command("restore", str(tmp_path / "backup"))

    after = {
        "employees": Employee.objects.count(), "documents": Document.objects.count(),
        "versions": DocumentVersion.objects.count(), "issued": IssuedDocument.objects.count(),
        "audit": AuditEvent.objects.count(),
    }
    assert after == before
    version = DocumentVersion.objects.get(pk=world.version.pk)
    assert version_content(version) == scan
    assert thumbnail_content(version) == preview
    assert issued_content(IssuedDocument.objects.get(pk=world.issued.pk)) == decree
    chain = audit_chain_verify()
    assert chain.first_break is None and chain.last_hash == head
    call_command("verify_integrity")
    assert Client().post("/masuk/", {"username": "pegawai", "password": "Demo-Sandi-2026"}).status_code == 302


def test_damaged_backup_is_refused(filled, tmp_path):
    call_command("backup", str(tmp_path / "b"))
    rows = tmp_path / "b" / "database.json"
    rows.write_text(rows.read_text().replace("Dewi Rahayu", "Dewi Palsu"))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path / "b"))
