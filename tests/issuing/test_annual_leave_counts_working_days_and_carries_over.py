"""Annual leave is counted as PP 11/2017 counts it: in working days, so the national holidays (fixed ones
built in, the year's moving holidays and cuti bersama recorded by an administrator) are not leave days;
and a year's own 12 days are joined by what the year before left unused (at most 6), or by 12 when the
right went wholly unused two years running (Pasal 312). A refusal says how the balance is made up and which
days were not counted; the employee record shows the account."""
import datetime as dt

import pytest

from archive.services.demo import DEMO_PEGAWAI_NIP
from people.models import Employee
from people.services.employees import employee_create
from tests.support.refusals import refused_taking_nothing

pytestmark = pytest.mark.django_db

YEAR = 2032  # ahead: no leave of the demo in it or in the two before; 17 August on a Tuesday


def _monday_of_week_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=7 - day.weekday())


def _leave(issue, start: dt.date, end: dt.date, nip: str = DEMO_PEGAWAI_NIP):
    return issue(template="izin_cuti", nip=nip, fields={
        "jenis_cuti": "Cuti Tahunan", "tanggal_mulai": start.isoformat(), "tanggal_selesai": end.isoformat()})


def _record(client, day: dt.date, name: str, **extra):
    return client.post("/api/v1/holidays/", {"date": day.isoformat(), "name": name, **extra}, format="json",
                       HTTP_ACCEPT_LANGUAGE="id")


def test_holidays_and_cuti_bersama_are_not_leave_days(demo, users, api_client_for, issue):
    admin = api_client_for(users["admin"])
    monday = _monday_of_week_after(dt.date(YEAR, 3, 1))
    assert _record(admin, monday + dt.timedelta(days=2), "Hari Suci Nyepi").status_code == 201
    assert _record(admin, monday + dt.timedelta(days=3), "Cuti Bersama Nyepi", kind="cuti_bersama").status_code == 201

    calendar = admin.get(f"/api/v1/holidays/?year={YEAR}").json()
    assert {"date": f"{YEAR}-08-17", "name": "Hari Kemerdekaan Republik Indonesia", "kind": "libur_nasional",
            "fixed": True, "reduces_annual_leave": False} in calendar
    assert [d["name"] for d in calendar if not d["fixed"]] == ["Hari Suci Nyepi", "Cuti Bersama Nyepi"]

    granted = _leave(issue, monday, monday + dt.timedelta(days=6))  # Monday to Sunday: 5 weekdays, 2 off
    assert granted.status_code == 201, granted.json()
    record = admin.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").json()
    assert [h["details"]["days"] for h in record["history"] if h["kind"] == "cuti"] == [3]

    # a week with 17 August (fixed in law, nothing recorded): four days asked of the five weekdays
    august = dt.date(YEAR, 8, 17)
    week = august - dt.timedelta(days=august.weekday())
    why = refused_taking_nothing(lambda: _leave(issue, week - dt.timedelta(days=14), week + dt.timedelta(days=4)))
    assert "tanggal_selesai" in why["errors"], why
    assert f"{YEAR}-08-17 Hari Kemerdekaan Republik Indonesia" in why["errors"]["tanggal_selesai"]
    assert why["errors"]["tanggal_selesai"].startswith("14 hari kerja diminta, sisa cuti tahunan tahun ini 9 hari")

    wednesday = monday + dt.timedelta(days=16)
    assert _record(admin, wednesday, "Hari Raya Waisak").status_code == 201
    only_holidays = refused_taking_nothing(lambda: _leave(issue, wednesday, wednesday))
    assert "tidak ada hari kerja" in only_holidays["errors"]["tanggal_selesai"]


def test_only_an_administrator_records_the_calendar_and_the_fixed_days_are_given(demo, users, api_client_for):
    fasilitator = api_client_for(users["fasilitator"])
    assert _record(fasilitator, dt.date(YEAR, 3, 20), "Idul Fitri").status_code == 403
    assert fasilitator.get(f"/api/v1/holidays/?year={YEAR}").status_code == 200  # everyone may read it

    admin = api_client_for(users["admin"])
    fixed = _record(admin, dt.date(YEAR, 6, 1), "Pancasila")
    assert fixed.status_code == 400 and "Hari Lahir Pancasila" in fixed.json()["errors"]["date"]
    charged = _record(admin, dt.date(YEAR, 3, 20), "Idul Fitri", reduces_annual_leave=True)
    assert charged.status_code == 400 and "reduces_annual_leave" in charged.json()["errors"]

    assert _record(admin, dt.date(YEAR, 3, 20), "Hari Raya Idul Fitri").status_code == 201
    assert admin.delete(f"/api/v1/holidays/{YEAR}-03-20/").status_code == 204
    assert admin.delete(f"/api/v1/holidays/{YEAR}-06-01/").status_code == 404  # fixed: nothing to remove
    assert admin.get("/api/v1/audit/?action=holiday.remove").json()["count"] == 1


def test_cuti_bersama_charged_to_annual_leave_lowers_the_balance(demo, users, api_client_for):
    admin = api_client_for(users["admin"])
    monday = _monday_of_week_after(dt.date(YEAR, 4, 1))
    assert _record(admin, monday, "Cuti Bersama", kind="cuti_bersama", reduces_annual_leave=True).status_code == 201
    assert _record(admin, monday - dt.timedelta(days=1), "Cuti Bersama (Minggu)", kind="cuti_bersama",
                   reduces_annual_leave=True).status_code == 201  # a Sunday costs no leave
    from people.selectors_record import leave_account

    account = leave_account(Employee.objects.get(nip=DEMO_PEGAWAI_NIP), YEAR)
    assert (account.joint_leave, account.left) == (1, 11)


