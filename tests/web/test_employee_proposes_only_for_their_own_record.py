"""An employee proposes changes to their own record only: the page offers no choice of employee and
ignores any NIP slipped into the form; another employee's proposals never show; the page is the
employee's, staff are refused it."""
import pytest

from tests.security.conftest import tiny_png

pytestmark = pytest.mark.django_db
PAGE = "/peremajaan/usulan/"


def test_a_nip_in_the_form_is_ignored(users, client, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from desk.models import DataUpdate
    from documents.models import Document
    from people.models import Employee
    from archive.services.demo import DEMO_PEGAWAI_NIP

    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    colleague = Employee.objects.filter(unit=dewi.unit).exclude(pk=dewi.pk).first()
    client.force_login(users["pegawai"])
    html = client.get(PAGE).content.decode()
    assert 'name="employee"' not in html and 'name="nip"' not in html and colleague.nip not in html

    scan = SimpleUploadedFile("ktp.png", tiny_png(31), content_type="image/png")
    sent = client.post(PAGE, {"employee": colleague.nip, "nip": colleague.nip, "employee_nip": colleague.nip,
                              "target": "field:tempat_lahir", "value": "Kediri", "file": scan})
    assert sent.status_code == 302
    update = DataUpdate.objects.get()
    assert update.employee == dewi and update.document.employee == dewi
    assert not DataUpdate.objects.filter(employee=colleague).exists()
    assert not Document.objects.filter(employee=colleague).exists()

    other = make_user("pegawai-lain", "employee", nip=colleague.nip)
    client.force_login(other)
    page = client.get(PAGE).content.decode()
    assert colleague.nip in page and dewi.nip not in page and "Kediri" not in page


@pytest.mark.parametrize("who", ["fasilitator", "admin"])
def test_staff_are_refused_the_employee_page(who, users, client):
    from desk.models import DataUpdate

    client.force_login(users[who])
    assert client.get(PAGE).status_code == 403
    scan_less = client.post(PAGE, {"target": "field:tempat_lahir", "value": "Kediri"})
    assert scan_less.status_code == 403 and not DataUpdate.objects.exists()
