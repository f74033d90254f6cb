"""The API answers a refusal in Indonesian, word for word as before, when the client asks for no language
(no Accept-Language header, no language cookie); a client that sends Accept-Language: en gets the same
refusal in English — the same status, code and field names, only the words differ."""
import pytest

pytestmark = pytest.mark.django_db

BAD_DECREE = {"template": "kgb", "fields": {"gaji_baru": "banyak", "tmt": "kemarin"}}


def _employee_nip():
    from people.models import Employee

    return Employee.objects.order_by("nip").values_list("nip", flat=True).first()


def test_bad_fields_of_a_decree_are_refused_in_indonesian(users, api_client_for):
    answer = api_client_for(users["admin"]).post("/api/v1/issued-documents/",
                                                 {**BAD_DECREE, "employee": _employee_nip()}, format="json")
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "invalid"
    assert body["detail"] == ("Isian tidak lengkap atau tidak sah: gaji_baru: harus angka rupiah, mis. 4123400; "
                              "tmt: harus tanggal ISO (YYYY-MM-DD)")
    assert body["errors"] == {"gaji_baru": "harus angka rupiah, mis. 4123400", "tmt": "harus tanggal ISO (YYYY-MM-DD)"}


def test_accept_language_en_gets_the_same_refusal_in_english(users, api_client_for):
    answer = api_client_for(users["admin"]).post("/api/v1/issued-documents/",
                                                 {**BAD_DECREE, "employee": _employee_nip()}, format="json",
                                                 HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "invalid"
    assert body["detail"] == ("Fields missing or not valid: gaji_baru: must be an amount in rupiah, e.g. 4123400; "
                              "tmt: must be an ISO date (YYYY-MM-DD)")
    assert body["errors"] == {"gaji_baru": "must be an amount in rupiah, e.g. 4123400",
                              "tmt": "must be an ISO date (YYYY-MM-DD)"}


def test_conflicts_of_a_service_request_stay_indonesian(users, api_client_for):
    from desk.models import Service

    pegawai, admin = api_client_for(users["pegawai"]), api_client_for(users["admin"])
    nip = users["pegawai"].profile.employee.nip
    made = pegawai.post("/api/v1/service-requests/", {"service": "cuti", "employee": nip}, format="json")
    assert made.status_code == 201
    again = pegawai.post("/api/v1/service-requests/", {"service": "cuti", "employee": nip}, format="json")
    name = Service.objects.get(code="cuti").name
    assert again.status_code == 409 and again.json()["detail"] == (
        f"Pegawai ini sudah punya permohonan {name} yang masih berjalan (#{made.json()['id']}).")

    returned = admin.post(f"/api/v1/service-requests/{made.json()['id']}/return/", {"reason": "Foto buram"},
                          format="json")
    assert returned.status_code == 409
    assert returned.json() == {"detail": "Hanya permohonan yang sudah diajukan yang dapat dikembalikan.",
                               "code": "conflict"}
