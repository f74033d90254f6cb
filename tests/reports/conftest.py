"""A province made for the statistics tests: agencies and employees whose attributes we choose."""
from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone


@pytest.fixture
def population(db):
    """make(agency_code, count, **attributes) -> employees; attributes not given vary (seeded)."""
    from people.models import Agency, Unit
    from people.ranks import RANKS
    from people.services.employees import employee_create

    rng = random.Random(11)
    sequence = iter(range(1, 10_000))
    today = timezone.localdate()

    def make(agency: str, count: int, *, sex: int | None = None, golongan: str | None = None,
             pendidikan: str | None = None, age: int | None = None, status: str = "PNS"):
        agency_row, _ = Agency.objects.get_or_create(code=agency, defaults={"name": f"Dinas {agency.title()}"})
        unit, _ = Unit.objects.get_or_create(code=f"{agency}-U", defaults={"name": f"Bidang {agency}",
                                                                         "agency": agency_row})
        made = []
        for _ in range(count):
            years = age if age is not None else rng.randint(26, 58)
            birth = dt.date(today.year - years - 1, rng.randint(1, 12), rng.randint(1, 28))
            the_sex = sex or rng.choice([1, 2])
            nip = f"{birth:%Y%m%d}{birth.year + 24}{rng.randint(1, 12):02d}{the_sex}{next(sequence) % 1000:03d}"
            made.append(employee_create(
                nip=nip, nama=f"Pegawai {nip[-6:]}", unit=unit, status_kepegawaian=status,
                golongan=golongan if golongan is not None else rng.choice(RANKS[8:12])[0],
                pendidikan=pendidikan or rng.choice(["S1 Hukum", "D3 Keperawatan", "SMA", "S2 Manajemen"])))
        return made

    return make
