"""A backup taken while a thread keeps uploading is one consistent snapshot: it restores into a fresh
database and object store with the row counts and object checksums it recorded, and the decree it
holds still verifies `current` with the signing PKI brought back from the (encrypted) backup."""
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from documents.models import DocumentVersion
from issuing.models import IssuedDocument
from people.models import Employee
from archive.services.backup import backup_create, backup_restore
from archive.services.demo import DEMO_PEGAWAI_NIP
from documents.services.upload import document_upload, version_content
from issuing.services.issuing import issued_content, issued_document_issue, verify_pdf
from tests.support.letters import letter_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_during_uploads_restores_identically(demo, users, signing_settings, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the snapshot isolation is PostgreSQL's")
    settings.BACKUP_PASSPHRASE = "kata-sandi-cadangan-uji"
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    decree = issued_document_issue(actor=users["admin"], template="kgb", employee=dewi,
                                   fields={"gaji_baru": 4123400, "tmt": "2026-03-01"})
    stop, uploaded, errors = threading.Event(), [], []

    def keep_uploading():
        try:
            n = 0
            while not stop.is_set() and n < 200:
                n += 1
                pdf = letter_pdf(title=f"SURAT KETERANGAN {n}", nip=dewi.nip, nama=dewi.nama)
                document_upload(uploader=users["pegawai"], employee_nip=dewi.nip, document_type_code="ijazah",
                                stream=io.BytesIO(pdf), filename=f"ijazah-{n}.pdf")
                uploaded.append(n)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    uploader = threading.Thread(target=keep_uploading)
    uploader.start()
    while len(uploaded) < 3 and uploader.is_alive():
        threading.Event().wait(0.05)
    report = backup_create(tmp_path / "backup")
    during = len(uploaded)
    stop.set()
    uploader.join(timeout=120)
    assert not errors, errors
    assert len(uploaded) > during or during >= 3  # the uploads went on around the backup

    import json

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    hashes = {o["sha256"] for o in manifest["objects"]}
    assert report.objects == len(manifest["objects"]) and (tmp_path / "backup" / "pki.tar.enc").exists()

    call_command("flush", interactive=False, verbosity=0)
    settings.DATA_DIR = tmp_path / "fresh"
    settings.DATA_DIR.mkdir()
    settings.SIGNING_PKI_DIR = str(tmp_path / "fresh" / "pki")  # only the backup has the keys now
    restored = backup_restore(tmp_path / "backup", reindex=False)

    assert restored["counts"] == manifest["counts"] and restored["pki"] is True
    assert {v.sha256 for v in DocumentVersion.objects.all()} <= hashes
    for version in DocumentVersion.objects.all():
        assert version_content(version)  # every restored scan reads back against its checksum
    issued = IssuedDocument.objects.get(pk=decree.pk)
    check = verify_pdf(issued_content(issued))
    assert check["status"] == "current" and check["authentic"] is True
