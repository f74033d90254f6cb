"""Monitoring asks each employee for the core documents of their appointment: a CPNS has no SK PNS
yet, a PPPK holds a Perjanjian Kerja instead of SK CPNS/PNS. A past day counts the appointment of
that day, so a CPNS made PNS today is asked for SK PNS from today on, not before."""
import datetime as dt

import pytest
from django.utils import timezone

from archive.services.demo import DEMO_PEGAWAI_NIP
from documents.catalogue import CORE_DOCUMENT_TYPES, core_document_types
from people.models import Employee
from people.services.employees import employee_create
from people.services.status import status_period_record

pytestmark = pytest.mark.django_db


def _yankes(report) -> dict:
    return next(r for r in report["units"] if r["unit"] == "DINKES-YANKES")


def test_required_and_present_follow_the_appointment(users, upload, letter, api_client_for):
    fasilitator = api_client_for(users["fasilitator"])
    before = _yankes(fasilitator.get("/api/v1/monitoring/").json())
    unit = Employee.objects.get(nip=DEMO_PEGAWAI_NIP).unit
    sari = employee_create(nip="198002102019032001", nama="Sari Wulandari", unit=unit, golongan="IX",
                           jabatan="Guru Ahli Pertama", status_kepegawaian="PPPK")
    rizky = employee_create(nip="199802102025061001", nama="Rizky Pratama", unit=unit, golongan="III/a",
                            jabatan="Perawat Ahli Pertama", status_kepegawaian="CPNS")

    report = fasilitator.get("/api/v1/monitoring/").json()
    row = _yankes(report)
    assert row["employees"] == before["employees"] + 2
    assert row["required"] == before["required"] + len(core_document_types("pppk")) + len(core_document_types("cpns"))
    assert row["required"] - before["required"] == 2 * (len(CORE_DOCUMENT_TYPES) - 1)
    assert report["core_document_types_by_status"]["pppk"][0] == "perjanjian_kerja"

    # The PPPK's agreement is one of their core documents; an SK PNS on their file is not.
    assert upload(users["admin"], letter(sari, title="PERJANJIAN KERJA"), nip=sari.nip,
                  document_type="perjanjian_kerja", filename="pk.pdf").status_code == 201
    assert upload(users["admin"], letter(sari, title="SURAT KEPUTUSAN PNS"), nip=sari.nip,
                  document_type="sk_pns", filename="skpns.pdf").status_code == 201
    assert _yankes(fasilitator.get("/api/v1/monitoring/").json())["present"] == before["present"] + 1

    # Rizky becomes PNS today: from today on his file is asked for SK PNS, yesterday's figures stay.
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    past = fasilitator.get("/api/v1/monitoring/", {"on": yesterday}).json()
    status_period_record(employee=rizky, status="pns", effective_from=timezone.localdate(), actor=users["admin"],
                         reason="SK PNS")
    assert fasilitator.get("/api/v1/monitoring/", {"on": yesterday}).json() == past
    assert _yankes(fasilitator.get("/api/v1/monitoring/").json())["required"] == _yankes(past)["required"] + 1
