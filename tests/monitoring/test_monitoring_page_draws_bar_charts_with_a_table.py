"""The monitoring page draws its charts as SVG on the server (no script, no library): one labelled
bar per unit, with the same numbers in a table; a fasilitator sees their units only."""
import re

import pytest

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_bars_per_unit_and_the_numbers_in_a_table(client, users, upload, letter):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    upload(users["pegawai"], letter(dewi, "KTP"), nip=dewi.nip, document_type="ktp")
    client.force_login(users["fasilitator"])
    page = client.get("/pemantauan/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    backlog_chart = page.split('id="chart-backlog"')[1].split("</svg>")[0]
    assert 'role="img"' in page.split('id="chart-backlog"')[0][-200:] + backlog_chart[:200]
    assert "<title" in backlog_chart and "<desc" in backlog_chart
    bars = re.findall(r'<rect class="bar backlog" x="\d+" y="[\d.]+" width="([\d.]+)"', backlog_chart)
    assert len(bars) == 2  # DINKES-YANKES and DINKES-SEK, the fasilitator's units
    assert float(bars[0]) > 0 and float(bars[1]) == 0  # one scan waits in DINKES-YANKES
    table = page.split('id="monitoring-table"')[1]
    assert 'data-unit="DINKES-YANKES"' in table and 'data-unit="BKD-MUT"' not in table
    assert "<script" not in page.split("<main>")[1]
    client.force_login(users["pegawai"])
    assert client.get("/pemantauan/").status_code == 403
