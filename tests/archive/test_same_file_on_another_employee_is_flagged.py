"""The same file attached to a different employee flags both versions as a possible forgery."""
import pytest

from documents.models import DocumentVersion

pytestmark = pytest.mark.django_db


def test_both_sides_are_flagged(users, upload, corpus, employee_of_scan):
    owner = employee_of_scan("scan_000.jpg")
    other = employee_of_scan("scan_002.jpg")
    content = (corpus / "scans-dev" / "scan_000.jpg").read_bytes()
    r1 = upload(users["admin"], content, nip=owner.nip, document_type="sk_pns")
    r2 = upload(users["admin"], content, nip=other.nip, document_type="sk_pns")
    assert r1.status_code == r2.status_code == 201
    v1 = DocumentVersion.objects.get(document_id=r1.json()["id"])
    v2 = DocumentVersion.objects.get(document_id=r2.json()["id"])
    assert {f["other_employee"] for f in v2.flags} == {owner.nip}
    assert {f["other_employee"] for f in v1.flags} == {other.nip}
    assert v2.field_checks["nip"] == "mismatch"  # the scan prints the owner's NIP


def test_the_same_picture_resaved_is_caught_by_perceptual_hash(users, upload, corpus, employee_of_scan):
    import io

    from PIL import Image

    owner = employee_of_scan("scan_000.jpg")
    other = employee_of_scan("scan_002.jpg")
    original = (corpus / "scans-dev" / "scan_000.jpg").read_bytes()
    out = io.BytesIO()
    Image.open(io.BytesIO(original)).save(out, "PNG")  # different bytes, same picture
    upload(users["admin"], original, nip=owner.nip, document_type="ktp")
    r2 = upload(users["admin"], out.getvalue(), nip=other.nip, document_type="ktp", filename="ktp.png")
    flags = DocumentVersion.objects.get(document_id=r2.json()["id"]).flags
    assert flags and flags[0]["same_bytes"] is False
