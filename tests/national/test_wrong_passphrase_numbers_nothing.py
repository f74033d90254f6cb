"""A wrong passphrase (or an expired certificate) is refused by BSrE with a clear Indonesian
message, and nothing is numbered: no document is stored, and the next decree takes the number the
refused one would have had. A wrong passphrase is not retried (one request to the service)."""
import pytest

from issuing.models import DocumentNumberSequence, IssuedDocument
from national.models import SigningOfficial
from tests.national.conftest import OFFICIAL_PASSPHRASE

pytestmark = pytest.mark.django_db


def _another_employee() -> str:
    from people.models import Unit
    from people.services.employees import employee_create

    return employee_create(nip="198503152010011950", nama="Pegawai Lain", unit=Unit.objects.get(code="DINKES-YANKES"),
                           golongan="III/c", jabatan="Analis Kepegawaian").nip


def _last_number() -> int:
    row = DocumentNumberSequence.objects.filter(template="sk_kenaikan_pangkat").first()
    return row.last_number if row else 0


def test_wrong_passphrase_is_refused_in_indonesian_and_numbers_nothing(bsre_settings, bsre_service, kepala_bkd,
                                                                       issue):
    before_number, before_docs = _last_number(), IssuedDocument.objects.count()
    sign_calls = len([r for r in bsre_service.requests if r["path"] == "/api/sign/pdf"])
    response = issue(passphrase="bukan-passphrase-nya")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["detail"] == ("Passphrase sertifikat elektronik Dr. H. Ahmad Fauzi, M.Si. salah. Tidak ada yang "
                              "ditandatangani atau diberi nomor; ketik ulang passphrase.")
    assert body["errors"] == {"passphrase": "passphrase salah"}
    assert _last_number() == before_number and IssuedDocument.objects.count() == before_docs
    assert len([r for r in bsre_service.requests if r["path"] == "/api/sign/pdf"]) == sign_calls + 1  # no retry

    good = issue(passphrase=OFFICIAL_PASSPHRASE)
    assert good.status_code == 201, good.content
    assert good.json()["number"].split("/")[1] == f"{before_number + 1:04d}"  # the number nobody took


def test_expired_certificate_is_refused_before_a_number_is_taken(bsre_settings, bsre_service, kepala_bkd, issue):
    SigningOfficial.objects.filter(pk=kepala_bkd.pk).update(nik="3578011501700002", name="Ir. Budi Santoso, M.T.")
    before_number = _last_number()
    response = issue(passphrase="apa-saja")
    assert response.status_code == 409, response.content
    assert response.json()["detail"] == (
        "Sertifikat elektronik Ir. Budi Santoso, M.T. di BSrE sudah kedaluwarsa: perbarui di BSrE (BSSN) sebelum "
        "menandatangani. Tidak ada yang ditandatangani atau diberi nomor.")
    assert _last_number() == before_number and not IssuedDocument.objects.exists()


def test_bsre_down_is_retried_then_answered_503_with_nothing_numbered(bsre_settings, bsre_service, kepala_bkd,
                                                                       issue):
    bsre_service.fail_next(1)  # one 503: retried, and the decree is signed
    assert issue(passphrase=OFFICIAL_PASSPHRASE).status_code == 201
    before_number = _last_number()
    bsre_service.fail_next(10)  # longer than the retries
    response = issue(passphrase=OFFICIAL_PASSPHRASE, nip=_another_employee())
    bsre_service.fail_next(0)
    assert response.status_code == 503, response.content
    assert "BSrE tidak dapat dihubungi" in response.json()["detail"]
    assert _last_number() == before_number
