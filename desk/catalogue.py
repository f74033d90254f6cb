"""The service catalogue seeded on migration: the personnel services of the governor's
regulations (Pergub Jatim 73/2020; Pergub Babel 2023) and the documents each requires.

SERVICES: code -> (name, output template or "", [(document type, must be verified), ...]).
Administrators switch services on and off and edit the requirements afterwards
(desk.services.requests.service_update); re-seeding never undoes their edits.
"""
from __future__ import annotations

# Document types only services need (code, name, supports, one per history entry?).
EXTRA_DOCUMENT_TYPES: list[tuple[str, str, str, bool]] = [
    ("surat_permohonan", "Surat Permohonan", "pendukung", False),
    ("surat_pernyataan_tidak_dihukum", "Surat Pernyataan Tidak Pernah Dijatuhi Hukuman Disiplin", "pendukung", False),
    ("surat_persetujuan_mutasi", "Surat Persetujuan Pindah dari Instansi Asal", "jabatan", False),
    ("surat_diterima_perguruan_tinggi", "Surat Keterangan Diterima di Perguruan Tinggi", "pendidikan", False),
    ("akta_cerai", "Akta/Putusan Perceraian", "keluarga", False),
    ("berita_acara_pemeriksaan", "Berita Acara Pemeriksaan (BAP)", "pendukung", False),
    ("pak", "Penetapan Angka Kredit (PAK)", "jabatan", True),
    ("surat_keterangan_kematian", "Surat Keterangan Kematian", "keluarga", False),
    ("surat_balasan", "Surat Balasan Instansi Pemutus (BKN, Taspen, BPJS …)", "layanan", True),
    ("perjanjian_kerja", "Perjanjian Kerja PPPK", "jabatan", False),
]

V, U = True, False  # must be verified / uploaded is enough

SERVICES: dict[str, tuple[str, str, list[tuple[str, bool]]]] = {
    "karis_karsu": ("Kartu Istri/Suami (Karis/Karsu)", "karis_karsu",
                    [("akta_nikah", V), ("kartu_keluarga", V), ("sk_cpns", V), ("pas_foto", U)]),
    "taspen": ("Taspen", "", [("sk_cpns", V), ("sk_kenaikan_pangkat", V), ("ktp", U), ("kartu_keluarga", U)]),
    "satya_lencana": ("Satya Lencana Karya Satya", "",
                      [("sk_cpns", V), ("sk_kenaikan_pangkat", V), ("surat_pernyataan_tidak_dihukum", V)]),
    "kartu_kesehatan": ("Kartu Kesehatan (BPJS)", "", [("ktp", U), ("kartu_keluarga", V), ("sk_kenaikan_pangkat", U)]),
    "ujian_dinas": ("Ujian Dinas", "", [("sk_kenaikan_pangkat", V), ("skp", V), ("ijazah", V)]),
    "ujian_penyetaraan_ijazah": ("Ujian Penyesuaian/Penyetaraan Ijazah", "",
                                 [("ijazah", V), ("transkrip_nilai", V), ("surat_izin_belajar", V),
                                  ("sk_kenaikan_pangkat", V)]),
    "kenaikan_pangkat": ("Kenaikan Pangkat", "sk_kenaikan_pangkat",
                         [("sk_kenaikan_pangkat", V), ("skp", V), ("sk_jabatan", V)]),
    "mutasi_pegawai": ("Mutasi Pegawai", "",
                       [("sk_kenaikan_pangkat", V), ("sk_jabatan", V), ("skp", V), ("surat_persetujuan_mutasi", V)]),
    "kartu_pegawai": ("Kartu Pegawai (Karpeg)", "kartu_pegawai",
                      [("sk_cpns", V), ("sk_pns", V), ("spmt", V), ("pas_foto", U)]),
    "gaji_berkala": ("Kenaikan Gaji Berkala", "kgb", [("sk_kenaikan_pangkat", V), ("sk_kgb", V), ("skp", V)]),
    "pensiun": ("Pensiun", "", [("sk_cpns", V), ("sk_pns", V), ("sk_kenaikan_pangkat", V), ("kartu_keluarga", V),
                                ("akta_nikah", U), ("pas_foto", U), ("skp", U)]),
    "pengangkatan_pns": ("Pengangkatan CPNS menjadi PNS", "",
                         [("sk_cpns", V), ("spmt", V), ("surat_keterangan_sehat", V), ("sertifikat_diklat", V),
                          ("skp", V)]),
    "izin_belajar": ("Izin Belajar", "izin_belajar",
                     [("sk_kenaikan_pangkat", V), ("skp", V), ("ijazah", V), ("surat_diterima_perguruan_tinggi", V)]),
    "ujian_kenaikan_pangkat_pembina": ("Ujian Kenaikan Pangkat Pembina", "",
                                       [("sk_kenaikan_pangkat", V), ("ijazah", V), ("skp", V)]),
    "izin_perceraian": ("Izin Perceraian", "",
                        [("surat_permohonan", V), ("akta_nikah", V), ("kartu_keluarga", V)]),
    "hukuman_disiplin": ("Hukuman Disiplin", "", [("berita_acara_pemeriksaan", V)]),
    "dupak": ("Daftar Usul Penetapan Angka Kredit (DUPAK)", "",
              [("sk_jabatan", V), ("sk_kenaikan_pangkat", V), ("pak", V), ("skp", V)]),
    "pindah_jabatan_pelaksana": ("Pindah Jabatan Pelaksana", "",
                                 [("sk_jabatan", V), ("sk_kenaikan_pangkat", V), ("skp", V)]),
    "cuti": ("Cuti", "izin_cuti", [("surat_permohonan", U)]),
    "tugas_belajar": ("Tugas Belajar", "",
                      [("sk_kenaikan_pangkat", V), ("skp", V), ("ijazah", V), ("surat_diterima_perguruan_tinggi", V),
                       ("surat_keterangan_sehat", V)]),
    "santunan_korpri": ("Santunan KORPRI", "", [("sk_pensiun", V), ("kartu_keluarga", V), ("ktp", U)]),
    "perpanjangan_pppk": ("Perpanjangan Perjanjian Kerja PPPK", "perpanjangan_pppk",
                          [("perjanjian_kerja", V), ("skp", V)]),
}


