"""'Perubahan kolektif' on /peremajaan/: a fasilitator pastes the NIPs of one decree (one per line, or
separated by commas or spaces) and attaches its scan; once a second person approves it on the same page,
the change is recorded for every one of them; a list with a NIP outside their units is refused whole —
nothing applied to anyone — naming that NIP (as if it did not exist: nothing of that employee shown),
with the form still filled in."""
import io

import pytest

pytestmark = pytest.mark.django_db
PAGE = "/peremajaan/"


def _decree():
    from tests.support.letters import letter_pdf

    stream = io.BytesIO(letter_pdf(title="KEPUTUSAN KOLEKTIF", nip="198503152010012003", nama="Lampiran"))
    stream.name = "sk-kolektif.pdf"
    return stream


def _approve_on_the_page(client, checker):
    from desk.models import DataUpdate

    [collective] = set(DataUpdate.objects.filter(status="proposed").values_list("collective", flat=True))
    client.force_login(checker)
    page = client.get(PAGE).content.decode()
    assert f'id="kolektif-{collective}"' in page
    return client.post(PAGE, {"action": "collective_approve", "collective": str(collective)})


def _formatted(nip: str) -> str:
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"  # as decrees print it


def test_applies_to_every_listed_nip_or_to_none(users, client, make_user):
    from desk.models import DataUpdate
    from people.models import Employee, HistoryEntry

    mine = list(Employee.objects.filter(unit__code__in=["DINKES-YANKES", "DINKES-SEK"])
                .order_by("nip").values_list("nip", flat=True))
    other = Employee.objects.exclude(unit__code__in=["DINKES-YANKES", "DINKES-SEK"]).first()
    assert len(mine) >= 3 and other is not None
    client.force_login(users["fasilitator"])
    page = client.get(PAGE).content.decode()
    assert 'name="nips"' in page and '<option value="riwayat:diklat">' in page
    assert '<option value="riwayat:pangkat">' not in page  # BKD's data is not a fasilitator's to change

    # One NIP outside the fasilitator's units: refused whole, that NIP named, the form kept.
    typed = "\n".join([mine[0], f"{mine[1]}, {other.nip}", _formatted(mine[2]), *mine[3:]])
    body = {"action": "collective", "target": "riwayat:diklat", "value": "Pelatihan Pelayanan Prima",
            "effective_date": "2026-03-02", "reference_number": "800/123/DINKES/2026", "nips": typed,
            "decree": _decree()}
    refused = client.post(PAGE, body)
    assert refused.status_code == 400
    html = refused.content.decode()
    errors = html[html.index('id="collective-nips-error"'):]
    assert f"<li>{other.nip}</li>" in errors and "Tidak ada yang diterapkan" in errors
    assert other.nama not in html
    assert f">{typed}</textarea>" in html and 'value="800/123/DINKES/2026"' in html
    assert 'value="Pelatihan Pelayanan Prima"' in html and '<option value="riwayat:diklat" selected>' in html
    assert not HistoryEntry.objects.filter(kind="diklat").exists() and not DataUpdate.objects.exists()

    # The same list without it: every listed employee gets the entry, in one collective update.
    body["nips"], body["decree"] = typed.replace(f", {other.nip}", ""), _decree()
    done = client.post(PAGE, body)
    assert done.status_code == 302 and done["Location"] == PAGE
    own = client.get(PAGE).content.decode()
    assert "jadi orang kedua yang menyetujuinya" in own  # the maker is told a second person approves it
    assert not HistoryEntry.objects.filter(kind="diklat").exists()
    colleague = make_user("fasilitator2", "fasilitator", units=["DINKES-YANKES", "DINKES-SEK"])
    assert _approve_on_the_page(client, colleague).status_code == 302
    entries = HistoryEntry.objects.filter(kind="diklat", reference_number="800/123/DINKES/2026")
    assert sorted(entries.values_list("employee__nip", flat=True)) == mine
    assert len(set(DataUpdate.objects.values_list("collective", flat=True))) == 1
    assert set(DataUpdate.objects.values_list("status", flat=True)) == {"approved"}
    assert f"Perubahan kolektif diterapkan untuk {len(mine)} pegawai" in client.get(PAGE).content.decode()


def test_administrator_changes_a_field_of_bkd_data_for_listed_nips(users, client, make_user):
    from people.models import Employee

    nips = list(Employee.objects.order_by("nip").values_list("nip", flat=True)[:4])
    client.force_login(users["admin"])
    assert '<option value="field:golongan">' in client.get(PAGE).content.decode()
    done = client.post(PAGE, {"action": "collective", "target": "field:golongan", "value": "Penata Tingkat I, III/d",
                              "reference_number": "823.3/77/BKD/2026", "nips": " ".join(nips),
                              "decree": _decree()})
    assert done.status_code == 302
    assert _approve_on_the_page(client, make_user("admin2", "administrator")).status_code == 302
    assert set(Employee.objects.filter(nip__in=nips).values_list("golongan", flat=True)) == {"III/d"}
