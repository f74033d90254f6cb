"""verify_integrity recomputes every stored object's sha256; corruption behind the
system's back is caught, and reading the corrupt object is refused."""
import pytest
from django.core.management import CommandError, call_command

from documents.models import DocumentVersion
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def _stored_file(settings, version):
    """The local back end keeps each version as a file somewhere under DATA_DIR."""
    matches = [p for p in settings.DATA_DIR.rglob("*") if p.is_file() and p.read_bytes() == version_bytes(version)]
    assert len(matches) == 1
    return matches[0]


def version_bytes(version):
    from documents.services.upload import version_content

    return version_content(version)


def test_flipped_byte_is_reported_and_refused(users, upload, corpus, settings, capsys, api_client_for):
    content = (corpus / "scans-dev" / "scan_000.jpg").read_bytes()
    response = upload(users["admin"], content, nip=DEMO_PEGAWAI_NIP, document_type="ktp")
    version = DocumentVersion.objects.get(document_id=response.json()["id"])
    call_command("verify_integrity")
    assert "0 missing, 0 corrupt, 0 unreadable" in capsys.readouterr().out

    path = _stored_file(settings, version)
    path.chmod(0o600)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))

    with pytest.raises(CommandError):
        call_command("verify_integrity")
    out = capsys.readouterr().out
    assert "CORRUPT" in out and f"document {version.document_id} v1" in out and "1 corrupt" in out

    download = api_client_for(users["admin"]).get(f"/api/v1/documents/{version.document_id}/content/")
    assert download.status_code == 500
    assert download.json()["code"] == "integrity_error"
