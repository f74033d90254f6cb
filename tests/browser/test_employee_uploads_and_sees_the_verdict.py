"""An employee on a phone uploads a legible and an illegible scan in a real browser: the progress bar runs to
100 %, and each verdict (with the reasons for the illegible one) appears without reloading the page.
Berkas Saya then lists both documents with their states."""
import pytest

from tests.browser.conftest import MAKE_USER_PASSWORD

WATCH_PROGRESS = """() => {
  window.__seen = [];
  window.__pageId = Math.random();
  const box = document.getElementById('upload-progress-box');
  new MutationObserver(() => window.__seen.push([document.getElementById('upload-percent').textContent, !box.hidden]))
    .observe(document.getElementById('upload-percent'), {childList: true, characterData: true, subtree: true});
  return window.__pageId;
}"""


@pytest.fixture
def scan_employee_login(employee_of_scan, make_user, scan_labels):
    legible = next(name for name, item in scan_labels.items() if item["label"] == "legible" and name.endswith(".jpg"))
    illegible = next(name for name, item in scan_labels.items()
                     if item["label"] == "illegible" and name.endswith(".jpg"))
    employee = employee_of_scan(legible)
    user = make_user("pegawai_pindai", "employee", nip=employee.nip)
    return user, legible, illegible


def _upload(page, path, document_type):
    page.select_option("#document_type", document_type)
    page.set_input_files("#file", str(path))
    page.wait_for_selector("#corner-editor[data-ready=true]")  # a JPEG: its corners were looked for
    page_id = page.evaluate(WATCH_PROGRESS)
    page.click("#upload-submit")
    page.wait_for_selector("#upload-result:not([data-verdict=checking]) .verdict", timeout=120_000)
    assert page.evaluate("window.__pageId") == page_id, "the page reloaded"
    seen = page.evaluate("window.__seen")
    assert ["100%", True] in seen, seen  # the bar was shown and reached the end
    return page.locator("#upload-result")


def test_legible_and_illegible_scans_get_their_verdicts_without_reloading(phone_page, login, shot, corpus,
                                                                          scan_employee_login):
    page = phone_page
    user, legible, illegible = scan_employee_login
    login(page, user, MAKE_USER_PASSWORD)
    page.goto("/dokumen/unggah/")
    shot(page, "upload-page")

    result = _upload(page, corpus / "scans-dev" / legible, "sk_cpns")
    assert result.get_attribute("data-verdict") == "legible"
    assert "Terbaca jelas" in result.inner_text()
    shot(page, "legible-verdict")

    result = _upload(page, corpus / "scans-dev" / illegible, "ijazah")
    assert result.get_attribute("data-verdict") == "needs_rescan"
    assert "pindai atau foto ulang" in result.inner_text()
    assert result.locator("li").count() >= 1  # the reasons, each saying what to do
    shot(page, "illegible-verdict")

    page.click("text=Kembali ke Berkas Saya")
    page.wait_for_selector("h1:has-text('Berkas Saya')")
    assert page.locator(".emp-doc[data-state=awaiting_verification]").count() == 1
    rescan = page.locator(".emp-doc[data-state=needs_rescan]")
    assert rescan.count() == 1 and rescan.locator(".emp-reasons li").count() >= 1
    shot(page, "berkas-saya")
    assert page.console_errors == []


def test_an_unusable_file_is_explained_beside_the_field(page, login, shot, tmp_path, scan_employee_login):
    user, _, _ = scan_employee_login
    login(page, user, MAKE_USER_PASSWORD)
    page.goto("/dokumen/unggah/")
    page.click("#upload-submit")
    assert page.locator("#file-error").is_visible()
    assert "Pilih berkas" in page.locator("#file-error").inner_text()
    bad = tmp_path / "catatan.txt"
    bad.write_text("bukan dokumen")
    page.set_input_files("#file", str(bad))
    page.click("#upload-submit")  # the form starts on "Pilih…": the type is asked for beside its field
    assert page.locator("#document_type-error").is_visible()
    assert "Pilih jenis dokumen" in page.locator("#document_type-error").inner_text()
    page.select_option("#document_type", "ktp")
    page.click("#upload-submit")
    page.wait_for_selector("#file-error:not([hidden])")
    page.wait_for_function("document.getElementById('file-error').textContent.length > 20")
    shot(page, "unsupported-file")
    assert page.locator("#file").get_attribute("aria-invalid") == "true"
    assert page.locator("#upload-result").is_hidden()
