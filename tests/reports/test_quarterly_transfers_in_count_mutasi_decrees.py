"""The quarterly report's "Mutasi masuk" counts the SK mutasi applied in the quarter, under the new
unit's agency (beside reconciliation imports); a revoked one no longer counts."""
import pytest
from django.utils import timezone

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from issuing.services.issuing import issued_document_issue, issued_document_revoke
from reports.quarterly import Quarter, quarterly_figures

pytestmark = pytest.mark.django_db


def _transfers_in(quarter, agency):
    return next(r for r in quarterly_figures(quarter)["headcount"] if r["agency"] == agency)["transfers_in"]


def test_a_mutasi_is_a_transfer_in_until_revoked(users, signing_settings, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    quarter = Quarter(today.year, (today.month - 1) // 3 + 1)
    before = _transfers_in(quarter, "BKD")
    with django_capture_on_commit_callbacks(execute=True):
        decree = issued_document_issue(actor=users["admin"], template="sk_mutasi",
                                       employee=Employee.objects.get(nip=DEMO_PEGAWAI_NIP),
                                       fields={"unit_baru": "BKD-MUT", "jabatan_baru": "Analis SDM Aparatur",
                                               "tmt": quarter.first_day.isoformat()})
    assert _transfers_in(quarter, "BKD") == before + 1
    with django_capture_on_commit_callbacks(execute=True):
        issued_document_revoke(actor=users["admin"], issued=decree, reason="Salah unit tujuan")
    assert _transfers_in(quarter, "BKD") == before
