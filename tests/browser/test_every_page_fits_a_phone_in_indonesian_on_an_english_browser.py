"""Each role walks its pages in Chromium set to English (Accept-Language en-US, as on most office PCs)
at 390 px: every page is Indonesian (no English msgid of locale/id shows in its text), carries the
navigation, and is no wider than the phone; a page the role may not open answers with the site's
403 page, an unknown address with its 404 page."""
import re
from pathlib import Path

import pytest

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PO = LOCALE / "id" / "LC_MESSAGES" / "django.po"
PAGES = {
    "pegawai": ["/", "/dokumen/unggah/", "/dokumen/{document}/", "/layanan/", "/peremajaan/usulan/", "/pemberitahuan/",
                "/jatuh-tempo/", "/akun/", "/akun/kata-sandi/"],
    "fasilitator": ["/", "/cari/?q=surat", "/verifikasi/", "/verifikasi/{document}/", "/dokumen/{document}/",
                    "/pegawai/{nip}/", "/layanan/", "/peremajaan/", "/pemantauan/", "/alih-media/", "/pemberitahuan/",
                    "/jatuh-tempo/"],
    "admin": ["/", "/terbitkan/?template=kgb", "/terbitkan/massal/?template=kgb", "/diterbitkan/",
              "/layanan/katalog/", "/laporan/triwulan/", "/pengguna/", "/tinjauan-akses/", "/pemantauan/", "/draf/",
              "/kalender-libur/"],
}


def _english_phrases() -> list[str]:
    """Every msgid of three words or more whose Indonesian differs (or is missing): seen on an
    Indonesian page, it is an untranslated string. Placeholders split a msgid into its literal parts."""
    text = PO.read_text(encoding="utf-8")
    # msgids written in Indonesian (model labels) are translated the other way, in locale/en
    indonesian = set(re.findall(r'^msgid "(.+)"$', (LOCALE / "en" / "LC_MESSAGES" / "django.po").read_text(), re.M))
    phrases = set()
    for block in text.split("\n\n"):
        if "msgid_plural" in block or "#, fuzzy" in block:
            continue
        found = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block, re.M)
        if not found:
            continue
        msgid = "".join(re.findall(r'"(.*)"', found[1])).replace('\\"', '"')
        msgstr = "".join(re.findall(r'"(.*)"', found[2])).replace('\\"', '"')
        if msgid == msgstr or msgid in indonesian:
            continue
        for part in re.split(r"%\(\w+\)[sd]|%s|%d|\{\{.*?\}\}", msgid):
            part = part.strip(" .,:;()—-")
            if len(part.split()) >= 3 and part not in msgstr:
                phrases.add(part)
    return sorted(phrases)


@pytest.fixture
def english_phone(browser, live_server, transactional_db, request):
    context = browser.new_context(base_url=live_server.url, locale="en-US", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True,
                                  extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    context.set_default_timeout(30000)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("role", ["pegawai", "fasilitator", "admin"])
def test_pages_are_indonesian_fit_a_phone_and_refuse_in_the_sites_layout(english_phone, users, upload, letter,
                                                                          login, shot, role):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    document = upload(users["pegawai"], letter(dewi, "SURAT KETERANGAN"), nip=dewi.nip, document_type="ktp").json()["id"]
    phrases = _english_phrases()
    assert len(phrases) > 300  # the catalogue was read
    page = login(english_phone, users[role])
    problems = []
    for path in PAGES[role]:
        url = path.format(document=document, nip=dewi.nip)
        answer = page.goto(url)
        if answer.status != 200:
            problems.append(f"{url}: {answer.status}")
            continue
        assert page.evaluate("document.documentElement.lang") == "id", url
        shot(page, url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            problems.append(f"{url} is {width}px wide")
        if page.locator("nav.main-nav").count() != 1:
            problems.append(f"{url} has no navigation")
        text = page.evaluate("document.body.innerText")
        problems += [f"{url} shows English: {p!r}" for p in phrases if p in text]
    assert problems == []

    refused = page.goto("/pemantauan/" if role == "pegawai" else "/tidak-ada-halaman/")
    assert refused.status == (403 if role == "pegawai" else 404)
    assert page.locator("nav.main-nav").count() == 1
    assert page.locator("h1").inner_text() in ("Tidak diizinkan", "Halaman tidak ditemukan")
    assert page.get_by_role("link", name="Kembali ke halaman awal").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
