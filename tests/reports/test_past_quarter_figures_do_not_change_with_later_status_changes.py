"""The quarterly report counts as of its quarter, from the dated status history: a past quarter
gives the same figures (and the same report content) before and after later changes — a
pensiun recorded with a TMT after the quarter, a new CPNS appointed after it — while the quarter
those changes fall in counts them."""
import datetime as dt

import pytest
from django.utils import timezone

from people.models import Employee, Unit
from people.selectors_status import employees_on_roll
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.status import status_period_record
from people.services.employees import employee_create
from reports.quarterly import Quarter, quarterly_figures, quarterly_report_content

pytestmark = pytest.mark.django_db


def _quarters(today: dt.date) -> tuple[Quarter, Quarter]:
    current = Quarter(today.year, (today.month - 1) // 3 + 1)
    previous = Quarter(today.year - 1, 4) if current.number == 1 else Quarter(today.year, current.number - 1)
    return previous, current


def _row(figures, agency):
    return next(r for r in figures["headcount"] if r["agency"] == agency)


def test_past_quarter_is_the_same_before_and_after_later_changes(users):
    today = timezone.localdate()
    past, current = _quarters(today)
    past_before = quarterly_figures(past)
    current_before = quarterly_figures(current)
    report_before = quarterly_report_content(past, past_before)

    # After the quarter: Dewi retires (TMT in the current quarter, recorded today), a CPNS is appointed.
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    retires_on = min(today, current.first_day + dt.timedelta(days=31))
    status_period_record(employee=dewi, status="pensiun", effective_from=retires_on, actor=users["admin"],
                         reason="Batas usia pensiun")
    employee_create(nip=f"19990202{current.first_day:%Y%m}2001", nama="Sinta Maharani", status_kepegawaian="CPNS",
                    unit=Unit.objects.get(code="DINKES-YANKES"))
    dewi.refresh_from_db()
    assert dewi.status == "pensiun"  # today's columns did change

    past_after = quarterly_figures(past)
    assert past_after == past_before
    assert quarterly_report_content(past, past_after) == report_before  # the signed report's content too

    current_after = quarterly_figures(current)
    before, after = _row(current_before, "DINKES"), _row(current_after, "DINKES")
    assert (after["active"], after["joined"], after["left"]) == (before["active"], before["joined"] + 1,
                                                                 before["left"] + 1)
    assert after["active"] == employees_on_roll(today).filter(unit__agency__code="DINKES").count()
    files_before = next(r for r in current_before["files"] if r["agency"] == "DINKES")
    files_after = next(r for r in current_after["files"] if r["agency"] == "DINKES")
    assert files_after["employees"] == files_before["employees"]  # one left, one joined
    assert past_after["as_of"] == past.last_day and current_after["as_of"] == today


def test_a_revoked_status_stops_counting_for_every_quarter(users):
    """A decree found wrong and revoked is as if never recorded: the quarter it touched is counted
    again without it (the figures follow the corrected history, not the moment they were asked)."""
    from people.models import StatusPeriod
    from people.services.status import status_period_revoke

    today = timezone.localdate()
    past, _current = _quarters(today)
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    before = _row(quarterly_figures(past), "DINKES")
    period = status_period_record(employee=dewi, status="pindah_keluar", effective_from=past.first_day,
                                  actor=users["admin"], reason="Pindah ke Kabupaten Sidoarjo")
    moved = _row(quarterly_figures(past), "DINKES")
    assert (moved["active"], moved["left"]) == (before["active"] - 1, before["left"] + 1)
    status_period_revoke(period=StatusPeriod.objects.get(pk=period.pk))
    assert _row(quarterly_figures(past), "DINKES") == before
    dewi.refresh_from_db()
    assert dewi.status == "pns"
