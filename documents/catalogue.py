"""The document-type catalogue seeded on migration: the documents a BKD file holds.

(code, name, supports, one per history entry?)
"""

DOCUMENT_TYPES: list[tuple[str, str, str, bool]] = [
    ("sk_cpns", "SK CPNS", "pangkat", False),
    ("sk_pns", "SK PNS", "pangkat", False),
    ("spmt", "Surat Pernyataan Melaksanakan Tugas (SPMT)", "jabatan", False),
    ("sk_kenaikan_pangkat", "SK Kenaikan Pangkat", "pangkat", True),
    ("sk_jabatan", "SK Jabatan", "jabatan", True),
    ("sk_mutasi", "SK Mutasi", "jabatan", True),
    ("sk_kgb", "SK Kenaikan Gaji Berkala", "gaji_berkala", True),
    ("ijazah", "Ijazah", "pendidikan", True),
    ("transkrip_nilai", "Transkrip Nilai", "pendidikan", True),
    ("surat_izin_belajar", "Surat Izin Belajar", "pendidikan", True),
    ("sertifikat_diklat", "Sertifikat Diklat", "diklat", True),
    ("sk_penghargaan", "Piagam/SK Penghargaan (Satyalancana)", "penghargaan", True),
    ("skp", "Sasaran Kinerja Pegawai (SKP)", "skp", True),
    ("ktp", "KTP", "identitas", False),
    ("kartu_keluarga", "Kartu Keluarga", "keluarga", False),
    ("akta_nikah", "Akta Nikah", "keluarga", False),
    ("akta_kelahiran_anak", "Akta Kelahiran Anak", "keluarga", True),
    ("npwp", "NPWP", "identitas", False),
    ("bpjs", "Kartu BPJS Kesehatan", "identitas", False),
    ("kartu_pegawai", "Kartu Pegawai (Karpeg)", "identitas", False),
    ("karis_karsu", "Kartu Istri/Suami (Karis/Karsu)", "keluarga", False),
    ("pas_foto", "Pas Foto", "identitas", False),
    ("surat_keterangan_sehat", "Surat Keterangan Sehat", "pendukung", False),
    ("sk_pensiun", "SK Pensiun", "pangkat", False),
]


def seed_document_types(DocumentType) -> None:
    """Create or refresh the catalogue; takes the model so migrations can pass their historical one."""
    for code, name, supports, per_entry in DOCUMENT_TYPES:
        DocumentType.objects.update_or_create(
            code=code, defaults={"name": name, "supports": supports, "per_history_entry": per_entry})
    mark_confidential(DocumentType)


# Discipline and divorce papers: the owner and BKD administrators see them, a fasilitator only that the slot
# is filled (issue 17). Administrators may flag more types; seeding never clears a flag.
CONFIDENTIAL_DOCUMENT_TYPES = ["akta_cerai", "berita_acara_pemeriksaan", "sk_hukuman_disiplin",
                               "surat_izin_perceraian", "surat_keputusan_hukuman_disiplin"]


# Issued documents (templates) that are confidential the same way: the owner and administrators only.
CONFIDENTIAL_TEMPLATES = ["sk_hukuman_disiplin", "surat_izin_perceraian"]


def mark_confidential(DocumentType) -> None:
    if any(f.name == "confidential" for f in DocumentType._meta.get_fields()):  # historical models before 0012
        DocumentType.objects.filter(code__in=CONFIDENTIAL_DOCUMENT_TYPES).update(confidential=True)


# The core file every civil servant must have complete and verified (monitoring, Pasal 13 and 17).
CORE_DOCUMENT_TYPES = ["sk_cpns", "sk_pns", "ijazah", "ktp", "kartu_keluarga", "npwp"]
# What a CPNS (no SK PNS yet) and a PPPK (a perjanjian kerja instead of SK CPNS/PNS) must hold instead.
CORE_DOCUMENT_TYPES_BY_STATUS = {
    "cpns": ["sk_cpns", "ijazah", "ktp", "kartu_keluarga", "npwp"],
    "pppk": ["perjanjian_kerja", "ijazah", "ktp", "kartu_keluarga", "npwp"],
}


# Every type that is core for someone: a PPPK's perjanjian kerja as well as a PNS's SK PNS.
ANY_CORE_DOCUMENT_TYPES = sorted(set(CORE_DOCUMENT_TYPES).union(*CORE_DOCUMENT_TYPES_BY_STATUS.values()))


def core_document_types(status: str) -> list[str]:
    """The core documents an employee of `status` (pns, cpns, pppk …) must hold."""
    return CORE_DOCUMENT_TYPES_BY_STATUS.get(status, CORE_DOCUMENT_TYPES)
