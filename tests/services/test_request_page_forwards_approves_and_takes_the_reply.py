"""The request page walks the whole service: the unit's fasilitator forwards it (the employee
cannot), BKD approves (for an outside body: a signed surat usul), the reply's scan is attached
and the request completes — in Indonesian."""
import io

import pytest

from desk.models import ServiceRequest

pytestmark = pytest.mark.django_db


def test_fasilitator_forwards_bkd_proposes_and_attaches_the_reply(client, users, forwarded_request, letter,
                                                                  signing_settings, api_client_for,
                                                                  django_capture_on_commit_callbacks):
    request_id = forwarded_request("satya_lencana")
    ServiceRequest.objects.filter(pk=request_id).update(status="submitted", forwarded_by=None, forwarded_at=None)
    page = f"/layanan/permohonan/{request_id}/"

    client.force_login(users["pegawai"])
    assert "Teruskan ke BKD" not in client.get(page, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert client.post(page, {"action": "forward"}).status_code == 400

    client.force_login(users["fasilitator"])
    html = client.get(page, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Verifikasi instansi" in html and "Teruskan ke BKD" in html
    assert client.post(page, {"action": "forward"}).status_code == 302
    assert ServiceRequest.objects.get(pk=request_id).status == "forwarded"

    client.force_login(users["admin"])
    html = client.get(page, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "surat usul kepada Presiden Republik Indonesia" in html
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page, {"action": "approve"}).status_code == 302
    assert ServiceRequest.objects.get(pk=request_id).status == "sent"
    missing = client.post(page, {"action": "reply", "number": "1/TK/2026", "date": "2026-11-20"},
                          HTTP_ACCEPT_LANGUAGE="id")
    assert missing.status_code == 400 and "Lampirkan pindaian surat balasan" in missing.content.decode()
    scan = io.BytesIO(letter(users["pegawai"].profile.employee, "KEPUTUSAN PRESIDEN"))
    scan.name = "keppres.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(page, {"action": "reply", "number": "1/TK/2026", "date": "2026-11-20", "file": scan})
    assert done.status_code == 302
    completed = ServiceRequest.objects.get(pk=request_id)
    assert completed.status == "completed" and completed.reply_document is not None
    assert "1/TK/2026" in client.get(page, HTTP_ACCEPT_LANGUAGE="id").content.decode()
