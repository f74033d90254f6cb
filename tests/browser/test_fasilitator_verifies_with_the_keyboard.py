"""A fasilitator works the queue in a real browser: opens the oldest scan, sees its page beside the
record, verifies it with the `v` key, lands on the next scan, and the verified one has left the queue."""
from documents.models import Document
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP


def test_fasilitator_verifies_with_the_keyboard(page, users, upload, letter, login, shot):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    first, second = (upload(users["pegawai"], letter(dewi, title), nip=dewi.nip, document_type=kind).json()["id"]
                     for title, kind in (("KARTU TANDA PENDUDUK", "ktp"), ("KARTU KELUARGA", "kartu_keluarga")))
    login(page, users["fasilitator"])
    page.goto("/verifikasi/")
    shot(page, "queue")
    rows = page.locator("#queue tbody tr")
    assert rows.count() == 2 and rows.first.get_attribute("data-document") == str(first)

    rows.first.get_by_role("link", name="Periksa").click()
    page.wait_for_url(f"**/verifikasi/{first}/")
    scan = page.get_by_role("img", name="Halaman 1 dari 1 pindaian")
    scan.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=scan.element_handle())
    assert page.locator('[data-field="nama"][data-check="match"]').is_visible()
    page.get_by_role("button", name="Perbesar").click()
    assert page.locator("[data-zoom-label]").inner_text() == "125%"
    shot(page, "side-by-side")

    page.locator("#note").fill("v tidak boleh memicu keputusan saat mengetik")
    assert Document.objects.get(pk=first).status == "awaiting_verification"
    page.locator("#note").fill("")
    page.keyboard.press("Escape")
    page.keyboard.press("v")
    page.wait_for_url(f"**/verifikasi/{second}/")
    shot(page, "next-scan")
    assert page.get_by_role("status").first.inner_text().startswith("Keputusan tersimpan")
    assert Document.objects.get(pk=first).status == "verified"

    page.goto("/verifikasi/")
    shot(page, "queue-after")
    assert [r.get_attribute("data-document") for r in page.locator("#queue tbody tr").all()] == [str(second)]
    assert page.console_errors == []


def test_queue_and_verification_page_fit_a_phone(phone_page, users, upload, letter, login, shot):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    document = upload(users["pegawai"], letter(dewi, "KARTU TANDA PENDUDUK"), nip=dewi.nip,
                      document_type="ktp").json()["id"]
    login(phone_page, users["fasilitator"])
    phone_page.goto("/verifikasi/")
    shot(phone_page, "queue-phone")
    phone_page.goto(f"/verifikasi/{document}/")
    scan = phone_page.locator(".page img").first
    phone_page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=scan.element_handle())
    shot(phone_page, "verify-phone")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px phone"
    assert phone_page.console_errors == []
