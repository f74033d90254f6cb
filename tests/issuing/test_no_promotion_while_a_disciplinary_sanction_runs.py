"""A kenaikan pangkat is refused while a moderate or severe disciplinary sanction runs (its TMT and the
months it states, PP 94/2021): on the promotion's TMT — the refusal names the sanction, its last day and
the first TMT after it — or on the day the decree is made. A reprimand does not hold a promotion back,
and a revoked sanction no longer counts. The due list moves such a promotion to the first of the month
after the sanction, saying why."""
import datetime as dt

import pytest
from django.utils import timezone

from archive.services.demo import DEMO_PEGAWAI_NIP
from people.models import Employee
from tests.support.refusals import refused_taking_nothing

pytestmark = pytest.mark.django_db


def _first_of_month(months_from_now: int) -> dt.date:
    today = timezone.localdate()
    month = today.month - 1 + months_from_now
    return dt.date(today.year + month // 12, month % 12 + 1, 1)


@pytest.fixture
def dewi(demo):
    return Employee.objects.get(nip=DEMO_PEGAWAI_NIP)  # PNS, III/c, no rank history


def _sanction(issue, kind, tmt):
    answer = issue(template="sk_hukuman_disiplin", fields={"jenis_hukuman": kind, "pelanggaran": "Tidak masuk kerja",
                                                           "tmt": tmt.isoformat()})
    assert answer.status_code == 201, answer.json()
    return answer.json()


def _promotion(issue, tmt):
    return issue(fields={"pangkat_baru": "Penata Tingkat I, III/d", "tmt": tmt.isoformat(),
                         "jenis_kenaikan": "Pilihan"})


def _refused(issue, tmt, field):
    body = refused_taking_nothing(lambda: _promotion(issue, tmt))
    return body["errors"][field]


def test_a_promotion_falling_inside_a_sanction_is_refused_naming_its_end(issue, dewi):
    start = _first_of_month(0)
    _sanction(issue, "Penurunan Jabatan Setingkat Lebih Rendah selama 12 bulan", start)
    end = _first_of_month(12) - dt.timedelta(days=1)
    why = _refused(issue, _first_of_month(1), "tmt")
    assert "sedang menjalani hukuman disiplin" in why
    assert f"sampai {end.isoformat()}" in why and f"paling cepat {_first_of_month(12).isoformat()}" in why
    assert Employee.objects.get(pk=dewi.pk).golongan == "III/c"


def test_a_sanction_running_today_holds_back_a_promotion_dated_after_it(issue, dewi):
    _sanction(issue, "Pemotongan Tunjangan Kinerja 25% selama 6 bulan", _first_of_month(-4))
    why = _refused(issue, _first_of_month(4), "employee")  # the sanction ends before that TMT, but runs now
    assert f"sampai {(_first_of_month(2) - dt.timedelta(days=1)).isoformat()}" in why


def test_a_reprimand_does_not_hold_a_promotion_back(issue, dewi):
    _sanction(issue, "Teguran Tertulis", _first_of_month(0))
    assert _promotion(issue, _first_of_month(1)).status_code == 201
    assert Employee.objects.get(pk=dewi.pk).golongan == "III/d"


def test_a_revoked_sanction_no_longer_counts(issue, dewi, users, api_client_for):
    sanction = _sanction(issue, "Pembebasan dari Jabatan menjadi Jabatan Pelaksana selama 12 bulan",
                         _first_of_month(0))
    _refused(issue, _first_of_month(1), "tmt")
    revoked = api_client_for(users["admin"]).post(f"/api/v1/issued-documents/{sanction['id']}/revoke/",
                                                  {"reason": "Dibatalkan oleh putusan banding"}, format="json")
    assert revoked.status_code == 200, revoked.json()
    assert _promotion(issue, _first_of_month(1)).status_code == 201


def test_the_due_list_moves_a_promotion_past_a_running_sanction(issue, dewi, users, api_client_for):
    from people.models import HistoryEntry

    last_rank = _first_of_month(1 - 48)  # four years in the rank are up next month
    HistoryEntry.objects.create(employee=dewi, kind=HistoryEntry.Kind.PANGKAT, title="Penata, III/c",
                                effective_date=last_rank)
    admin = api_client_for(users["admin"])

    def due():
        answer = admin.get("/api/v1/due/", {"kind": "kenaikan_pangkat", "within_days": 500})
        return [i for i in answer.json()["results"] if i["employee"]["nip"] == dewi.nip]

    [item] = due()
    assert item["due_on"] == _first_of_month(1).isoformat()
    _sanction(issue, "Pemotongan Tunjangan Kinerja 25% selama 9 bulan", _first_of_month(0))
    [item] = due()
    assert item["due_on"] == _first_of_month(9).isoformat()
    assert f"sedang menjalani hukuman disiplin sampai {(_first_of_month(9) - dt.timedelta(days=1)).isoformat()}" \
        in item["detail"]


def test_a_sanction_is_named_beside_the_years_in_rank(issue, dewi):
    from people.models import HistoryEntry

    HistoryEntry.objects.create(employee=dewi, kind=HistoryEntry.Kind.PANGKAT, title="Penata, III/c",
                                effective_date=_first_of_month(-6))
    _sanction(issue, "Pemotongan Tunjangan Kinerja 25% selama 12 bulan", _first_of_month(0))
    why = _refused(issue, _first_of_month(1), "tmt")
    assert "setahun sesudah TMT pangkat terakhir" in why and "; pegawai sedang menjalani hukuman disiplin" in why
