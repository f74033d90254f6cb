"""A service request brought to BKD's desk: the employee's required documents uploaded and
verified by the unit's fasilitator, submitted by the employee, forwarded at the agency step."""
import io

import pytest
from PIL import Image

from desk.models import ServiceRequirement
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP


def photo_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (180, 200, 230)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def forwarded_request(users, upload, letter, api_client_for):
    """forwarded_request(service, {document_type: bytes or None}=every requirement) -> request id. A confidential
    document (e.g. the BAP of a discipline case) is verified by an administrator: a fasilitator never sees it."""
    from documents.models import DocumentType

    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    pegawai, fasilitator = api_client_for(users["pegawai"]), api_client_for(users["fasilitator"])
    admin = api_client_for(users["admin"])

    def make(service: str, documents: dict | None = None) -> int:
        if documents is None:
            documents = {code: None for code in ServiceRequirement.objects.filter(service__code=service)
                         .values_list("document_type__code", flat=True)}
        created = pegawai.post("/api/v1/service-requests/", {"service": service, "employee": dewi.nip}, format="json")
        assert created.status_code == 201, created.json()
        request_id = created.json()["id"]
        for code, content in documents.items():
            if content is None:
                content = photo_jpeg() if code == "pas_foto" else letter(dewi, code.replace("_", " ").upper())
            response = upload(users["pegawai"], content, nip=dewi.nip, document_type=code,
                              filename="foto.jpg" if code == "pas_foto" else "scan.pdf")
            assert response.status_code == 201, response.json()
            verifier = admin if DocumentType.objects.get(code=code).confidential else fasilitator
            assert verifier.post(f"/api/v1/documents/{response.json()['id']}/verification/",
                                 {"decision": "verified"}, format="json").status_code == 201
        answer = pegawai.post(f"/api/v1/service-requests/{request_id}/submit/")
        assert answer.status_code == 200, answer.json()
        forwarded = fasilitator.post(f"/api/v1/service-requests/{request_id}/forward/")
        assert forwarded.status_code == 200 and forwarded.json()["status"] == "forwarded", forwarded.json()
        return request_id

    return make
