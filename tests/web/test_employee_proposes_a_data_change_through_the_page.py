"""'Usulkan perubahan data': from Berkas Saya an employee proposes, in a plain multipart form, a change
to one field of their own record or a new riwayat, each with the scan that supports it. Their proposals
are listed as proposed; the unit's fasilitator finds them on /peremajaan/ beside the scan; what the
fasilitator decides (approved, or returned with a reason) shows on the employee's list."""
import pytest

from notifications.models import Notification

pytestmark = pytest.mark.django_db
PAGE = "/peremajaan/usulan/"


def _row(html: str, pk: int) -> str:
    start = html.index(f'id="usulan-{pk}"')
    return html[start:html.index("</tr>", start)]


def test_employee_proposes_with_a_scan_and_follows_the_decision(users, client, corpus):
    from desk.models import DataUpdate
    from people.models import Employee, HistoryEntry
    from archive.services.demo import DEMO_PEGAWAI_NIP

    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    client.force_login(users["pegawai"])
    home = client.get("/").content.decode()
    assert f'href="{PAGE}"' in home and "Usulkan perubahan data" in home

    page = client.get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html and 'name="file" type="file"' in html
    assert '<option value="field:pendidikan">Pendidikan</option>' in html
    assert '<option value="riwayat:diklat">Riwayat diklat</option>' in html
    assert "S1 Keperawatan" in html  # what the record says now
    assert "Anda belum mengusulkan perubahan" in html

    with (corpus / "scans-dev" / "scan_008.pdf").open("rb") as scan:
        sent = client.post(PAGE, {"target": "field:pendidikan", "value": "S2  Kesehatan Masyarakat", "file": scan})
    assert sent.status_code == 302 and sent["Location"] == PAGE
    education = DataUpdate.objects.get(field="pendidikan")
    assert (education.employee, education.value, education.status) == (dewi, "S2 Kesehatan Masyarakat", "proposed")
    assert education.document.employee == dewi and education.document.document_type.code == "ijazah"
    assert education.document.versions.get().original_filename == "scan_008.pdf"
    assert Employee.objects.get(pk=dewi.pk).pendidikan == "S1 Keperawatan"  # nothing changes before a decision

    with (corpus / "scans-dev" / "scan_009.pdf").open("rb") as scan:
        sent = client.post(PAGE, {"target": "riwayat:diklat", "value": "Pelatihan Pelayanan Prima",
                                  "effective_date": "2026-03-02", "reference_number": "800/123/DINKES/2026",
                                  "file": scan})
    assert sent.status_code == 302
    training = DataUpdate.objects.get(history_kind="diklat")
    assert training.document.document_type.code == "sertifikat_diklat"
    # the fasilitator is told in words, never the form's keys ("(field:pendidikan)")
    told = list(Notification.objects.filter(kind="data_update.to_review").values_list("message", flat=True))
    assert any(", Pendidikan, " in m for m in told) and any("Riwayat diklat (entri baru)" in m for m in told)
    assert not any("field:" in m or "history:" in m for m in told)

    listed = client.get(PAGE).content.decode()
    assert "Usulan terkirim" in listed
    row = _row(listed, education.pk)
    assert "Pendidikan" in row and "S2 Kesehatan Masyarakat" in row and "Diusulkan" in row
    assert f'href="/dokumen/{education.document_id}/"' in row
    row = _row(listed, training.pk)
    assert "Pelatihan Pelayanan Prima · 2026-03-02 · 800/123/DINKES/2026" in row and "Diusulkan" in row

    client.force_login(users["fasilitator"])
    staff = client.get("/peremajaan/").content.decode()
    assert "S2 Kesehatan Masyarakat" in staff and f"/dokumen/{education.document_id}/halaman/1/" in staff
    assert "Pelatihan Pelayanan Prima" in staff and f"/dokumen/{training.document_id}/halaman/1/" in staff
    assert client.post("/peremajaan/", {"update": education.pk, "action": "return",
                                        "reason": "Ijazah belum dilegalisasi"}).status_code == 302
    assert client.post("/peremajaan/", {"update": training.pk, "action": "approve"}).status_code == 302
    assert HistoryEntry.objects.get(employee=dewi, kind="diklat").title == "Pelatihan Pelayanan Prima"

    client.force_login(users["pegawai"])
    listed = client.get(PAGE).content.decode()
    row = _row(listed, education.pk)
    assert "Dikembalikan" in row and "Ijazah belum dilegalisasi" in row
    assert "Disetujui" in _row(listed, training.pk)


def test_marital_status_is_proposed_as_people_write_it(users, client, corpus):
    from desk.models import DataUpdate

    client.force_login(users["pegawai"])
    with (corpus / "scans-dev" / "scan_011.pdf").open("rb") as scan:
        sent = client.post(PAGE, {"target": "field:status_perkawinan", "value": "Belum kawin", "file": scan})
    assert sent.status_code == 302
    assert DataUpdate.objects.get().value == "belum_kawin"  # the label read on the form, the code on record
