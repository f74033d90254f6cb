"""Two administrators approving the same request at the same moment issue one document, not two."""
import threading

import pytest
from django.db import connection

from desk.models import Service
from issuing.models import IssuedDocument
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from desk.services.requests import (RequestRefused, service_request_approve, service_request_create,
                                       service_request_forward, service_request_submit)

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_approvals_issue_one_document(demo, users, upload, letter, make_user, signing_settings):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is proven on PostgreSQL")
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    upload(users["pegawai"], letter(dewi, "SURAT PERMOHONAN CUTI"), nip=dewi.nip, document_type="surat_permohonan")
    request = service_request_create(actor=users["pegawai"], service=Service.objects.get(code="cuti"), employee=dewi)
    service_request_submit(actor=users["pegawai"], request=request)
    service_request_forward(actor=users["fasilitator"], request=request)
    admins = [users["admin"], make_user("admin2", "administrator")]
    fields = {"jenis_cuti": "Cuti Tahunan", "tanggal_mulai": "2026-05-04", "tanggal_selesai": "2026-05-08"}
    approved, refused, errors = [], [], []
    start = threading.Barrier(2)

    def approve(actor):
        try:
            start.wait()
            approved.append(service_request_approve(actor=actor, request=request, fields=fields))
        except RequestRefused as refusal:
            refused.append(refusal.code)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(admin,)) for admin in admins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(approved) == 1 and refused == ["conflict"]
    assert IssuedDocument.objects.count() == 1
    assert IssuedDocument.objects.get() == approved[0].issued_document
