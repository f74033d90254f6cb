"""A small province with hand-made records, for due lists and digests: two units, an administrator,
a fasilitator of one unit, and employees whose deadlines are known (see each test)."""
import datetime as dt

import pytest


@pytest.fixture(autouse=True)
def _signing_forgets_the_travelled_clock():
    """A test here may sign on a frozen future day: the signing runtime keeps the CRLs and OCSP answers
    it fetched then, which a test back on today's date must not inherit."""
    yield
    from issuing import signing_runtime

    signing_runtime.reset()

from people.models import Agency, HistoryEntry, Unit
from people.services.status import status_period_record
from people.services.employees import employee_create


@pytest.fixture
def province(db, make_user):
    agency = Agency.objects.create(code="DINKES", name="Dinas Kesehatan")
    yankes = Unit.objects.create(code="YANKES", name="Bidang Pelayanan Kesehatan", agency=agency)
    sekretariat = Unit.objects.create(code="SEK", name="Sekretariat", agency=agency)
    # Ani: born 20 December 1968, Perawat Ahli Muda (BUP 58: pension 1 January 2027); rank since
    # 1 December 2022 (promotion due 1 December 2026), KGB on 1 January 2025 (next 1 January 2027).
    ani = employee_create(nip="196812201994032001", nama="Ani Wulandari", unit=yankes, golongan="III/d",
                          jabatan="Perawat Ahli Muda")
    HistoryEntry.objects.create(employee=ani, kind="pangkat", title="Penata Tingkat I, III/d",
                                effective_date=dt.date(2022, 12, 1))
    HistoryEntry.objects.create(employee=ani, kind="gaji_berkala", title="Gaji pokok",
                                effective_date=dt.date(2025, 1, 1))
    # Budi: CPNS from January 2026 (PNS due 1 January 2027).
    budi = employee_create(nip="199805102026011002", nama="Budi Santoso", unit=yankes, golongan="III/a",
                           jabatan="Perawat Ahli Pertama", status_kepegawaian="CPNS")
    # Citra: PNS, KGB on 20 December 2024 (next 20 December 2026), in the other unit.
    citra = employee_create(nip="199001152015032004", nama="Citra Lestari", unit=sekretariat, golongan="III/b",
                            jabatan="Analis Keuangan Ahli Pertama")
    HistoryEntry.objects.create(employee=citra, kind="gaji_berkala", title="Gaji pokok",
                                effective_date=dt.date(2024, 12, 20))
    HistoryEntry.objects.create(employee=citra, kind="pangkat", title="Penata Muda Tingkat I, III/b",
                                effective_date=dt.date(2023, 4, 1))
    # Dedi: retired: due for nothing.
    dedi = employee_create(nip="196501011990031001", nama="Dedi Kurniawan", unit=yankes, golongan="IV/a",
                           jabatan="Pengadministrasi Umum")
    status_period_record(employee=dedi, status="pensiun", effective_from=dt.date(2023, 2, 1))
    users = {"admin": make_user("admin-uji", "administrator"),
             "fasilitator": make_user("fas-yankes", "fasilitator", units=["YANKES"]),
             "ani": make_user("ani", "employee", nip=ani.nip)}
    return {"ani": ani, "budi": budi, "citra": citra, "dedi": dedi, "users": users}
