"""A process killed while it signs (after its number was reserved) leaves that number open; the
scheduled sweep marks it void with the reason, for administrators to see, and the next decree gets
a new number: a recorded gap, never a duplicate."""
import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from issuing.models import IssuedDocument, NumberReservation
from people.models import Employee
from issuing.services.issuing import issued_document_issue
from issuing.services.numbering import number_reservations_void_stale

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import django, sys
django.setup()
from people.models import Employee
from django.contrib.auth import get_user_model
from issuing.services.issuing import issued_document_issue
issued_document_issue(actor=get_user_model().objects.get(username="admin"), template="teguran_tertulis",
                      employee=Employee.objects.get(nip=sys.argv[1]), fields={"alasan": "Mangkir lima hari."})
"""


def test_killed_signer_leaves_a_void_number_not_a_duplicate(demo, users, settings, hanging_tsa, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL shared with a second process")
    db = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DATA_DIR": str(tmp_path),
           "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
           "DOCUMENT_SIGNER_BACKEND": "pkcs12", "SIGNING_TSA_URL": settings.SIGNING_TSA_URL,
           "SIGNING_TRUST_ROOTS": ",".join(settings.SIGNING_TRUST_ROOTS),
           "SIGNING_OTHER_CERTS": ",".join(settings.SIGNING_OTHER_CERTS),
           "SIGNING_PKCS12_PATH": settings.SIGNING_PKCS12_PATH,
           "SIGNING_PKCS12_PASSPHRASE": settings.SIGNING_PKCS12_PASSPHRASE}
    victim, other = Employee.objects.order_by("nip")[:2]
    hanging_tsa.hang_next()
    child = subprocess.Popen([sys.executable, "-c", CHILD, victim.nip], cwd=ROOT, env=env)
    try:
        assert hanging_tsa.holding.wait(timeout=120), "the child never reached the TSA"
        os.kill(child.pid, signal.SIGKILL)  # a crash between reserving and recording
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        hanging_tsa.release(refuse=True)
    left = NumberReservation.objects.get(template="teguran_tertulis")
    assert left.status == NumberReservation.Status.RESERVED  # open: nobody recorded or voided it
    assert not IssuedDocument.objects.exists()

    assert number_reservations_void_stale(older_than=dt.timedelta(hours=1)) == 0  # not stale yet
    assert number_reservations_void_stale(older_than=dt.timedelta(0)) == 1
    left.refresh_from_db()
    assert left.status == NumberReservation.Status.VOID and left.void_reason and left.voided_at

    issued = issued_document_issue(actor=users["admin"], template="teguran_tertulis", employee=other,
                                   fields={"alasan": "Mangkir lima hari."})
    assert issued.number != left.number
    assert int(issued.number.split("/")[1]) == int(left.number.split("/")[1]) + 1
