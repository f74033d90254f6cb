"""Demo data for the embedded default and black-box checks: idempotent."""
from __future__ import annotations

import datetime as dt
import random
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from desk.catalogue import catalogue_complete, seed_services_now
from documents.models import Document
from people.models import Agency, Employee, Role, Unit
from people.ranks import RANKS
from people.services.employees import employee_create, user_create

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
    if not catalogue_complete():  # migrations seed it; only emptied tables need it again
        seed_services_now()  # document types first, then the services that require them
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


# A few scans for the demo: (document type, title, body). Rendered, photographed-looking JPEGs
# that go through the real pipeline (OCR, legibility, fields, index), so search, the verification
# queue and the employee's file have something in them on a fresh `make run`.
DEMO_SCANS = [
    ("sk_cpns", "KEPUTUSAN GUBERNUR JAWA TIMUR TENTANG PENGANGKATAN CALON PEGAWAI NEGERI SIPIL",
     "Mengangkat yang namanya tersebut di bawah ini sebagai Calon Pegawai Negeri Sipil di lingkungan "
     "Pemerintah Provinsi Jawa Timur dengan masa percobaan satu tahun."),
    ("spmt", "SURAT PERNYATAAN MELAKSANAKAN TUGAS",
     "Menyatakan dengan sesungguhnya bahwa pegawai tersebut telah nyata melaksanakan tugas sebagai "
     "aparatur sipil negara pada unit kerja yang ditetapkan."),
    ("surat_keterangan_sehat", "SURAT KETERANGAN SEHAT",
     "Berdasarkan hasil pemeriksaan kesehatan jasmani dan rohani, yang bersangkutan dinyatakan sehat "
     "dan memenuhi syarat untuk melaksanakan tugas kepegawaian."),
]


def _demo_scan(title: str, body: str, employee: Employee, number: int, faint: bool = False) -> bytes:
    """A letter rendered to a JPEG as a flatbed scan would give it (faint: washed out and blurred,
    so the legibility check flags it)."""
    import io
    import textwrap

    import pypdfium2 as pdfium
    from PIL import ImageEnhance, ImageFilter
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    lines = ["PEMERINTAH PROVINSI JAWA TIMUR", "BADAN KEPEGAWAIAN DAERAH", "", *textwrap.wrap(title, 60),
             f"Nomor: 800/{number:04d}/BKD/{employee.nip[8:12]}",  # the NIP's appointment year
             "", f"Nama : {employee.nama}", f"NIP : {employee.nip}", f"Unit kerja : {employee.unit.name}", "",
             *textwrap.wrap(body, 80), "", "Ditetapkan di Surabaya", "GUBERNUR JAWA TIMUR"]
    y = A4[1] - 90
    for line in lines:
        page.setFont("Helvetica-Bold" if line.isupper() else "Helvetica", 12)
        page.drawString(72, y, line)
        y -= 22
    page.showPage()
    page.save()
    image = pdfium.PdfDocument(buffer.getvalue())[0].render(scale=200 / 72).to_pil().convert("L")
    if faint:
        image = ImageEnhance.Contrast(image.resize((image.width // 4, image.height // 4))).enhance(0.25)
        image = image.filter(ImageFilter.GaussianBlur(2.5))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def demo_documents() -> dict:
    """Scans for a few employees (one too faint to read) and two signed decrees for `pegawai`,
    all through the real services. Only when the archive holds no document yet."""
    import io

    from documents.services.upload import document_upload
    from issuing.services.issuing import issued_document_issue

    if Document.objects.exists():
        return {"scans": 0, "issued": 0}
    admin = get_user_model().objects.get(username="admin")
    employees = [Employee.objects.get(nip=DEMO_PEGAWAI_NIP),
                 *Employee.objects.exclude(nip=DEMO_PEGAWAI_NIP).order_by("nip")[:3]]
    scans = 0
    for index, employee in enumerate(employees):
        for number, (code, title, body) in enumerate(DEMO_SCANS, start=1):
            faint = employee.nip == DEMO_PEGAWAI_NIP and code == "surat_keterangan_sehat"
            content = _demo_scan(title, body, employee, number=index * 10 + number, faint=faint)
            document_upload(uploader=admin, employee_nip=employee.nip, document_type_code=code,
                            stream=io.BytesIO(content), filename=f"{code}-{employee.nip}.jpg")
            scans += 1
    pegawai = employees[0]
    issued_document_issue(actor=admin, template="sk_kenaikan_pangkat", employee=pegawai,
                          fields={"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"})
    issued_document_issue(actor=admin, template="kgb", employee=pegawai,
                          fields={"gaji_baru": "4123400", "tmt": "2026-03-01"})
    return {"scans": scans, "issued": 2}
