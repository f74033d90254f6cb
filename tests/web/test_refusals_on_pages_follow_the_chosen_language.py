"""A service's refusal shown on a page is in the language the user chose with the language switch
(English), and in Indonesian, word for word as before, when none was chosen: on the issuing form
(beside the field it names), on a service request (submitted with documents missing) and on the
collective update of /peremajaan/ (with each NIP's own reason)."""
import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["id", "en"])
def language(request, client):
    """The language the user chose: none (Indonesian by default), or English through the switch."""
    if request.param == "en":
        assert client.post("/bahasa/", {"language": "en", "next": "/"}).status_code == 302
    return request.param


def _alert(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}"')
    return html[start:html.index("</", start)]


def test_issuing_form_names_the_bad_field_in_the_chosen_language(language, users, client):
    from people.models import Employee

    client.force_login(users["admin"])
    nip = Employee.objects.order_by("nip").values_list("nip", flat=True).first()
    response = client.post("/terbitkan/", {"template": "kgb", "employee": nip, "field_gaji_baru": "banyak",
                                           "field_tmt": "2026-12-01"})
    assert response.status_code == 400
    beside = _alert(response.content.decode(), "field-gaji_baru-error")
    expected = {"id": "harus angka rupiah, mis. 4123400", "en": "must be an amount in rupiah, e.g. 4123400"}
    assert beside.endswith(expected[language])


def test_incomplete_service_request_says_what_is_missing_in_the_chosen_language(language, users, client):
    from desk.models import ServiceRequest

    client.force_login(users["pegawai"])
    nip = users["pegawai"].profile.employee.nip
    created = client.post("/layanan/", {"service": "kenaikan_pangkat", "employee": nip})
    assert created.status_code == 302
    request = ServiceRequest.objects.get()
    refused = client.post(f"/layanan/permohonan/{request.pk}/", {"action": "submit"})
    assert refused.status_code == 400
    html = refused.content.decode()
    expected = {"id": "Berkas belum lengkap — belum diunggah atau harus diunggah ulang: ",
                "en": "The file is not complete — not uploaded yet, or to be uploaded again: "}
    assert f'role="alert">{expected[language]}' in html
    assert ServiceRequest.objects.get().status == "draft"


def test_collective_update_names_each_nip_and_its_reason_in_the_chosen_language(language, users, client):
    from people.models import Employee, HistoryEntry

    client.force_login(users["fasilitator"])
    mine = Employee.objects.filter(unit__code="DINKES-YANKES").values_list("nip", flat=True).first()
    refused = client.post("/peremajaan/", {
        "action": "collective", "target": "riwayat:diklat", "value": "Pelatihan Pelayanan Prima",
        "reference_number": "800/9/DINKES/2026", "nips": f"{mine} 1234"})
    assert refused.status_code == 400
    html = refused.content.decode()
    expected = {
        "id": ("Tidak ada yang diterapkan — NIP tidak sah: 1234 (NIP harus 18 digit; yang diisi 4 digit.). "
               "Perbaiki daftar lalu kirim ulang seluruhnya.", "1234 — NIP harus 18 digit; yang diisi 4 digit."),
        "en": ("Nothing was applied — NIP not valid: 1234 (A NIP has 18 digits; this one has 4.). "
               "Fix the list and send all of it again.", "1234 — A NIP has 18 digits; this one has 4."),
    }
    message, reason = expected[language]
    assert f"<p>{message}</p>" in html and f"<li>{reason}</li>" in html
    assert not HistoryEntry.objects.filter(reference_number="800/9/DINKES/2026").exists()
