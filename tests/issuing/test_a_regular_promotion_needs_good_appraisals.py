"""A regular promotion asks for an SKP of at least Baik in each of the last two years (PP 99/2000 Pasal 7):
an SKP line on the record rated below it (Butuh Perbaikan, Kurang, Sangat Kurang; on the older scale Cukup)
for one of the two years before the TMT refuses the decree before a number is taken, naming it. The
other kinds of promotion, a good appraisal, an older or revoked line, and no SKP on record refuse nothing."""
import datetime as dt

import pytest
from django.utils import timezone

from archive.services.demo import DEMO_PEGAWAI_NIP
from people.models import Employee, HistoryEntry
from tests.support.refusals import refused_taking_nothing

pytestmark = pytest.mark.django_db

PROMOTION = {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}  # due for Dewi on the demo's record


@pytest.fixture
def dewi(demo):
    return Employee.objects.get(nip=DEMO_PEGAWAI_NIP)


def _skp(employee, title, year=None, revoked=False):
    return HistoryEntry.objects.create(employee=employee, kind=HistoryEntry.Kind.SKP, title=title,
                                       effective_date=dt.date(year, 12, 31) if year else None,
                                       revoked_at=timezone.now() if revoked else None)


def test_an_appraisal_below_baik_in_the_last_two_years_refuses_a_regular_promotion(issue, dewi):
    _skp(dewi, "SKP 2025: Baik", 2025)
    _skp(dewi, "SKP 2024 — predikat Butuh Perbaikan")  # no date: the year in its title
    _skp(dewi, "SKP 2022: Kurang", 2022)  # older than two years: not asked
    body = refused_taking_nothing(lambda: issue(template="sk_kenaikan_pangkat", fields=PROMOTION))
    assert "SKP 2024: Butuh Perbaikan" in body["errors"]["employee"]
    assert "2022" not in body["errors"]["employee"] and "2025" not in body["errors"]["employee"]

    # a promotion of another kind does not ask for it
    assert issue(template="sk_kenaikan_pangkat", fields={**PROMOTION, "jenis_kenaikan": "Pilihan"}).status_code == 201


def test_good_appraisals_revoked_lines_and_an_empty_record_refuse_nothing(issue, dewi):
    _skp(dewi, "SKP 2025: Sangat Baik (sedang diverifikasi; perilaku cukup baik)", 2025)
    _skp(dewi, "SKP 2024: Baik", 2024)
    _skp(dewi, "SKP 2024: Sangat Kurang", 2024, revoked=True)
    assert issue(template="sk_kenaikan_pangkat", fields=PROMOTION).status_code == 201


def test_the_older_scale_counts_too(issue, dewi):
    _skp(dewi, "DP3/SKP 2025 nilai 70,5 (Cukup)", 2025)
    body = refused_taking_nothing(lambda: issue(template="sk_kenaikan_pangkat", fields=PROMOTION))
    assert "SKP 2025: Cukup" in body["errors"]["employee"]


def test_the_due_list_says_a_promotion_waits_for_a_good_appraisal(dewi, users, api_client_for):
    today = timezone.localdate()
    next_month = dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)
    HistoryEntry.objects.create(employee=dewi, kind=HistoryEntry.Kind.PANGKAT, title="Penata, III/c",
                                effective_date=next_month.replace(year=next_month.year - 4))  # due next month
    admin = api_client_for(users["admin"])

    def due():
        answer = admin.get("/api/v1/due/", {"kind": "kenaikan_pangkat", "within_days": 500})
        [item] = [i for i in answer.json()["results"] if i["employee"]["nip"] == dewi.nip]
        return item

    assert "SKP" not in due()["detail"]
    _skp(dewi, "SKP: Kurang", next_month.year - 1)
    assert f"kenaikan pangkat reguler menunggu SKP paling rendah Baik: SKP {next_month.year - 1}: Kurang" \
        in due()["detail"]


def test_an_skp_line_is_proposed_with_its_year_and_rating(dewi, users, letter, api_client_for,
                                                         django_capture_on_commit_callbacks):
    """So the rule above can read it: a data update adding an SKP line names the rating and the year."""
    import io

    pegawai = api_client_for(users["pegawai"])

    def propose(**body):
        scan = io.BytesIO(letter(dewi, "SASARAN KINERJA PEGAWAI"))
        scan.name = "skp.pdf"
        with django_capture_on_commit_callbacks(execute=True):
            return pegawai.post("/api/v1/data-updates/", {"employee": dewi.nip, "history_kind": "skp", "file": scan,
                                                          **body}, format="multipart", HTTP_ACCEPT_LANGUAGE="id")

    vague = propose(value="SKP tahunan")
    assert vague.status_code == 400 and "SKP 2025: Baik" in vague.json()["detail"]
    assert propose(value="Butuh Perbaikan").status_code == 400  # no year
    assert propose(value="SKP 2025: Butuh Perbaikan").status_code == 201
    assert propose(value="Predikat Sangat Baik", effective_date="2024-12-31").status_code == 201
