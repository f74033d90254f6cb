"""The bulk-issue progress page follows the batch by itself: its script polls the batch API and the
bar, the counts and the failed lines change without the administrator reloading."""
from issuing.models import IssueBatch
from archive.services.demo import DEMO_PEGAWAI_NIP


def test_bulk_issue_progress_updates_itself(page, users, login, shot):
    items = [{"employee": DEMO_PEGAWAI_NIP, "fields": {}}, {"employee": "199901012020121001", "fields": {}}]
    batch = IssueBatch.objects.create(template="kgb", items=items, total=2, created_by=users["admin"])
    login(page, users["admin"])
    page.goto(f"/terbitkan/massal/{batch.pk}/")
    assert page.locator("#batch-progress").get_attribute("value") == "0"
    shot(page, "running")

    IssueBatch.objects.filter(pk=batch.pk).update(
        failed=2, errors=[{"index": 0, "employee": DEMO_PEGAWAI_NIP, "detail": "gaji_baru: wajib diisi"},
                          {"index": 1, "employee": "199901012020121001", "detail": "Tidak ada pegawai."}])
    page.wait_for_function("() => document.querySelector('#batch').dataset.finished === '1'", timeout=15000)
    shot(page, "finished")
    assert page.locator("#batch-progress").get_attribute("value") == "2"
    assert page.locator("#batch-errors li").count() == 2
    assert "Baris 3 · NIP 199901012020121001" in page.locator("#batch-errors").inner_text()
    assert page.console_errors == []
