"""A kenaikan pangkat decree is refused before anything is numbered or signed when it jumps more than
one rank (unless it is a diploma adjustment, to the rank of the diploma on the record), when its TMT
is not the first of a month, is more than a year ahead, or comes less than four years after the last
rank for a regular promotion (one year for the other kinds). A KGB takes effect on the first of a month
too. The kind is printed on the decree; none given means Reguler."""
import datetime as dt

import pytest
from django.utils import timezone

from archive.services.demo import DEMO_PEGAWAI_NIP
from issuing.models import IssuedDocument
from people.models import Employee
from people.ranks import diploma_rank
from tests.support.refusals import refused_taking_nothing

pytestmark = pytest.mark.django_db


def _first_of_month(months_from_now: int) -> dt.date:
    today = timezone.localdate()
    month = today.month - 1 + months_from_now
    return dt.date(today.year + month // 12, month % 12 + 1, 1)


def _refused(issue, template, fields, field):
    body = refused_taking_nothing(lambda: issue(template=template, fields=fields))
    assert field in body["errors"], body
    return body["errors"][field]


@pytest.fixture
def dewi(demo):
    return Employee.objects.get(nip=DEMO_PEGAWAI_NIP)  # III/c, S1 Keperawatan, no rank history


def test_a_promotion_of_more_than_one_step_is_refused_naming_the_next_rank(issue, dewi):
    tmt = _first_of_month(0).isoformat()
    why = _refused(issue, "sk_kenaikan_pangkat", {"pangkat_baru": "Pembina, IV/a", "tmt": tmt}, "pangkat_baru")
    assert "Penata Tingkat I, III/d" in why and "penyesuaian ijazah" in why
    assert issue(fields={"pangkat_baru": "Penata Tingkat I, III/d", "tmt": tmt}).status_code == 201


def test_a_diploma_adjustment_may_jump_to_the_rank_of_the_diploma_only(issue, dewi):
    Employee.objects.filter(pk=dewi.pk).update(golongan="II/a", pendidikan="S1 Keperawatan")
    tmt = _first_of_month(0).isoformat()
    _refused(issue, "sk_kenaikan_pangkat", {"pangkat_baru": "Penata Muda, III/a", "tmt": tmt},
             "pangkat_baru")  # a jump, but not declared a diploma adjustment
    why = _refused(issue, "sk_kenaikan_pangkat", {"pangkat_baru": "Penata Muda Tingkat I, III/b", "tmt": tmt,
                                                  "jenis_kenaikan": "Penyesuaian Ijazah"}, "pangkat_baru")
    assert "Penata Muda, III/a" in why and "S1 Keperawatan" in why
    assert issue(fields={"pangkat_baru": "Penata Muda, III/a", "tmt": tmt,
                         "jenis_kenaikan": "Penyesuaian Ijazah"}).status_code == 201
    assert Employee.objects.get(pk=dewi.pk).golongan == "III/a"


def test_a_tmt_not_on_the_first_of_a_month_is_refused_with_the_next_first(issue, dewi):
    first = _first_of_month(0)
    why = _refused(issue, "sk_kenaikan_pangkat",
                   {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": first.replace(day=15).isoformat()}, "tmt")
    assert "tanggal 1" in why and _first_of_month(1).isoformat() in why
    why = _refused(issue, "kgb", {"gaji_baru": 4123400, "tmt": first.replace(day=2).isoformat()}, "tmt")
    assert "tanggal 1" in why


def test_a_tmt_more_than_a_year_ahead_is_refused(issue, dewi):
    why = _refused(issue, "sk_kenaikan_pangkat",
                   {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": _first_of_month(14).isoformat()}, "tmt")
    assert "setahun" in why


def test_a_regular_promotion_waits_four_years_and_the_others_one(issue, dewi):
    first = _first_of_month(0)
    assert issue(fields={"pangkat_baru": "Penata Tingkat I, III/d", "tmt": first.isoformat()}).status_code == 201
    why = _refused(issue, "sk_kenaikan_pangkat", {"pangkat_baru": "Pembina, IV/a",
                                                  "tmt": _first_of_month(12).isoformat()}, "tmt")
    assert first.replace(year=first.year + 4).isoformat() in why and "reguler" in why
    why = _refused(issue, "sk_kenaikan_pangkat", {"pangkat_baru": "Pembina, IV/a", "jenis_kenaikan": "Pilihan",
                                                  "tmt": _first_of_month(6).isoformat()}, "tmt")
    assert first.replace(year=first.year + 1).isoformat() in why
    answer = issue(fields={"pangkat_baru": "Pembina, IV/a", "jenis_kenaikan": "Pilihan",
                           "tmt": _first_of_month(12).isoformat()})
    assert answer.status_code == 201, answer.json()
    assert Employee.objects.get(pk=dewi.pk).golongan == "IV/a"
    assert IssuedDocument.objects.get(pk=answer.json()["id"]).fields["jenis_kenaikan"] == "Pilihan"


def test_a_promotion_without_a_kind_is_decreed_as_regular(issue, dewi):
    answer = issue(fields={"pangkat_baru": "Penata Tingkat I, III/d", "tmt": _first_of_month(0).isoformat()})
    assert answer.status_code == 201
    assert IssuedDocument.objects.get(pk=answer.json()["id"]).fields["jenis_kenaikan"] == "Reguler"


@pytest.mark.parametrize("pendidikan, rank", [
    ("S1 Keperawatan", "III/a"), ("S-2 Manajemen", "III/b"), ("S.3", "III/c"), ("D-III Kebidanan", "II/c"),
    ("D IV Akuntansi", "III/a"), ("D3", "II/c"), ("SMA IPA", "II/a"), ("SLTP", "I/c"), ("SD", "I/a"),
    ("Sarjana Hukum", None), ("", None), ("Diploma", None)])
def test_the_rank_a_diploma_gives(pendidikan, rank):
    assert diploma_rank(pendidikan) == rank
