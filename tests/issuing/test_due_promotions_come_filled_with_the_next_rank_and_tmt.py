"""Employees ticked on the due list open the bulk issue page with what their record already decides
filled in: for a promotion the next rank and the TMT it falls due, for a pension the BUP and its date;
what the record cannot know (a KGB's new salary) is left empty. The filled lines pass the decree rules."""
import csv
import datetime as dt
import html
import io
import re

import pytest
from django.utils import timezone

from people.models import Employee, Unit
from people.selectors_record import pension_date
from people.services.employees import employee_create

pytestmark = pytest.mark.django_db


def _first_of_next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _rows(client, template, nips) -> list[list[str]]:
    page = client.get("/terbitkan/massal/", {"template": template, "nip": nips}).content.decode()
    text = re.search(r'<textarea id="rows"[^>]*>(.*?)</textarea>', page, re.S)[1]
    return list(csv.reader(io.StringIO(html.unescape(text).strip())))


@pytest.fixture
def due_for_promotion(users):
    """A PNS III/b whose CPNS began eight years before the first of next month: due then (every four years)."""
    due = _first_of_next_month(timezone.localdate())
    nip = f"19900512{due.year - 8:04d}{due.month:02d}1001"
    employee = employee_create(nip=nip, nama="Pegawai Jatuh Tempo", unit=Unit.objects.get(code="DINKES-YANKES"),
                               golongan="III/b", jabatan="Analis Kepegawaian Ahli Pertama", pendidikan="S1")
    return employee, due


def test_a_due_promotion_comes_with_the_next_rank_and_its_tmt(client, users, due_for_promotion, api_client_for):
    employee, due = due_for_promotion
    client.force_login(users["admin"])
    header, line = _rows(client, "sk_kenaikan_pangkat", [employee.nip])
    fields = dict(zip(header[1:], line[1:]))
    assert line[0] == employee.nip
    assert fields == {"pangkat_baru": "Penata, III/c", "tmt": due.isoformat(), "jenis_kenaikan": "Reguler"}
    preview = api_client_for(users["admin"]).post("/api/v1/issued-documents/preview/", {
        "template": "sk_kenaikan_pangkat", "employee": employee.nip, "fields": fields}, format="json")
    assert preview.status_code == 200, preview.content[:300]


def test_a_pension_comes_with_the_bup_and_a_kgb_leaves_the_salary_empty(client, users, due_for_promotion):
    employee, _ = due_for_promotion
    client.force_login(users["admin"])
    header, line = _rows(client, "sk_pensiun", [employee.nip])
    assert dict(zip(header[1:], line[1:])) == {"jenis_pensiun": "Batas Usia Pensiun",
                                               "tmt": pension_date(Employee.objects.get(pk=employee.pk)).isoformat()}
    header, line = _rows(client, "kgb", [employee.nip])
    fields = dict(zip(header[1:], line[1:]))
    assert fields["gaji_baru"] == "" and re.fullmatch(r"\d{4}-\d{2}-01", fields["tmt"])


def test_an_employee_the_administrator_cannot_see_or_not_due_gets_an_empty_line(client, users):
    client.force_login(users["admin"])
    header, line = _rows(client, "sk_kenaikan_pangkat", ["199001012015011999"])  # no such employee
    assert line == ["199001012015011999", "", "", ""]
