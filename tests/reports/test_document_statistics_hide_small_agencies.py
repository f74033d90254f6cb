"""Document completeness and verification backlog by agency, for anyone: figures match the files,
and an agency too small to publish is hidden together with enough others that the totals do not
give it away."""
import pytest

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_figures_by_agency_and_small_agency_hidden(users, upload, letter, api_client_for, population, client,
                                                   settings, publish_statistics):
    settings.STATISTICS_MIN_CELL = 5
    population("TINY", 2)
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    first = upload(users["pegawai"], letter(employee, title="KARTU TANDA PENDUDUK"), nip=employee.nip,
                   document_type="ktp", filename="ktp.pdf").json()["id"]
    upload(users["pegawai"], letter(employee, title="KARTU KELUARGA"), nip=employee.nip,
           document_type="kartu_keluarga", filename="kk.pdf")
    api_client_for(users["fasilitator"]).post(f"/api/v1/documents/{first}/verification/", {"decision": "verified"},
                                              format="json")

    publish_statistics()
    answer = client.get("/api/v1/statistics/documents/").json()
    rows = {row["agency"]: row for row in answer["agencies"]}
    assert rows["TINY"]["suppressed"] and rows["TINY"]["employees"] is None and rows["TINY"]["backlog"] is None
    assert sum(row["suppressed"] for row in rows.values()) >= 2, "the total minus the others would be TINY"
    assert (answer["totals"]["verified"], answer["totals"]["backlog"]) == (1, 1)
    dinkes = rows["DINKES"]
    assert not dinkes["suppressed"], answer
    assert dinkes["employees"] == Employee.objects.filter(unit__agency__code="DINKES").count()
    assert (dinkes["present"], dinkes["verified"], dinkes["backlog"]) == (2, 1, 1)
    assert "Dewi" not in str(answer) and DEMO_PEGAWAI_NIP not in str(answer)
