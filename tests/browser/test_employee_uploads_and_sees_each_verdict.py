"""An employee, on a phone-sized screen, uploads a legible and an illegible scan through the
upload page and sees each verdict: the first awaits verification, the second needs a rescan and
says why, in Indonesian."""
import pytest


@pytest.fixture
def employee_login(employee_of_scan, make_user):
    employee = employee_of_scan("scan_000.jpg")
    return make_user("pegawai-uji", "employee", nip=employee.nip)


def upload(page, corpus, filename: str, document_type: str):
    page.goto("/dokumen/unggah/")
    page.select_option("#document_type", document_type)
    page.set_input_files("#file", str(corpus / "scans-dev" / filename))
    with page.expect_navigation(timeout=180_000):  # OCR runs before the answer on the embedded default
        page.click("main button[type=submit]")


def test_employee_uploads_and_sees_each_verdict(phone_page, corpus, employee_login, login, shot):
    page = phone_page
    login(page, employee_login)

    upload(page, corpus, "scan_000.jpg", "sk_kenaikan_pangkat")
    shot(page, "legible-scan")
    assert "/dokumen/" in page.url
    assert "Menunggu verifikasi" in page.inner_text("main")

    upload(page, corpus, "scan_001.jpg", "sk_cpns")
    shot(page, "illegible-scan")
    text = page.inner_text("main")
    assert "Perlu pindai ulang" in text
    assert page.locator("main li").count() >= 1, "the reasons to rescan are listed"
    widest = page.evaluate("Math.max(...[...document.querySelectorAll('main > *')]"
                           ".map(e => e.getBoundingClientRect().right))")
    assert widest <= 390 + 1, "everything fits the phone's width (wide tables scroll inside themselves)"
    assert page.console_errors == []
