"""Fixtures for the search contract tests.

`search_backend` runs each contract test on the database back end (SQLite or PostgreSQL,
whichever DATABASE_URL names) and on Elasticsearch when ELASTICSEARCH_URL is set (skipped
otherwise, with that reason). `library` builds a small file of real archive documents in
the demo province and indexes them through `search.services.document_index`.
"""
from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from documents.models import Document, DocumentType, DocumentVersion
from people.models import Employee, HistoryEntry, Unit

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request, settings):
    if request.param == "elasticsearch":
        if not ES_URL:
            pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch server to run the contract against")
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.ELASTICSEARCH_URL = ES_URL
        settings.ELASTICSEARCH_INDEX = f"berkas-test-{uuid.uuid4().hex[:8]}"
        settings.ELASTICSEARCH_REFRESH = True  # tests read right after writing
        yield "elasticsearch"
        from search.backends.elasticsearch import ElasticsearchBackend

        ElasticsearchBackend.from_settings().drop_all()
    else:
        settings.SEARCH_BACKEND = "database"
        yield "database"


@pytest.fixture
def search_urls(settings):
    """Route /api/v1/search/ whether or not api/urls.py has it yet."""
    settings.ROOT_URLCONF = "tests.search.urlconf"


def make_document(employee: Employee, type_code: str, text: str, *, status: str = "awaiting_verification",
                  history_title: str = "", effective_date: dt.date | None = None,
                  uploaded: dt.datetime | None = None, index: bool = True) -> Document:
    """An archive document with one version holding `text` as its OCR text."""
    history = None
    if history_title:
        history = HistoryEntry.objects.create(employee=employee, kind="pangkat", title=history_title,
                                              effective_date=effective_date)
    document = Document.objects.create(employee=employee, document_type=DocumentType.objects.get(code=type_code),
                                       history_entry=history, status=status)
    add_version(document, text, uploaded=uploaded, index=index)
    return document


def add_version(document: Document, text: str, *, uploaded: dt.datetime | None = None, index: bool = True):
    number = document.versions.count() + 1
    version = DocumentVersion.objects.create(
        document=document, number=number, object_key=f"test/{uuid.uuid4().hex}", object_version="1",
        sha256=uuid.uuid4().hex * 2, size=len(text), content_type="application/pdf", text=text,
        status=document.status)
    if uploaded:
        DocumentVersion.objects.filter(pk=version.pk).update(uploaded_at=uploaded)
    if index:
        from search.services import document_index

        document_index(document.pk)
    return version


def at(year: int, month: int = 1, day: int = 15) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 10, 0))


@dataclass
class Library:
    """The demo province plus known documents: who owns what, in which unit."""

    docs: dict[str, Document] = field(default_factory=dict)
    employees: dict[str, Employee] = field(default_factory=dict)

    def user(self, username: str):
        return get_user_model().objects.get(username=username)

    def ids(self, *names: str) -> set[int]:
        return {self.docs[n].pk for n in names}


TEXT_KEPEGAWAIAN = (
    "Keputusan Gubernur tentang Sistem Informasi Manajemen Kepegawaian daerah. Setiap dokumen yang "
    "diunggah harus sesuai dengan naskah asli, terlihat dan terbaca dengan jelas.")
TEXT_PEGAWAI = (
    "Surat pernyataan melaksanakan tugas bagi pegawai yang diangkat sebagai calon pegawai negeri sipil "
    "pada Dinas Kesehatan Provinsi.")
TEXT_IJAZAH = (
    "Ijazah Sarjana Keperawatan diberikan kepada lulusan universitas dengan predikat sangat memuaskan.")
TEXT_NASKAH_REVERSED = (
    "Berkas ini tidak asli: naskah tersebut dipindai ulang dan tidak sesuai dengan ketentuan penilaian.")
TEXT_MUTASI = (
    "Keputusan tentang mutasi jabatan fungsional pranata komputer ke Dinas Komunikasi dan Informatika; "
    "pegawai yang bersangkutan melaksanakan tugas di bidang aplikasi informatika.")
TEXT_KGB = (
    "Kenaikan gaji berkala pegawai negeri sipil berdasarkan masa kerja golongan dan penilaian kinerja.")


@pytest.fixture
def library(demo, search_backend) -> Library:
    from archive.services.demo import DEMO_PEGAWAI_NIP
    from people.services.employees import employee_create

    lib = Library()
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)  # login `pegawai`, unit DINKES-YANKES
    sri = employee_create(nip="197206142000032004", nama="Sri Mulyaningsih",
                          unit=Unit.objects.get(code="DINKES-SEK"), golongan="III/d")
    bambang = employee_create(nip="198811022012121001", nama="Bambang Sutrisno",
                              unit=Unit.objects.get(code="KOMINFO-APT"), golongan="III/b")
    lib.employees = {"dewi": dewi, "sri": sri, "bambang": bambang}
    lib.docs["dewi_sk_cpns"] = make_document(dewi, "sk_cpns", TEXT_KEPEGAWAIAN, status="verified",
                                             uploaded=at(2010, 1, 4))
    lib.docs["dewi_ijazah"] = make_document(dewi, "ijazah", TEXT_IJAZAH, history_title="S1 Keperawatan",
                                            effective_date=dt.date(2008, 8, 30), uploaded=at(2021, 3, 1))
    lib.docs["sri_spmt"] = make_document(sri, "spmt", TEXT_PEGAWAI, uploaded=at(2019, 6, 1))
    lib.docs["sri_kgb"] = make_document(sri, "sk_kgb", TEXT_KGB, status="verified", history_title="KGB 2022",
                                        effective_date=dt.date(2022, 4, 1), uploaded=at(2022, 4, 10))
    lib.docs["bambang_mutasi"] = make_document(bambang, "sk_mutasi", TEXT_MUTASI, history_title="Pranata Komputer",
                                               effective_date=dt.date(2023, 1, 2), uploaded=at(2023, 1, 20))
    lib.docs["bambang_reversed"] = make_document(bambang, "sk_cpns", TEXT_NASKAH_REVERSED, status="rejected",
                                                 uploaded=at(2012, 12, 1))
    return lib
