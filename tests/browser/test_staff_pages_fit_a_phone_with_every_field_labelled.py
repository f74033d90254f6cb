"""Every staff page works at phone width (nothing wider than the screen; wide tables scroll inside
their own box) and every form field has a label a screen reader can announce."""
import pytest

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

UNLABELLED = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(f => f.type !== 'hidden' && f.type !== 'submit')
  .filter(f => !(f.id && document.querySelector('label[for="' + f.id + '"]'))
               && !f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby') && !f.closest('label'))
  .map(f => f.name || f.id || f.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("path", [
    "/", "/cari/?q=surat", "/verifikasi/", "/verifikasi/{document}/", "/dokumen/{document}/", "/terbitkan/?template=kgb",
    "/terbitkan/massal/?template=kgb", "/diterbitkan/", "/layanan/katalog/", "/layanan/katalog/kenaikan_pangkat/",
    "/pemantauan/",
])
def test_staff_pages_fit_a_phone_with_every_field_labelled(phone_page, users, upload, letter, login, shot, path):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    document = upload(users["pegawai"], letter(dewi, "SURAT KETERANGAN"), nip=dewi.nip, document_type="ktp").json()["id"]
    login(phone_page, users["admin"])
    response = phone_page.goto(path.format(document=document))
    assert response.status == 200
    shot(phone_page, "phone")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width}px wide on a 390px phone"
    assert phone_page.evaluate(UNLABELLED) == []
    assert phone_page.console_errors == []
