"""A NIP that cannot be one (too short, letters, no birth date in it) is answered 400 saying what is
wrong with it, in Indonesian with the English beside it, wherever a request names an employee: an
upload, a service request, a decree, a data update. A well-formed NIP of no one — or of someone outside
the caller's units — is still "not found within your access" (404; the decree endpoints answer 400
as before), the same for both, so nothing tells who exists."""
import io

import pytest

from archive.services.demo import DEMO_PEGAWAI_NIP
from people.models import Employee
from tests.support.letters import letter_pdf

pytestmark = pytest.mark.django_db

NOBODY = "198001012005011999"  # well formed, no one has it


def _upload(client, nip: str):
    body = {"file": io.BytesIO(letter_pdf(title="KTP", nip=DEMO_PEGAWAI_NIP, nama="Dewi")), "employee": nip,
            "document_type": "ktp"}
    body["file"].name = "ktp.pdf"
    return client.post("/api/v1/documents/", body, format="multipart", HTTP_ACCEPT_LANGUAGE="id")


def test_an_upload_says_what_is_wrong_with_the_nip(users, api_client_for):
    admin = api_client_for(users["admin"])
    short = _upload(admin, "12345")
    assert short.status_code == 400 and short.json()["code"] == "invalid_nip"
    assert short.json()["detail"] == "NIP 12345 tidak sah: NIP harus 18 digit; yang diisi 5 digit."
    assert short.json()["message_en"] == "The NIP 12345 is not valid: A NIP has 18 digits; this one has 5."
    no_birth_date = _upload(admin, "198013012005011001")
    assert no_birth_date.status_code == 400 and "19801301" in no_birth_date.json()["detail"]

    assert _upload(admin, NOBODY).json()["code"] == "employee_not_found"
    # an employee reaching for someone else's well-formed NIP learns nothing more than for no one's
    other = _upload(api_client_for(users["pegawai"]), NOBODY)
    assert other.status_code == 404 and other.json()["code"] == "employee_not_found"


def test_requests_naming_an_employee_say_it_too(users, api_client_for):
    admin = api_client_for(users["admin"])
    asked = admin.post("/api/v1/service-requests/", {"service": "kenaikan_pangkat", "employee": "1980 0101 2005"},
                       format="json", HTTP_ACCEPT_LANGUAGE="id")
    assert asked.status_code == 400 and "tidak sah" in asked.json()["errors"]["employee"]
    unknown = admin.post("/api/v1/service-requests/", {"service": "kenaikan_pangkat", "employee": NOBODY},
                         format="json", HTTP_ACCEPT_LANGUAGE="id")
    assert unknown.status_code == 404 and NOBODY in unknown.json()["detail"]

    decree = admin.post("/api/v1/issued-documents/", {"template": "kartu_pegawai", "employee": "19800101200501100X",
                                                      "fields": {}}, format="json", HTTP_ACCEPT_LANGUAGE="id")
    assert decree.status_code == 400 and "hanya" in decree.json()["errors"]["employee"]
    assert admin.post("/api/v1/issued-documents/", {"template": "kartu_pegawai", "employee": NOBODY, "fields": {}},
                      format="json").status_code == 400

    scan = io.BytesIO(letter_pdf(title="SK JABATAN", nip=DEMO_PEGAWAI_NIP, nama="Dewi"))
    scan.name = "sk.pdf"
    update = api_client_for(users["fasilitator"]).post(
        "/api/v1/data-updates/", {"employee": "123", "field": "jabatan", "value": "Perawat Ahli Madya", "file": scan},
        format="multipart", HTTP_ACCEPT_LANGUAGE="id")
    assert update.status_code == 400 and "tidak sah" in update.json()["errors"]["employee"]


def test_an_address_with_a_mistyped_nip_says_why_it_finds_no_one(users, api_client_for):
    """A NIP in the address (the record, its file slots) that cannot be one is 404 saying why; one of no one
    and one outside the caller's units answer alike."""
    fasilitator = api_client_for(users["fasilitator"])
    for path in ("/api/v1/employees/%s/", "/api/v1/employees/%s/file/"):
        typo = fasilitator.get(path % "19800101200501100", HTTP_ACCEPT_LANGUAGE="id")
        assert typo.status_code == 404 and typo.json()["code"] == "invalid_nip"
        assert typo.json()["detail"] == "NIP 19800101200501100 tidak sah: NIP harus 18 digit; yang diisi 17 digit."

        nobody = fasilitator.get(path % NOBODY, HTTP_ACCEPT_LANGUAGE="en")
        assert nobody.status_code == 404 and nobody.json()["code"] == "not_found"
        assert nobody.json()["detail"] == "No employee with this NIP within your access."
        colleague = Employee.objects.exclude(nip=DEMO_PEGAWAI_NIP).first().nip
        outside = api_client_for(users["pegawai"]).get(path % colleague, HTTP_ACCEPT_LANGUAGE="en")
        assert outside.status_code == 404
        assert outside.json() == nobody.json()  # the same answer: nothing tells who exists