def test_a_year_carries_what_the_years_before_left_unused(demo, issue, settings):
    settings.LEAVE_RECORDS_SINCE_YEAR = YEAR - 2
    from people.selectors_record import leave_account

    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    assert leave_account(dewi, YEAR).carried == 12  # two years wholly unused: 24 with the year's own

    before = _monday_of_week_after(dt.date(YEAR - 1, 2, 1))
    assert _leave(issue, before, before + dt.timedelta(days=1)).status_code == 201  # 2 days the year before
    assert (leave_account(dewi, YEAR).carried, leave_account(dewi, YEAR).left) == (6, 18)  # at most 6 carried

    assert _leave(issue, before + dt.timedelta(days=7), before + dt.timedelta(days=13)).status_code == 201  # 5 more
    assert (leave_account(dewi, YEAR).carried, leave_account(dewi, YEAR).left) == (5, 17)

    start = _monday_of_week_after(dt.date(YEAR, 2, 1))
    why = refused_taking_nothing(lambda: _leave(issue, start, start + dt.timedelta(days=23)))  # 18 working days
    assert why["errors"]["tanggal_selesai"].startswith(
        f"18 hari kerja diminta, sisa cuti tahunan tahun ini 17 hari (12 untuk {YEAR} + 5 dibawa dari tahun "
        "sebelumnya)")
    assert _leave(issue, start, start + dt.timedelta(days=22)).status_code == 201  # 17 working days
    assert leave_account(dewi, YEAR).left == 0

    # nothing is carried from a year before the system kept leave, nor for a PPPK (PP 49/2018)
    settings.LEAVE_RECORDS_SINCE_YEAR = YEAR
    assert leave_account(dewi, YEAR).carried == 0
    settings.LEAVE_RECORDS_SINCE_YEAR = YEAR - 2
    pppk = employee_create(nip="199105052019032001", nama="Rina Lestari", golongan="IX", unit=dewi.unit)
    assert leave_account(pppk, YEAR).carried == 0


def test_the_employee_record_shows_this_years_account(demo, users, api_client_for, issue):
    from django.utils import timezone

    today = timezone.localdate()
    monday = _monday_of_week_after(dt.date(today.year, 2, 1))
    assert _leave(issue, monday, monday + dt.timedelta(days=1)).status_code == 201
    record = api_client_for(users["pegawai"]).get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").json()
    assert record["annual_leave"] == {"year": today.year, "entitlement": 12, "carried_over": 0, "taken": 2,
                                      "cuti_bersama": 0, "left": 10}
    assert record["annual_leave_left"] == 10


def test_the_employee_and_their_fasilitator_see_the_account_on_their_pages(demo, users, client):
    from django.utils import timezone

    client.force_login(users["pegawai"])
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Cuti tahunan {timezone.localdate().year}: sisa 12 hari kerja (12 untuk" in home
    client.force_login(users["fasilitator"])
    page = client.get(f"/pegawai/{DEMO_PEGAWAI_NIP}/").content.decode()
    assert 'class="annual-leave" data-left="12"' in page


def test_an_administrator_keeps_the_calendar_on_its_page(demo, users, client):
    client.force_login(users["admin"])
    page = client.get(f"/kalender-libur/?tahun={YEAR}").content.decode()
    assert f'data-date="{YEAR}-08-17" data-fixed' in page and "Kalender hari libur" in page
    wrong = client.post("/kalender-libur/", {"tahun": YEAR, "tanggal": f"{YEAR}-03-10", "nama": " "})
    assert wrong.status_code == 400 and "Tulis nama hari liburnya" in wrong.content.decode()
    added = client.post("/kalender-libur/", {"tanggal": f"{YEAR}-03-10", "nama": "Hari Suci Nyepi",
                                             "jenis": "libur_nasional"}, follow=True)
    assert f'data-date="{YEAR}-03-10"' in added.content.decode() and "dicatat" in added.content.decode()
    removed = client.post("/kalender-libur/", {"tanggal": f"{YEAR}-03-10", "hapus": "1"}, follow=True)
    assert f'data-date="{YEAR}-03-10"' not in removed.content.decode()

    client.force_login(users["fasilitator"])
    assert client.get("/kalender-libur/").status_code == 403


def test_no_annual_leave_before_a_year_of_service_nor_in_a_year_of_cuti_besar(demo, issue):
    from django.utils import timezone

    from people.selectors_record import leave_account

    today = timezone.localdate()
    new = employee_create(nip=f"19980210{today:%Y%m}1001", nama="Rizky Pratama", golongan="III/a",
                          unit=Employee.objects.get(nip=DEMO_PEGAWAI_NIP).unit)
    assert (leave_account(new, today.year).entitlement, leave_account(new, today.year).left) == (0, 0)
    assert leave_account(new, today.year + 1).entitlement == 12  # a year in, within the next year

    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    start = dt.date(YEAR, 2, 2)
    granted = issue(template="izin_cuti", fields={"jenis_cuti": "Cuti Besar", "tanggal_mulai": start.isoformat(),
                                                  "tanggal_selesai": (start + dt.timedelta(days=30)).isoformat()})
    assert granted.status_code == 201, granted.json()
    assert leave_account(dewi, YEAR).left == 0 and leave_account(dewi, YEAR + 1).entitlement == 12
