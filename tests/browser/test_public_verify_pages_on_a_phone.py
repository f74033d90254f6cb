"""Anyone with a phone: the QR target page and the upload-to-verify page fit a phone screen, say the
status plainly, and switch to English."""
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP


def test_public_verify_pages_on_a_phone(phone_page, users, shot, signing_settings, tmp_path):
    from issuing.services.issuing import issued_content, issued_document_issue

    from concurrent.futures import ThreadPoolExecutor

    # Signing runs an event loop of its own: not in this thread, where Playwright's loop runs.
    def issue():
        from django.db import connection

        try:
            return issued_document_issue(actor=users["admin"], template="sk_kenaikan_pangkat",
                                         employee=Employee.objects.get(nip=DEMO_PEGAWAI_NIP),
                                         fields={"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"})
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as thread:
        issued = thread.submit(issue).result()
    page = phone_page
    page.goto(f"/verify/{issued.token}")
    assert page.locator(".status-banner").get_attribute("data-status") == "current"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "qr-target")

    pdf = tmp_path / "sk.pdf"
    pdf.write_bytes(issued_content(issued))
    page.get_by_role("link", name="Periksa berkas PDF-nya").click()
    page.wait_for_url("**/verify/")
    page.set_input_files("#file", str(pdf))
    with page.expect_navigation():
        page.get_by_role("button", name="Periksa").click()
    assert page.locator(".result").get_attribute("data-status") == "current"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "upload-checked")

    page.select_option("#lang", "en")  # applied with its button, not on change (WCAG 3.2.2)
    with page.expect_navigation():
        page.click("#lang-apply")
    assert page.locator("h1").inner_text() == "Check a document"
    shot(page, "english")
    assert page.console_errors == []
