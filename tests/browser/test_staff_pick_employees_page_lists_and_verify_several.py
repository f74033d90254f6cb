"""In Chromium: the administrator finds an employee by name on the issuing page (autocomplete, keyboard
choice fills the NIP); the fasilitator moves through the queue's pages and verifies two clean scans at
once after seeing their thumbnails, while the flagged one stays in the queue."""

from documents.models import Document
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP


def test_picker_finds_by_name_and_by_nip(page, users, login, shot):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    login(page, users["admin"])
    page.goto("/terbitkan/?template=kgb")
    field = page.locator("#employee")
    field.fill(dewi.nama.split()[0][:4])
    option = page.locator("#employee-options [role=option]", has_text=dewi.nama)
    option.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    shot(page, "suggestions")
    selected = page.locator("#employee-options [aria-selected=true]")
    for _ in range(10):  # down the list with the keyboard to Dewi
        field.press("ArrowDown")
        if selected.get_attribute("data-nip") == dewi.nip:
            break
    field.press("Enter")
    assert field.input_value() == dewi.nip
    assert dewi.nama in page.locator("#employee-chosen").inner_text()
    field.fill(dewi.nip[:10])
    page.locator("#employee-options [role=option]", has_text=dewi.nama).wait_for()
    assert page.console_errors == []


def test_queue_pages_and_bulk_verify(page, users, upload, letter, login, shot, settings):
    settings.LIST_PAGE_SIZE = 2
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)

    def filed(title, kind, **kwargs):
        return upload(users["pegawai"], letter(dewi, title, **kwargs), nip=dewi.nip, document_type=kind).json()["id"]

    flagged = filed("KARTU TANDA PENDUDUK", "ktp", nip="199001012015031001", nama="Budi Santoso")
    clean = [filed("IJAZAH SARJANA", "ijazah"), filed("SASARAN KINERJA PEGAWAI 2025", "skp")]
    login(page, users["fasilitator"])
    page.goto("/verifikasi/")
    assert "Halaman 1 dari 2" in page.locator("nav.pager").inner_text()
    rows = page.locator("#queue tbody tr")
    assert rows.count() == 2 and page.locator(f'#queue tr[data-document="{clean[1]}"]').count() == 0
    page.get_by_role("link", name="Berikutnya").click()
    page.locator(f'#queue tr[data-document="{clean[1]}"]').wait_for()
    shot(page, "page-2")
    settings.LIST_PAGE_SIZE = 25
    page.goto("/verifikasi/")
    assert rows.count() == 3
    for i in range(rows.count()):  # each thumbnail is shown before ticking
        thumb = rows.nth(i).locator("img.queue-thumb")
        thumb.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    shot(page, "page-1")
    for pk in clean:
        page.check(f"#pilih-{pk}")
    assert page.locator(f"#pilih-{flagged}").count() == 0
    page.click("#bulk-verify-button")
    page.wait_for_load_state()
    shot(page, "after")
    assert "2 pindaian diverifikasi." in page.locator("main").inner_text()
    assert {Document.objects.get(pk=pk).status for pk in clean} == {"verified"}
    assert Document.objects.get(pk=flagged).status == "awaiting_verification"
    assert page.locator(f'#queue tr[data-document="{flagged}"]').count() == 1
    assert page.console_errors == []
