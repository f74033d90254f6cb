"""No one can file a document for an employee outside their scope."""
import pytest

from documents.models import DocumentVersion
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_employee_cannot_upload_for_a_colleague(users, upload):
    colleague = Employee.objects.exclude(nip=DEMO_PEGAWAI_NIP).first()
    response = upload(users["pegawai"], PDF, nip=colleague.nip)
    assert response.status_code == 404
    assert not DocumentVersion.objects.exists()


def test_fasilitator_cannot_upload_outside_their_units(users, upload):
    outsider = Employee.objects.exclude(unit__code__in=["DINKES-YANKES", "DINKES-SEK"]).first()
    assert upload(users["fasilitator"], PDF, nip=outsider.nip).status_code == 404


def test_wrong_nip_and_unknown_type_are_explained(users, upload):
    assert upload(users["admin"], PDF, nip="123").json()["code"] == "invalid_nip"  # 400, saying why
    assert upload(users["admin"], PDF, nip="198001012005011999").status_code == 404  # well formed, no one's
    response = upload(users["admin"], PDF, nip=DEMO_PEGAWAI_NIP, document_type="surat_cinta")
    assert response.status_code == 400
    assert "document-types" in response.json()["detail"]


def test_documents_of_others_answer_404(users, upload, api_client_for, make_user):
    response = upload(users["admin"], PDF, nip=DEMO_PEGAWAI_NIP, document_type="ktp")
    document_id = response.json()["id"]
    outsider_fasilitator = make_user("fas-bkd", "fasilitator", units=["BKD-MUT"])
    client = api_client_for(outsider_fasilitator)
    assert client.get(f"/api/v1/documents/{document_id}/").status_code == 404
    assert client.get(f"/api/v1/documents/{document_id}/content/").status_code == 404
    assert api_client_for(users["pegawai"]).get(f"/api/v1/documents/{document_id}/").status_code == 200
