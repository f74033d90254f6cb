"""The administrator's issuing pages: the form shows the template's required fields, refusals appear
beside the field they name, a valid form issues a signed decree whose verify page says current,
revoking (with a reason) turns it to revoked; bulk issuing reports each bad line and goes on."""
import pytest

from issuing.models import IssueBatch, IssuedDocument
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db

GOOD = {"template": "sk_kenaikan_pangkat", "employee": DEMO_PEGAWAI_NIP,
        "field_pangkat_baru": "Penata Tingkat I, III/d", "field_tmt": "2026-04-01", "confirmed": "1"}


def test_the_form_shows_the_required_fields_of_the_chosen_template(client, users):
    client.force_login(users["admin"])
    page = client.get("/terbitkan/", {"template": "sk_kenaikan_pangkat"}, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'name="field_pangkat_baru"' in page and 'name="field_tmt" type="date"' in page
    assert "Penata Tingkat I, III/d" in page  # the rank list to choose from
    assert 'name="field_gaji_baru"' not in page


def test_refusals_are_shown_beside_their_fields(client, users):
    client.force_login(users["admin"])
    bad_date = client.post("/terbitkan/", {**GOOD, "field_tmt": ""})
    assert bad_date.status_code == 400 and 'id="field-tmt-error"' in bad_date.content.decode()
    unknown = client.post("/terbitkan/", {**GOOD, "employee": "199901012020121001"})
    assert unknown.status_code == 400 and 'id="employee-error"' in unknown.content.decode()
    assert not IssuedDocument.objects.exists()


def test_issue_then_revoke_and_the_verify_page_follows(client, users, django_capture_on_commit_callbacks):
    client.force_login(users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/terbitkan/", GOOD)
    issued = IssuedDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/diterbitkan/{issued.pk}/"
    assert issued.employee.nip == DEMO_PEGAWAI_NIP and issued.fields["tmt"] == "2026-04-01"
    detail = client.get(response["Location"]).content.decode()
    assert f'href="/verify/{issued.token}"' in detail and 'id="revoke-form"' in detail
    assert 'data-status="current"' in client.get(f"/verify/{issued.token}").content.decode()

    refused = client.post(f"/diterbitkan/{issued.pk}/", {"reason": "  "})
    assert refused.status_code == 400 and 'id="reason-error"' in refused.content.decode()
    unconfirmed = client.post(f"/diterbitkan/{issued.pk}/", {"reason": "TMT keliru"})
    assert unconfirmed.status_code == 400 and 'id="revoke-confirm-error"' in unconfirmed.content.decode()
    client.post(f"/diterbitkan/{issued.pk}/", {"reason": "TMT keliru", "confirmed": "1"})
    issued.refresh_from_db()
    assert issued.status == "revoked" and issued.revoked_by == users["admin"]
    verify = client.get(f"/verify/{issued.token}").content.decode()
    assert 'data-status="revoked"' in verify and "TMT keliru" in verify


def test_signing_needs_the_draft_checked_first(client, users):
    """Without the confirmation the page shows the KONSEP's changes (rank now and after) and signs
    nothing; the draft PDF opens from the same form."""
    client.force_login(users["admin"])
    unconfirmed = {k: v for k, v in GOOD.items() if k != "confirmed"}
    page = client.post("/terbitkan/", unconfirmed, HTTP_ACCEPT_LANGUAGE="id")
    html = page.content.decode()
    assert page.status_code == 200 and 'id="confirm-error"' in html and 'id="draft-changes"' in html
    assert "Penata, III/c" in html and "Penata Tingkat I, III/d" in html
    assert not IssuedDocument.objects.exists()
    draft = client.post("/terbitkan/", {**unconfirmed, "action": "preview_pdf"})
    assert draft["Content-Type"] == "application/pdf" and draft.content.startswith(b"%PDF")
    wrong = client.post("/terbitkan/", {**GOOD, "field_pangkat_baru": "Pengatur, II/c"})
    assert wrong.status_code == 400 and 'id="field-pangkat_baru-error"' in wrong.content.decode()
    assert not IssuedDocument.objects.exists()


def test_bulk_issue_reports_each_bad_line_and_goes_on(client, users, django_capture_on_commit_callbacks):
    client.force_login(users["admin"])
    form = client.get("/terbitkan/massal/", {"template": "kgb"}).content.decode()
    assert "nip,gaji_baru,tmt" in form
    refused = client.post("/terbitkan/massal/", {"template": "kgb", "rows": "nip,gaji,tmt\n1,2,3"})
    assert refused.status_code == 400 and "gaji" in refused.content.decode() and 'id="rows-error"' in refused.content.decode()
    rows = f"nip,gaji_baru,tmt\n{DEMO_PEGAWAI_NIP},4123400,2026-04-01\n199901012020121001,4000000,2026-04-01\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/terbitkan/massal/", {"template": "kgb", "rows": rows})
    batch = IssueBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/terbitkan/massal/{batch.pk}/"
    progress = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert f'data-batch-status-url="/api/v1/issued-documents/batches/{batch.pk}/"' in progress
    assert 'data-finished="1"' in progress and "Baris 3 · NIP 199901012020121001" in progress
    assert IssuedDocument.objects.filter(template="kgb", employee__nip=DEMO_PEGAWAI_NIP).count() == 1
    # The page's script polls the batch API with the session login.
    assert client.get(f"/api/v1/issued-documents/batches/{batch.pk}/").json()["finished"] is True


def test_only_administrators_issue(client, users):
    for name in ("fasilitator", "pegawai"):
        client.force_login(users[name])
        assert client.get("/terbitkan/").status_code == 403
        assert client.post("/terbitkan/", GOOD).status_code == 403
    assert not IssuedDocument.objects.exists()
