"""Fixtures for the signing tests: a real test PKI with its TSA/OCSP/CRL
services on 127.0.0.1 (Certomancer over HTTP), a long-lived issuer, and
sample employee data.  No mocks."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from signing import pki
from signing.issue import DocumentIssuer


@pytest.fixture(scope="session")
def pki_services(tmp_path_factory):
    directory = tmp_path_factory.mktemp("pki")
    pki.init_pki(directory)
    services = pki.serve_pki(directory)
    yield services
    services.stop()


@pytest.fixture(scope="session")
def test_pki(pki_services):
    return pki_services.pki


@pytest.fixture(scope="session")
def other_pki(tmp_path_factory):
    """A second, unrelated CA: its signatures must not be trusted."""
    directory = tmp_path_factory.mktemp("other-pki")
    created = pki.init_pki(directory)
    services = pki.serve_pki(directory)
    yield created
    services.stop()


@pytest.fixture(scope="session")
def signing_config(test_pki):
    return pki.signing_config(test_pki.directory)


@pytest.fixture(scope="session")
def issuer(signing_config):
    with DocumentIssuer(signing_config) as issuer:
        yield issuer


def make_photo(color=(190, 150, 120)) -> bytes:
    buf = BytesIO()
    Image.new("RGB", (240, 320), color).save(buf, "JPEG")
    return buf.getvalue()


EMPLOYEE = {
    "nama": "Siti Rahmawati, S.Kom.",
    "nip": "198703152010012003",
    "pangkat_golongan": "Penata Muda Tingkat I, III/b",
    "jabatan": "Pranata Komputer Ahli Pertama",
    "unit": "Bidang Informasi Kepegawaian",
    "instansi": "Badan Kepegawaian Daerah Provinsi Jawa Timur",
    "jenis_pegawai": "Pegawai Negeri Sipil",
    "tempat_lahir": "Surabaya",
    "tanggal_lahir": "1987-03-15",
}

VALID_FIELDS = {
    "sk_kenaikan_pangkat": {"pangkat_baru": "Penata, III/c", "tmt": "2026-04-01"},
    "kgb": {"gaji_baru": 4123400, "tmt": "2026-04-01"},
    "izin_belajar": {
        "jenjang": "S2",
        "program_studi": "Magister Ilmu Komputer",
        "institusi": "Institut Teknologi Sepuluh Nopember",
    },
    "izin_cuti": {
        "jenis_cuti": "Cuti Tahunan",
        "tanggal_mulai": "2026-12-01",
        "tanggal_selesai": "2026-12-05",
    },
    "teguran_tertulis": {"alasan": "mengunggah ijazah yang tidak sesuai dengan naskah asli."},
    "kartu_pegawai": {"foto": make_photo()},
    "karis_karsu": {
        "jenis_kartu": "KARTU ISTRI",
        "nama_pasangan": "Dewi Lestari",
        "tempat_lahir_pasangan": "Malang",
        "tanggal_lahir_pasangan": "1989-07-20",
        "tanggal_perkawinan": "2012-06-10",
        "foto_pasangan": make_photo((120, 150, 190)),
    },
    "sk_mutasi": {"unit_baru": "BKD-MUT", "jabatan_baru": "Analis SDM Aparatur Ahli Pertama", "tmt": "2026-07-01",
                  "unit_baru_nama": "Bidang Mutasi dan Promosi, Badan Kepegawaian Daerah"},
    "sk_pns": {"tmt": "2026-01-01"},
    "sk_pensiun": {"jenis_pensiun": "Batas Usia Pensiun", "tmt": "2045-04-01"},
    "sk_hukuman_disiplin": {"jenis_hukuman": "Teguran Tertulis", "pelanggaran": "tidak masuk kerja tanpa keterangan",
                            "tmt": "2026-06-01"},
    "surat_izin_perceraian": {"nama_pasangan": "Budi Santoso", "alasan": "tidak ada harapan hidup rukun"},
    "sk_tugas_belajar": {"jenjang": "S2", "program_studi": "Magister Ilmu Komputer", "institusi": "ITS",
                         "tanggal_mulai": "2026-09-01", "tanggal_selesai": "2028-08-31"},
    "surat_usul": {"tujuan": "Badan Kepegawaian Negara", "perihal": "Ujian Dinas"},
    "perpanjangan_pppk": {"tmt": "2027-01-01", "sampai": "2031-12-31"},
}


@pytest.fixture
def employee():
    return dict(EMPLOYEE)


@pytest.fixture(scope="session")
def signed_decree(issuer) -> bytes:
    """One SK Kenaikan Pangkat, rendered and signed (PAdES B-LTA)."""
    return issuer.issue(
        "sk_kenaikan_pangkat",
        number="800/0421/204.3/2026",
        employee=EMPLOYEE,
        fields=VALID_FIELDS["sk_kenaikan_pangkat"],
        verify_token="Zq3xY7tR9kLm2Np4",
    ).pdf