# Services decided by an outside body: the output is a signed surat usul to it (template surat_usul),
# and the request completes when the body's reply is attached.
DECIDED_BY: dict[str, str] = {
    "taspen": "PT Taspen (Persero)",
    "kartu_kesehatan": "BPJS Kesehatan",
    "satya_lencana": "Presiden Republik Indonesia melalui Kementerian Sekretariat Negara",
    "santunan_korpri": "Dewan Pengurus KORPRI Provinsi",
    "ujian_dinas": "Badan Kepegawaian Negara",
    "ujian_penyetaraan_ijazah": "Badan Kepegawaian Negara",
    "ujian_kenaikan_pangkat_pembina": "Badan Kepegawaian Negara",
    "dupak": "Tim Penilai Angka Kredit Instansi Pembina",
}
# BKD's own decree for the services that had none before the catalogue delivered outcomes.
OUTPUT_TEMPLATES: dict[str, str] = {
    "mutasi_pegawai": "sk_mutasi", "pindah_jabatan_pelaksana": "sk_mutasi", "pengangkatan_pns": "sk_pns",
    "pensiun": "sk_pensiun", "hukuman_disiplin": "sk_hukuman_disiplin", "izin_perceraian": "surat_izin_perceraian",
    "tugas_belajar": "sk_tugas_belajar", **{code: "surat_usul" for code in DECIDED_BY},
}
# What an outside body's reply adds to the employee's record (a riwayat of this kind).
REPLY_HISTORY: dict[str, str] = {
    "satya_lencana": "penghargaan", "ujian_dinas": "ujian", "ujian_penyetaraan_ijazah": "ujian",
    "ujian_kenaikan_pangkat_pembina": "ujian", "dupak": "angka_kredit",
}
LEGAL_BASIS = "Pergub Jatim 73/2020 Pasal 11; PP 11/2017 tentang Manajemen PNS"


def deliver_outcomes(Service) -> None:
    """Give every seeded service its outcome: the output template and who decides (idempotent;
    a service an administrator already gave a template keeps it)."""
    for code, template in OUTPUT_TEMPLATES.items():
        Service.objects.filter(code=code, output_template="").update(output_template=template)
    for code, body in DECIDED_BY.items():
        Service.objects.filter(code=code, decided_by="").update(decided_by=body)
    Service.objects.filter(legal_basis="").update(legal_basis=LEGAL_BASIS)


def seed_services(Service, ServiceRequirement, DocumentType) -> None:
    """Create what is missing; takes the models so migrations can pass their historical ones.
    Existing services keep their administrator-edited state and requirements."""
    for code, name, supports, per_entry in EXTRA_DOCUMENT_TYPES:
        DocumentType.objects.get_or_create(code=code, defaults={"name": name, "supports": supports,
                                                                "per_history_entry": per_entry})
    from documents.catalogue import mark_confidential

    mark_confidential(DocumentType)
    for code, (name, template, requirements) in SERVICES.items():
        service, created = Service.objects.get_or_create(code=code, defaults={"name": name,
                                                                              "output_template": template})
        if not created:
            continue
        for position, (type_code, must_be_verified) in enumerate(requirements):
            ServiceRequirement.objects.create(service=service, position=position,
                                              document_type=DocumentType.objects.get(code=type_code),
                                              must_be_verified=must_be_verified)


def catalogue_complete() -> bool:
    """Every document type and service of the catalogue is in the database (as migrations leave it; a
    test that empties the tables does not)."""
    from desk.models import Service
    from documents.catalogue import DOCUMENT_TYPES
    from documents.models import DocumentType

    codes = {code for code, *_ in DOCUMENT_TYPES} | {code for code, *_ in EXTRA_DOCUMENT_TYPES}
    return (DocumentType.objects.filter(code__in=codes).count() == len(codes)
            and Service.objects.filter(code__in=SERVICES).count() == len(SERVICES))


def seed_services_now() -> None:
    from documents.catalogue import seed_document_types
    from desk.models import Service, ServiceRequirement
    from documents.models import DocumentType

    seed_document_types(DocumentType)
    seed_services(Service, ServiceRequirement, DocumentType)
    deliver_outcomes(Service)
