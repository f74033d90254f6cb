"""Uploads over UPLOAD_MAX_BYTES answer 413 and store nothing."""
import pytest

from documents.models import DocumentVersion
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_file_over_the_limit_gets_413(users, upload, settings):
    settings.UPLOAD_MAX_BYTES = 100 * 1024
    content = b"%PDF-1.4\n" + b"0" * (200 * 1024)
    response = upload(users["pegawai"], content, nip=DEMO_PEGAWAI_NIP)
    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"
    assert not DocumentVersion.objects.exists()


def test_file_just_over_the_limit_inside_the_envelope_gets_413(users, upload, settings):
    settings.UPLOAD_MAX_BYTES = 100 * 1024
    content = b"%PDF-1.4\n" + b"0" * (100 * 1024)  # passes the Content-Length pre-check, caught while hashing
    response = upload(users["pegawai"], content, nip=DEMO_PEGAWAI_NIP)
    assert response.status_code == 413
    assert not DocumentVersion.objects.exists()
