"""Berkas Saya: the employee sees their file by document type — missing, being checked, verified,
needs rescan with the reason — the versions of each document, their issued documents with a
download link, and their service requests with where each stands."""
import io

import pytest

from tests.security.conftest import tiny_png

pytestmark = pytest.mark.django_db


def _upload(user, nip, code, seed):
    from documents.services.upload import document_upload

    return document_upload(uploader=user, employee_nip=nip, document_type_code=code,
                           stream=io.BytesIO(tiny_png(seed)), filename=f"{code}-{seed}.png")


def _set_status(result, status, **fields):
    from documents.models import Document, DocumentVersion

    DocumentVersion.objects.filter(pk=result.version.pk).update(status=status, **fields)
    Document.objects.filter(pk=result.document.pk).update(status=status)


def test_checklist_states_reasons_versions_and_requests(users, client):
    from desk.models import Service
    from people.models import Employee
    from archive.services.demo import DEMO_PEGAWAI_NIP
    from desk.services.requests import service_request_create
    from ocr.result import Reason

    pegawai = users["pegawai"]
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    verified = _upload(pegawai, employee.nip, "sk_cpns", 1)
    _set_status(verified, "verified")
    blurry = _upload(pegawai, employee.nip, "ktp", 2)
    _set_status(blurry, "needs_rescan", legibility={"legible": False, "score": 20,
                                                    "reasons": [Reason.make("blurry", 1).to_dict()]})
    _upload(pegawai, employee.nip, "npwp", 3)  # still being checked
    second = _upload(pegawai, employee.nip, "npwp", 4)  # a second version of the same slot
    assert second.version.number == 2
    service_request_create(actor=pegawai, service=Service.objects.get(code="kenaikan_pangkat"), employee=employee)

    client.force_login(pegawai)
    html = client.get("/").content.decode()

    assert "Berkas Saya" in html
    assert 'data-state="verified"' in html and "Terverifikasi" in html
    assert 'data-state="needs_rescan"' in html and "Pindaian terlalu buram" in html
    assert 'data-state="checking"' in html and "2 versi" in html
    # core documents not yet uploaded are listed as missing, with a way to upload them
    assert html.count('data-state="missing"') == 3  # sk_pns, ijazah, kartu_keluarga
    assert "/dokumen/unggah/?document_type=ijazah" in html
    assert f"/api/v1/documents/{second.document.pk}/content/?version=1" in html
    assert "Kenaikan Pangkat" in html and "Draf" in html


def test_english_labels(users, client):
    client.force_login(users["pegawai"])
    client.post("/bahasa/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert "My file" in html and "Missing" in html


def test_another_employees_documents_never_appear(users, make_user, client):
    from people.models import Employee
    from archive.services.demo import DEMO_PEGAWAI_NIP

    colleague = Employee.objects.filter(unit__code="DINKES-YANKES").exclude(nip=DEMO_PEGAWAI_NIP).first()
    other = make_user("rekan", "employee", nip=colleague.nip)
    _upload(other, colleague.nip, "ijazah", 9)
    client.force_login(users["pegawai"])
    html = client.get("/").content.decode()
    assert colleague.nip not in html and 'data-state="checking"' not in html
