"""Each failed item of a bulk issue is stored on the batch in Indonesian, the default language, even when
the administrator who started it uses the pages in English: the items are issued by Celery tasks, and
a task run in process (eager, the embedded default) runs in the thread of the request that queued it,
where that user's language is active. The form's own refusal still answers in English."""
import pytest
from django.utils import translation

from issuing.models import IssueBatch
from people.models import Employee

pytestmark = pytest.mark.django_db


def test_failures_of_a_batch_started_in_english_are_stored_in_indonesian(client, users,
                                                                        django_capture_on_commit_callbacks):
    client.force_login(users["admin"])
    assert client.post("/bahasa/", {"language": "en", "next": "/"}).status_code == 302
    refused = client.post("/terbitkan/massal/", {"template": "kgb", "rows": "nip,gaji_baru,tmt\n"})
    assert refused.status_code == 400 and "Add one line per employee under the header." in refused.content.decode()

    nip = Employee.objects.order_by("nip").values_list("nip", flat=True).first()
    rows = f"nip,gaji_baru,tmt\n199901012020121001,4000000,2026-04-01\n{nip},banyak,2026-04-01\n"
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):  # the request's thread
        response = client.post("/terbitkan/massal/", {"template": "kgb", "rows": rows})
    assert response.status_code == 302

    batch = IssueBatch.objects.get()
    assert (batch.done, batch.failed) == (0, 2)
    assert sorted((e["index"], e["detail"]) for e in batch.errors) == [
        (0, "Tidak ada pegawai dengan NIP 199901012020121001."),
        (1, "Isian tidak lengkap atau tidak sah: gaji_baru: harus angka rupiah, mis. 4123400"),
    ]
    progress = client.get(f"/api/v1/issued-documents/batches/{batch.pk}/").json()
    assert {e["detail"] for e in progress["errors"]} == {e["detail"] for e in batch.errors}
