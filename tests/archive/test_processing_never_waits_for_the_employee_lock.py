"""Processing a scan locks its version only, never the employee: an upload holds the employee's row
while it records a new version, and a worker that locked the version, the document and the employee
together (in the other order) deadlocked with it under load (bench/load_bench.py: 500 on uploads).
Here another connection holds the employee's row the way an upload does; processing still runs."""
import threading

import pytest
from django.db import connection, connections, transaction

from documents.models import Document
from people.models import Employee
from documents.pipeline import process_version
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db(transaction=True)


def test_processing_never_waits_for_the_employee_lock(demo, users, upload, letter):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: SQLite locks the whole database; this run uses " + connection.vendor)
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    response = upload(users["admin"], letter(dewi, "KARTU TANDA PENDUDUK"), nip=dewi.nip, document_type="ktp")
    assert response.status_code == 201
    version = Document.objects.get(pk=response.json()["id"]).versions.get()

    locked, release = threading.Event(), threading.Event()

    def hold_the_employee_like_an_upload():
        with transaction.atomic():
            Employee.objects.select_for_update(no_key=True).get(pk=dewi.pk)
            locked.set()
            release.wait(30)
        connections.close_all()

    holder = threading.Thread(target=hold_the_employee_like_an_upload)
    holder.start()
    try:
        assert locked.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # waiting on the employee would fail, not hang
        assert process_version(version.pk, force=True) in ("awaiting_verification", "needs_rescan")
    finally:
        release.set()
        holder.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
