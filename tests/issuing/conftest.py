"""Issuing through the product: a test PKI (CRL-only, so poppler's pdfsig can check it too)
with its TSA and CRL services on loopback, shared by the session."""
import pytest


@pytest.fixture(autouse=True)
def _signing_settings(signing_settings):
    return signing_settings


@pytest.fixture
def issue(api_client_for, users, django_capture_on_commit_callbacks):
    from archive.services.demo import DEMO_PEGAWAI_NIP

    def do_issue(template="sk_kenaikan_pangkat", fields=None, nip=DEMO_PEGAWAI_NIP, user=None):
        fields = fields if fields is not None else {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}
        with django_capture_on_commit_callbacks(execute=True):
            return api_client_for(user or users["admin"]).post(
                "/api/v1/issued-documents/", {"template": template, "employee": nip, "fields": fields}, format="json")

    return do_issue
