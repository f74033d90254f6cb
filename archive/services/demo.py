"""Demo data for the embedded default and black-box checks: idempotent."""
from __future__ import annotations

import datetime as dt
import random
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from archive.catalogue import seed_document_types
from archive.service_catalogue import seed_services_now
from archive.models import Agency, DocumentType, Employee, Role, Unit
from archive.ranks import RANKS
from archive.services.people import employee_create, user_create

AGENCIES = {
    "BKD": ("Badan Kepegawaian Daerah", [("BKD-MUT", "Bidang Mutasi dan Promosi"), ("BKD-INF", "Bidang Data dan Informasi")]),
    "DINKES": ("Dinas Kesehatan", [("DINKES-YANKES", "Bidang Pelayanan Kesehatan"), ("DINKES-SEK", "Sekretariat Dinas Kesehatan")]),
    "DIKBUD": ("Dinas Pendidikan", [("DIKBUD-SMA", "Bidang Pembinaan SMA"), ("DIKBUD-SEK", "Sekretariat Dinas Pendidikan")]),
    "KOMINFO": ("Dinas Komunikasi dan Informatika", [("KOMINFO-APT", "Bidang Aplikasi Informatika")]),
}
FIRST = ["Agus", "Budi", "Siti", "Dewi", "Rina", "Joko", "Sri", "Ahmad", "Nur", "Eko", "Wahyu", "Dian",
         "Hendra", "Yuli", "Bambang", "Fitri", "Rudi", "Indah", "Teguh", "Ratna"]
LAST = ["Santoso", "Wijaya", "Rahayu", "Hidayat", "Kurniawan", "Susanti", "Prasetyo", "Handayani",
        "Setiawan", "Purnomo", "Maharani", "Saputra", "Nugroho", "Lestari", "Firmansyah"]
JABATAN = ["Analis Kepegawaian", "Pranata Komputer", "Perawat Ahli Pertama", "Guru Ahli Muda",
           "Pengelola Keuangan", "Kepala Subbagian Umum", "Arsiparis", "Analis Kebijakan"]
PENDIDIKAN = ["SMA", "D3 Keperawatan", "S1 Ilmu Hukum", "S1 Pendidikan Matematika", "S2 Administrasi Publik",
              "S1 Teknik Informatika"]
DEMO_EMPLOYEES = 30
DEMO_PEGAWAI_NIP = "198503152010012003"  # the `pegawai` login, in DINKES-YANKES


def _demo_nip(rng: random.Random, sex: int) -> str:
    birth = dt.date(rng.randint(1966, 1998), rng.randint(1, 12), rng.randint(1, 28))
    year = birth.year + rng.randint(22, 30)
    return f"{birth:%Y%m%d}{year}{rng.randint(1, 12):02d}{sex}{rng.randint(1, 999):03d}"


def demo_password() -> tuple[str, bool]:
    """DEMO_PASSWORD, or one generated once and kept under DATA_DIR. Returns (password, generated)."""
    if settings.DEMO_PASSWORD:
        return settings.DEMO_PASSWORD, False
    path = settings.DATA_DIR / "demo-password.txt"
    if not path.exists():
        path.write_text(f"Demo-{secrets.token_urlsafe(9)}")
        path.chmod(0o600)
    return path.read_text().strip(), True


@transaction.atomic
def demo_load() -> dict:
    rng = random.Random(73)  # fixed seed: the same demo everywhere
    seed_document_types(DocumentType)
    seed_services_now()
    for code, (name, units) in AGENCIES.items():
        agency, _ = Agency.objects.update_or_create(code=code, defaults={"name": name})
        for unit_code, unit_name in units:
            Unit.objects.update_or_create(code=unit_code, defaults={"name": unit_name, "agency": agency})
    units = list(Unit.objects.order_by("code"))
    if not Employee.objects.filter(nip=DEMO_PEGAWAI_NIP).exists():
        employee_create(nip=DEMO_PEGAWAI_NIP, nama="Dewi Rahayu", unit=Unit.objects.get(code="DINKES-YANKES"),
                        golongan="III/c", jabatan="Perawat Ahli Muda", pendidikan="S1 Keperawatan",
                        tempat_lahir="Surabaya", email="dewi.rahayu@example.go.id")
    while Employee.objects.count() < DEMO_EMPLOYEES:
        sex = rng.choice([1, 2])
        nip = _demo_nip(rng, sex)
        if Employee.objects.filter(nip=nip).exists():
            continue
        employee_create(nip=nip, nama=f"{rng.choice(FIRST)} {rng.choice(LAST)}", unit=rng.choice(units),
                        golongan=rng.choice(RANKS[4:14])[0], jabatan=rng.choice(JABATAN),
                        pendidikan=rng.choice(PENDIDIKAN), tempat_lahir=rng.choice(["Surabaya", "Malang", "Kediri", "Jember"]))
    password, generated = demo_password()
    User = get_user_model()
    logins = [("admin", Role.ADMINISTRATOR, None, []),
              ("fasilitator", Role.FASILITATOR, None, ["DINKES-YANKES", "DINKES-SEK"]),
              ("pegawai", Role.EMPLOYEE, DEMO_PEGAWAI_NIP, [])]
    for username, role, nip, unit_codes in logins:
        user = User.objects.filter(username=username).first()
        if user is None:
            user_create(username=username, password=password, role=role, nip=nip, unit_codes=unit_codes)
        elif settings.DEMO_PASSWORD and not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
    return {"password": password, "generated": generated, "logins": [u for u, *_ in logins],
            "employees": Employee.objects.count(), "units": len(units)}
