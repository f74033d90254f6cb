"""axe-core 4.14 (npm, tests/support/axe, WCAG 2.0/2.1 A and AA rules) finds no violation on the pages
of each role, at desktop width and at 390 px."""
import json
from pathlib import Path

import pytest

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from tests.browser.test_every_page_fits_a_phone_in_indonesian_on_an_english_browser import PAGES
from tests.support.services import service_missing

AXE = Path(__file__).resolve().parents[1] / "support" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
RUN = """async () => JSON.stringify((await axe.run(document, {runOnly: {type: 'tag',
  values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v => ({id: v.id,
  nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"""


@pytest.mark.parametrize("role", ["pegawai", "fasilitator", "admin"])
def test_no_axe_violation(browser, live_server, transactional_db, users, upload, letter, login, role):
    if not AXE.exists():
        service_missing("axe-core is not installed (make test-axe: npm ci in tests/support/axe)")
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    document = upload(users["pegawai"], letter(dewi, "SURAT KETERANGAN"), nip=dewi.nip, document_type="ktp").json()["id"]
    found = {}
    for width, height in ((1280, 900), (390, 844)):
        # the script is injected by the test, so the page's Content-Security-Policy is set aside here only
        context = browser.new_context(base_url=live_server.url, locale="id-ID", bypass_csp=True,
                                      viewport={"width": width, "height": height})
        page = login(context.new_page(), users[role])
        for path in PAGES[role]:
            url = path.format(document=document, nip=dewi.nip)
            page.goto(url)
            page.add_script_tag(path=str(AXE))
            for violation in json.loads(page.evaluate(RUN)):
                found.setdefault(f"{url} @{width}: {violation['id']}", violation["nodes"])
        context.close()
    assert found == {}
