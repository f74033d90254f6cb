"""A PPPK employee holds a golongan I to XVII with no pangkat name (Perpres 98/2020): the record takes it
("Golongan IX", "IX"), letters print it, and the leave a PPPK has (annual, sick, maternity) is issued while
a Cuti Besar, a CLTN or a PNS promotion is refused naming why (PP 49/2018)."""
import datetime as dt
import io
import re

import pdfplumber
import pytest
from django.utils import timezone

from people.models import Employee
from people.ranks import pangkat_label, parse_pangkat_golongan
from people.services.employees import employee_create
from tests.support.refusals import refused_taking_nothing

pytestmark = pytest.mark.django_db


@pytest.fixture
def sari(demo):
    unit = Employee.objects.first().unit
    return employee_create(nip="199802102019032001", nama="Sari Wulandari", unit=unit, golongan="IX",
                           jabatan="Perawat Ahli Pertama", status_kepegawaian="PPPK")


def _refused(issue, template, fields, field, nip):
    body = refused_taking_nothing(lambda: issue(template=template, fields=fields, nip=nip))
    return body["errors"][field]


def test_the_record_reads_and_prints_a_pppk_golongan():
    assert parse_pangkat_golongan("Golongan IX") == parse_pangkat_golongan("ix") == "IX"
    assert parse_pangkat_golongan("Golongan XVII (PPPK)") == "XVII"
    assert parse_pangkat_golongan("Golongan XVIII") is None and parse_pangkat_golongan("Golongan") is None
    assert parse_pangkat_golongan("Penata Muda, III/a") == "III/a"  # a PNS rank is still read first
    assert pangkat_label("IX") == "Golongan IX" and pangkat_label("III/a") == "Penata Muda, III/a"


def test_a_pppk_gets_annual_leave_printed_with_the_golongan(issue, sari, users, api_client_for):
    soon = timezone.localdate() + dt.timedelta(days=14)
    soon += dt.timedelta(days=-soon.weekday() % 7 + 1)  # Tuesday and Wednesday: a working day whatever today is
    answer = issue(template="izin_cuti", nip=sari.nip, fields={
        "jenis_cuti": "Cuti Tahunan", "tanggal_mulai": soon.isoformat(),
        "tanggal_selesai": (soon + dt.timedelta(days=1)).isoformat()})
    assert answer.status_code == 201, answer.json()
    pdf = api_client_for(users["admin"]).get(f"/api/v1/issued-documents/{answer.json()['id']}/content/")
    with pdfplumber.open(io.BytesIO(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)) as doc:
        text = doc.pages[0].extract_text()
    assert "Golongan IX" in text and "Sari Wulandari" in text
    # a PPPK is not a Pegawai Negeri Sipil; the permit says how long in working days, as BKN's form does
    assert "kepada Pegawai Pemerintah dengan Perjanjian Kerja" in text and "Pegawai Negeri Sipil" not in text
    assert re.search(r"Lamanya\s*:?\s*[12] hari kerja", text), text


def test_a_pppk_has_no_cuti_besar_cltn_or_promotion(issue, sari):
    soon = timezone.localdate() + dt.timedelta(days=14)
    for kind in ("Cuti Besar", "Cuti di Luar Tanggungan Negara"):
        why = _refused(issue, "izin_cuti", {"jenis_cuti": kind, "tanggal_mulai": soon.isoformat(),
                                            "tanggal_selesai": (soon + dt.timedelta(days=20)).isoformat()},
                       "jenis_cuti", sari.nip)
        assert "PPPK tidak berhak" in why
    why = _refused(issue, "sk_kenaikan_pangkat", {"pangkat_baru": "Penata Muda, III/a",
                                                  "tmt": soon.replace(day=1).isoformat()}, "employee", sari.nip)
    assert "PPPK" in why
