"""A fasilitator types a NIP that cannot be one on the upload page: the reason ("NIP 12345 tidak sah: NIP
harus 18 digit …") appears under the employee field, which is marked invalid and takes the focus — not in
the file's box — and a NIP of no one in their units is shown there too."""
import pytest

from tests.support.letters import letter_pdf


@pytest.fixture
def scan(tmp_path):
    path = tmp_path / "ktp.pdf"
    path.write_bytes(letter_pdf(title="KARTU TANDA PENDUDUK", nip="198001012005011001", nama="Pegawai"))
    return path


def test_the_nip_problem_is_shown_by_the_employee_field(phone_page, login, users, scan):
    page = phone_page
    login(page, users["fasilitator"])
    for typed, words in (("12345", "NIP 12345 tidak sah: NIP harus 18 digit"),
                         ("198001012005011999", "tidak ditemukan dalam wilayah akses Anda")):
        page.goto("/dokumen/unggah/")
        page.fill("#employee", typed)
        page.select_option("#document_type", "ktp")
        page.set_input_files("#file", str(scan))
        page.click("#upload-submit")
        page.wait_for_selector("#employee-error:not([hidden])")
        assert words in page.inner_text("#employee-error")
        assert page.get_attribute("#employee", "aria-invalid") == "true"
        assert "employee-error" in page.get_attribute("#employee", "aria-describedby")
        assert page.evaluate("document.activeElement.id") == "employee"
        assert page.is_hidden("#file-error")
