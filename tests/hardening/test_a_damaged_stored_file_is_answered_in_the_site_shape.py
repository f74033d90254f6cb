"""A stored file corrupted behind the system's back is answered in the site's shape — the API's
{"detail", "code": "integrity_error"}, a plain message on a page image — never a bare 500, and the
answer never names the storage key (issue 22)."""
import pytest

from documents.models import DocumentVersion

pytestmark = pytest.mark.django_db


def _corrupt(settings, content: bytes) -> None:
    matches = [p for p in settings.DATA_DIR.rglob("*") if p.is_file() and p.read_bytes() == content]
    assert len(matches) == 1
    matches[0].chmod(0o600)
    data = bytearray(content)
    data[len(data) // 2] ^= 0xFF
    matches[0].write_bytes(bytes(data))


@pytest.fixture
def stored(users, upload):
    from tests.support.letters import letter_pdf

    employee = users["pegawai"].profile.employee
    created = upload(users["pegawai"], letter_pdf(title="SURAT KEPUTUSAN", nip=employee.nip, nama=employee.nama),
                     nip=employee.nip)
    return DocumentVersion.objects.get(document_id=created.json()["id"])


def test_a_damaged_thumbnail_is_an_integrity_error_without_the_key(stored, users, api_client_for, settings):
    from documents.services.upload import thumbnail_content

    assert stored.thumbnail_key
    _corrupt(settings, thumbnail_content(stored))
    answer = api_client_for(users["pegawai"]).get(f"/api/v1/documents/{stored.document_id}/thumbnail/")
    assert answer.status_code == 500
    assert answer.json()["code"] == "integrity_error"
    assert stored.thumbnail_key not in answer.content.decode()


def test_a_damaged_original_names_no_key_to_the_employee(stored, users, api_client_for, settings):
    from documents.services.upload import version_content

    _corrupt(settings, version_content(stored))
    answer = api_client_for(users["pegawai"]).get(f"/api/v1/documents/{stored.document_id}/content/")
    assert answer.status_code == 500
    assert answer.json()["code"] == "integrity_error"
    assert stored.object_key not in answer.content.decode()
    assert "administrator" in answer.json()["detail"]


def test_a_damaged_scan_page_is_a_plain_message(stored, users, client, settings):
    from documents.services.upload import version_content

    _corrupt(settings, version_content(stored))
    client.force_login(users["admin"])
    answer = client.get(f"/dokumen/{stored.document_id}/halaman/1/")
    assert answer.status_code == 500
    assert answer["Content-Type"].startswith("text/plain")
    assert stored.object_key not in answer.content.decode()


def test_an_unhandled_error_on_the_api_is_json_in_the_error_shape(rf):
    from archive.views_errors import server_error

    answer = server_error(rf.get("/api/v1/anything/"))
    assert answer.status_code == 500
    assert answer["Content-Type"] == "application/json"
    assert b'"code": "server_error"' in answer.content


def test_an_unhandled_error_on_a_page_is_a_page(rf):
    from archive.views_errors import server_error

    answer = server_error(rf.get("/dokumen/1/"))
    assert answer.status_code == 500 and b"<h1>" in answer.content


def test_a_body_django_refuses_is_a_400_in_the_api_shape(users, api_client_for):
    """A body Django itself refuses before the view (here too many fields, a SuspiciousOperation) is answered
    in the API's error shape, not Django's HTML page (Schemathesis found such an answer)."""
    body = "&".join(f"f{n}=x" for n in range(1500))
    answer = api_client_for(users["admin"]).generic("POST", "/api/v1/data-updates/collective/", body,
                                                    content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/json"
    assert answer.json()["code"] == "bad_request"
