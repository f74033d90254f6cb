"""Security tests: a world with one employee's file in it, and logins around it in and out of scope."""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import pytest


def tiny_png(seed: int = 0) -> bytes:
    """A small valid PNG, different per seed (legibility does not matter here)."""
    from PIL import Image

    image = Image.new("RGB", (32, 32), (seed % 256, (seed * 7) % 256, 200))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def tiny_jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 20, 30)).save(out, format="JPEG")
    return out.getvalue()


@dataclass
class World:
    users: dict  # role key -> User or None
    employee: object  # the employee whose file is the target
    document: object
    version: object
    issued: object
    service_request: object
    draft: object
    data_update: object
    notification: object
    batch: object
    reconciliation: object
    report: object
    agency_token: object


ROLES = ("anonymous", "employee_self", "employee_other", "fasilitator_same", "fasilitator_other", "administrator")
IN_SCOPE = {"employee_self", "fasilitator_same", "administrator"}


@pytest.fixture
def world(users, make_user, signing_settings) -> World:
    """pegawai's file (one scan with a preview, one signed decree) and a login for each role."""
    from documents.objectstore import new_object_key
    from people.models import Employee
    from documents.objectstore import object_storage
    from archive.services.demo import DEMO_PEGAWAI_NIP
    from documents.services.upload import document_upload
    from issuing.services.issuing import issued_document_issue

    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    colleague = Employee.objects.filter(unit=employee.unit).exclude(pk=employee.pk).first()
    assert colleague is not None, "the demo has a second employee in DINKES-YANKES"
    employee_other = make_user("pegawai_lain", "employee", nip=colleague.nip)
    fasilitator_other = make_user("fasilitator_lain", "fasilitator", units=["KOMINFO-APT"])

    result = document_upload(uploader=users["pegawai"], employee_nip=employee.nip,
                             document_type_code="sk_kenaikan_pangkat", stream=io.BytesIO(tiny_png(1)),
                             filename="sk.png")
    version = result.version
    preview = tiny_jpeg()
    sha = hashlib.sha256(preview).hexdigest()
    stored = object_storage().put(new_object_key("thumbnails"), preview, sha256=sha, size=len(preview),
                                  content_type="image/jpeg")
    version.thumbnail_key, version.thumbnail_version, version.thumbnail_sha256 = stored.key, stored.version_id, sha
    version.save(update_fields=["thumbnail_key", "thumbnail_version", "thumbnail_sha256"])

    issued = issued_document_issue(actor=users["admin"], template="sk_kenaikan_pangkat", employee=employee,
                                   fields={"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"})
    from desk.models import Service
    from issuing.models import IssueDraft
    from desk.services.data_updates import data_update_propose
    from notifications.services.notifications import notification_send
    from desk.services.requests import service_request_create

    service_request = service_request_create(actor=users["pegawai"], service=Service.objects.get(code="kenaikan_pangkat"),
                                             employee=employee)
    draft = IssueDraft.objects.create(template="teguran_tertulis", employee=employee,
                                      fields={"alasan": "mengunggah dokumen yang tidak sesuai naskah asli"})
    data_update = data_update_propose(actor=users["pegawai"], employee=employee, stream=io.BytesIO(tiny_png(2)),
                                      filename="akta.png", field="tempat_lahir", value="Sidoarjo")
    [notification] = notification_send(recipients=[users["pegawai"]], kind="document.rejected",
                                       message="Pindai ulang KTP Anda.", target=f"document:{result.document.pk}")
    from issuing.models import IssueBatch

    batch = IssueBatch.objects.create(template="kgb", items=[{"employee": employee.nip, "fields": {}}], total=1,
                                      created_by=users["admin"])
    from reports.exchange import reconciliation_diff

    reconciliation = reconciliation_diff(actor=users["admin"], file_format="csv", text=(
        "nama,nip,pangkat_golongan,pendidikan,jabatan,unit\n"
        f"{employee.nama},{employee.nip},III/d,{employee.pendidikan},{employee.jabatan},{employee.unit.code}\n"))
    from django.utils import timezone

    from reports.quarterly import quarterly_report_issue

    today = timezone.localdate()
    report = quarterly_report_issue(actor=users["admin"], quarter=f"{today.year}Q{(today.month - 1) // 3 + 1}")
    from reports.tokens import agency_token_create

    agency_token, _key = agency_token_create(actor=users["admin"], name="SIMPEG Kota", scopes=["statistics:read"])
    from tests.support.statistics import publish_statistics

    publish_statistics()  # the public statistics serve approved releases only (issue 25)
    logins = {"anonymous": None, "employee_self": users["pegawai"], "employee_other": employee_other,
              "fasilitator_same": users["fasilitator"], "fasilitator_other": fasilitator_other,
              "administrator": users["admin"]}
    return World(users=logins, employee=employee, document=result.document, version=version, issued=issued,
                 service_request=service_request, draft=draft, data_update=data_update, notification=notification,
                 batch=batch, reconciliation=reconciliation,
                 report=report, agency_token=agency_token)
