"""Every answer carries a Content-Security-Policy; downloads are always attachments with
nosniff; hostile upload filenames are shown as harmless text."""
import pytest

from documents.services.upload import display_filename

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/masuk/", "/verify/", "/healthz", "/api/v1/employees/", "/tidak-ada/"])
def test_every_answer_has_a_content_security_policy(client, demo, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_downloads_are_attachments_that_are_not_sniffed(world, api_client_for):
    client = api_client_for(world.users["employee_self"])
    for url in (f"/api/v1/documents/{world.document.pk}/content/",
                f"/api/v1/issued-documents/{world.issued.pk}/content/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].startswith("attachment;"), url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert "text/html" not in response["Content-Type"], url


@pytest.mark.parametrize("hostile, shown", [
    ("../../etc/passwd", "passwd"),
    ("C:\\Windows\\system32\\evil.pdf", "evil.pdf"),
    ('<script>alert(1)</script>.pdf', "script.pdf"),  # the last path part only
    ("sk\x00\x1b[31mmerah\u202egpj.pdf", "sk[31mmerahgpj.pdf"),
    ('"quoted"|pipe?.pdf', "quotedpipe.pdf"),
    ("a" * 500 + ".pdf", "a" * 200),
])
def test_hostile_filenames_are_shown_harmless(hostile, shown):
    assert display_filename(hostile) == shown


def test_filename_with_markup_is_escaped_on_the_page(world, users):
    from django.test import Client

    from documents.models import DocumentVersion

    DocumentVersion.objects.filter(pk=world.version.pk).update(original_filename=display_filename("<b>x</b>&.png"))
    client = Client()
    client.force_login(users["pegawai"])
    page = client.get(f"/dokumen/{world.document.pk}/").content.decode()
    assert "<b>x" not in page
