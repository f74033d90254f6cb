"""`load_demo --with-documents` (what `make run` loads) gives a new user a province with something
in it: scans that went through the real pipeline (one flagged for a rescan), found by search, and
two signed decrees for the `pegawai` login that verify as current; a second run adds nothing."""
import io

import pytest
from django.core.management import call_command

from documents.models import Document, DocumentStatus
from issuing.models import IssuedDocument
from archive.services.demo import DEMO_PEGAWAI_NIP
from search.query import SearchQuery
from search.selectors import search_documents

pytestmark = pytest.mark.django_db


def test_demo_documents_show_the_whole_flow(settings, signing_settings, django_capture_on_commit_callbacks,
                                             api_client_for):
    settings.DEMO_PASSWORD = "Demo-Sandi-2026"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--with-documents", stdout=io.StringIO())

    statuses = list(Document.objects.values_list("status", flat=True))
    assert len(statuses) == 12
    assert statuses.count(DocumentStatus.NEEDS_RESCAN) == 1
    assert statuses.count(DocumentStatus.AWAITING_VERIFICATION) == 11

    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    found = search_documents(admin, SearchQuery(q="kepegawaian"))
    assert found.count >= 11

    decrees = IssuedDocument.objects.filter(employee__nip=DEMO_PEGAWAI_NIP)
    assert sorted(decrees.values_list("template", flat=True)) == ["kgb", "sk_kenaikan_pangkat"]
    content = api_client_for(admin).get(f"/api/v1/issued-documents/{decrees[0].pk}/content/")
    verdict = api_client_for(None).post("/api/v1/verify/", {"file": io.BytesIO(content.content)}, format="multipart")
    assert verdict.json()["authentic"] is True and verdict.json()["status"] == "current"

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--with-documents", stdout=io.StringIO())
    assert Document.objects.count() == 12 and IssuedDocument.objects.count() == 2
