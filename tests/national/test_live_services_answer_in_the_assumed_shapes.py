"""Against the real services, when configured (skipped otherwise, like the Elasticsearch tests):
BSRE_URL (+ BSRE_USERNAME/BSRE_PASSWORD, and BSRE_TEST_NIK with BSRE_TEST_PASSPHRASE for a test
signature) and SIASN_URL (+ SIASN_CLIENT_ID/SIASN_CLIENT_SECRET, SIASN_TOKEN_URL, and SIASN_TEST_NIP).
They check the shapes this product assumes (README, "National integration")."""
import os

import pytest

from signing.bsre import BsreClient, RefusalReason, SignatureRefused, SignerCredentials
from signing.config import BsreSettings, SignatureMeta

BSRE_URL = os.environ.get("BSRE_URL", "")
SIASN_URL = os.environ.get("SIASN_URL", "")


def _tiny_pdf() -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    out = BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Uji tanda tangan Berkas ASN")
    page.showPage()
    page.save()
    return out.getvalue()


@pytest.mark.skipif(not BSRE_URL, reason="BSRE_URL is not set: no BSrE service to check the shapes against")
def test_live_bsre_refuses_a_wrong_passphrase_and_signs_with_the_right_one():
    client = BsreClient(BsreSettings(url=BSRE_URL, username=os.environ.get("BSRE_USERNAME", ""),
                                     password=os.environ.get("BSRE_PASSWORD", ""), retries=0))
    nik = os.environ.get("BSRE_TEST_NIK") or pytest.skip("BSRE_TEST_NIK is not set")
    assert client.user_status(nik) is None, "the test NIK's certificate cannot sign"
    meta = SignatureMeta(signer_name="Uji", signer_position="Uji")
    with pytest.raises(SignatureRefused) as refused:
        client.sign_pdf(_tiny_pdf(), credentials=SignerCredentials(nik, "bukan-passphrase-yang-benar"), meta=meta)
    assert refused.value.reason is RefusalReason.WRONG_PASSPHRASE, refused.value.detail
    passphrase = os.environ.get("BSRE_TEST_PASSPHRASE") or pytest.skip("BSRE_TEST_PASSPHRASE is not set")
    signed = client.sign_pdf(_tiny_pdf(), credentials=SignerCredentials(nik, passphrase), meta=meta)
    assert signed.startswith(b"%PDF") and b"/ByteRange" in signed


@pytest.mark.skipif(not SIASN_URL, reason="SIASN_URL is not set: no SI-ASN service to check the shapes against")
def test_live_siasn_gives_a_token_and_an_employee_in_the_assumed_shape():
    from national.services.siasn import siasn_record
    from national.siasn_client import SiasnClient, SiasnSettings

    client = SiasnClient(SiasnSettings(url=SIASN_URL, token_url=os.environ.get("SIASN_TOKEN_URL", ""),
                                       client_id=os.environ.get("SIASN_CLIENT_ID", ""),
                                       client_secret=os.environ.get("SIASN_CLIENT_SECRET", ""), requests_per_second=1))
    assert client.token()
    nip = os.environ.get("SIASN_TEST_NIP") or pytest.skip("SIASN_TEST_NIP is not set")
    data = client.employee(nip)
    assert data is not None and data.get("nipBaru") == nip
    record = siasn_record(data, {kind: client.history(nip, kind) for kind in ("golongan", "jabatan", "pendidikan")})
    assert record["nama"] and record["pangkat_golongan"] and record["unit"]
