"""The peremajaan page shows a fasilitator each proposal of their units beside its scan; approving
changes the record, returning needs a reason; another unit's fasilitator sees nothing of it, and
BKD-owned data is refused to a fasilitator with the reason shown beside the proposal."""
import io
import itertools

import pytest

from tests.security.conftest import tiny_png

pytestmark = pytest.mark.django_db
SEEDS = itertools.count(11)


def propose(users, **target):
    from people.models import Employee
    from desk.services.data_updates import data_update_propose
    from archive.services.demo import DEMO_PEGAWAI_NIP

    return data_update_propose(actor=users["pegawai"], employee=Employee.objects.get(nip=DEMO_PEGAWAI_NIP),
                               stream=io.BytesIO(tiny_png(next(SEEDS))), filename="akta.png", **target)


def test_fasilitator_approves_and_returns_beside_the_scan(client, users, make_user, settings):
    from desk.models import DataUpdate
    from people.models import Employee

    settings.DATA_OWNED_BY_BKD = ["field:nama"]
    place = propose(users, field="tempat_lahir", value="Sidoarjo")
    marital = propose(users, field="status_perkawinan", value="kawin")

    client.force_login(users["fasilitator"])
    page = client.get("/peremajaan/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sidoarjo" in html and f'/dokumen/{place.document_id}/halaman/1/' in html

    assert client.post("/peremajaan/", {"update": place.pk, "action": "approve"}).status_code == 302
    assert Employee.objects.get(pk=place.employee_id).tempat_lahir == "Sidoarjo"
    refused = client.post("/peremajaan/", {"update": marital.pk, "action": "return", "reason": ""})
    assert refused.status_code == 400 and "alasan" in refused.content.decode().lower()
    assert client.post("/peremajaan/", {"update": marital.pk, "action": "return",
                                        "reason": "Akta tidak terbaca"}).status_code == 302
    assert DataUpdate.objects.get(pk=marital.pk).status == "returned"

    outsider = make_user("fas-lain", "fasilitator", units=["BKD-MUT"])
    client.force_login(outsider)
    assert "Sidoarjo" not in client.get("/peremajaan/").content.decode()
    name = propose(users, field="nama", value="Dewi Rahayu Putri")
    assert client.post("/peremajaan/", {"update": name.pk, "action": "approve"}).status_code == 404

    client.force_login(users["fasilitator"])
    answer = client.post("/peremajaan/", {"update": name.pk, "action": "approve"})
    assert answer.status_code == 400 and "BKD" in answer.content.decode()
    assert DataUpdate.objects.get(pk=name.pk).status == "proposed"
