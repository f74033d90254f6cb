"""The search page: a word from a scan's text finds it, highlighted; facets count and narrow the
results; a fasilitator sees only their units; the snippet keeps <mark> and escapes everything else."""
import pytest

from people.models import Employee, Unit
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.employees import employee_create
from archive.templatetags.staff_pages import highlight_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(users, upload, letter):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)  # DINKES-YANKES
    eko = employee_create(nip="198807072012121002", nama="Eko Prasetyo", unit=Unit.objects.get(code="BKD-MUT"))
    ids = {}
    for key, employee, kind, extra in (("dewi_ktp", dewi, "ktp", "Kelurahan Ketintang <b>tebal</b>"),
                                       ("dewi_npwp", dewi, "npwp", "Kelurahan Ketintang"),
                                       ("eko_ktp", eko, "ktp", "Kelurahan Ketintang")):
        response = upload(users["admin"], letter(employee, "SURAT KETERANGAN", extra=extra), nip=employee.nip,
                          document_type=kind)
        assert response.status_code == 201
        ids[key] = response.json()["id"]
    return ids


def test_a_word_from_the_text_finds_documents_with_facets(client, users, filed):
    client.force_login(users["admin"])
    page = client.get("/cari/", {"q": "ketintang"}, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "3 dokumen ditemukan" in page
    for document_id in filed.values():
        assert f'href="/dokumen/{document_id}/"' in page
    assert "<mark>Ketintang</mark>" in page
    assert 'data-facet="unit"' in page and 'data-facet="document_type"' in page
    narrowed = client.get("/cari/", {"q": "ketintang", "document_type": "ktp"}).content.decode()
    assert f'href="/dokumen/{filed["dewi_ktp"]}/"' in narrowed and f'href="/dokumen/{filed["dewi_npwp"]}/"' not in narrowed


def test_the_snippet_escapes_the_scan_text(client, users, filed):
    client.force_login(users["admin"])
    page = client.get("/cari/", {"q": "tebal"}).content.decode()
    assert "<b>tebal</b>" not in page and "&lt;b&gt;" in page and "<mark>tebal</mark>" in page


def test_a_fasilitator_finds_only_their_units_and_an_employee_may_not_search(client, users, make_user, filed):
    client.force_login(make_user("fas-bkd", "fasilitator", units=["BKD-MUT"]))
    page = client.get("/cari/", {"q": "ketintang"}).content.decode()
    assert f'/dokumen/{filed["eko_ktp"]}/' in page and f'/dokumen/{filed["dewi_ktp"]}/' not in page
    client.force_login(users["pegawai"])
    assert client.get("/cari/", {"q": "ketintang"}).status_code == 403


def test_a_bad_date_range_is_explained_beside_the_field(client, users):
    client.force_login(users["admin"])
    response = client.get("/cari/", {"q": "x", "date_from": "2026-05-01", "date_to": "2026-01-01"})
    assert response.status_code == 400 and 'id="date_to-error"' in response.content.decode()


@pytest.mark.parametrize("snippet, shown", [
    ("a <mark>kata</mark> b", "a <mark>kata</mark> b"),
    ("&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>", "&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("<mark onclick=x>a</mark>", "&lt;mark onclick=x&gt;a"),
    ("<mark>open", "<mark>open</mark>"),
    ("AT&amp;T", "AT&amp;T"),
])
def test_highlight_keeps_only_bare_mark_tags(snippet, shown):
    assert highlight_html(snippet) == shown
