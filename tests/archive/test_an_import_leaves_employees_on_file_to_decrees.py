"""import_employees creates the employees it does not know; one already on file is not changed by it — a rank,
unit or position moves by decree or by a reviewed reconciliation diff, each change recorded with its old
value — but for fields its record left empty. A row that says otherwise than the record is named by its line,
what differs said, and the new rows are imported all the same."""
import pytest
from django.core.management import call_command

from archive.services.demo import DEMO_PEGAWAI_NIP
from people.models import Employee, HistoryEntry
from people.ranks import pangkat_label
from people.services.employees import employee_create, employees_import_csv

pytestmark = pytest.mark.django_db

HEADER = "nama,nip,pangkat_golongan,pendidikan,jabatan,unit,status_kepegawaian,akhir_perjanjian_kerja\n"
NEW = "Andi Pratama,198804122011011004,\"Penata Muda, III/a\",S1 Akuntansi,Pengelola Keuangan,BKD-MUT,,\n"


def _row(employee: Employee, **changes) -> str:
    values = {"nama": employee.nama, "nip": employee.nip, "pangkat_golongan": pangkat_label(employee.golongan),
              "pendidikan": employee.pendidikan, "jabatan": employee.jabatan, "unit": employee.unit.code,
              "status_kepegawaian": "", "akhir_perjanjian_kerja": "", **changes}
    return ",".join(f'"{value}"' for value in values.values()) + "\n"


def test_a_row_that_differs_from_the_record_is_named_and_not_applied(demo, tmp_path, capsys):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    before = (dewi.golongan, dewi.unit_id, dewi.jabatan, dewi.nama)
    history = HistoryEntry.objects.filter(employee=dewi).count()
    colleague = Employee.objects.exclude(nip=DEMO_PEGAWAI_NIP).exclude(unit=dewi.unit).first()
    path = tmp_path / "pegawai.csv"
    path.write_text(HEADER + NEW + _row(dewi, pangkat_golongan="Pembina, IV/a", unit=colleague.unit.code)
                    + _row(colleague))
    call_command("import_employees", str(path))

    dewi.refresh_from_db()
    assert (dewi.golongan, dewi.unit_id, dewi.jabatan, dewi.nama) == before
    assert HistoryEntry.objects.filter(employee=dewi).count() == history
    assert Employee.objects.filter(nip="198804122011011004").exists()
    out = capsys.readouterr()
    assert f"line 3: NIP {DEMO_PEGAWAI_NIP} sudah ada dengan data lain: golongan {before[0]} → IV/a; " \
           f"unit {dewi.unit.code} → {colleague.unit.code} (not changed)" in out.err
    assert "line 4" not in out.err
    assert "1 created, 1 already on file as given" in out.out and "reconciliation_import" in out.out


def test_fields_the_record_left_empty_are_filled(demo):
    pppk = employee_create(nip="199105052022032001", nama="Rina Lestari", golongan="IX", jabatan="Perawat Ahli Pertama",
                           unit=Employee.objects.get(nip=DEMO_PEGAWAI_NIP).unit)
    assert (pppk.status_kepegawaian, pppk.akhir_perjanjian_kerja, pppk.pendidikan) == ("PPPK", None, "")
    report = employees_import_csv(text=HEADER + _row(pppk, pendidikan="D3 Keperawatan",
                                                     akhir_perjanjian_kerja="31-12-2029"))
    assert (report.completed, report.differing, report.applied) == (1, [], True)
    pppk.refresh_from_db()
    assert (pppk.pendidikan, pppk.akhir_perjanjian_kerja.isoformat()) == ("D3 Keperawatan", "2029-12-31")

    again = employees_import_csv(text=HEADER + _row(pppk, akhir_perjanjian_kerja="2031-12-31"))
    assert again.differing == [(2, f"NIP {pppk.nip} sudah ada dengan data lain: "
                                   "akhir perjanjian kerja 2029-12-31 → 2031-12-31")]
    pppk.refresh_from_db()
    assert pppk.akhir_perjanjian_kerja.isoformat() == "2029-12-31"


def test_an_existing_employees_appointment_is_not_changed_by_a_file(demo):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    report = employees_import_csv(text=HEADER + _row(dewi, status_kepegawaian="CPNS"))
    assert report.differing == [(2, f"NIP {dewi.nip} sudah ada dengan data lain: "
                                    f"status kepegawaian {dewi.status_kepegawaian} → CPNS")]
    dewi.refresh_from_db()
    assert dewi.status_kepegawaian == "PNS" and dewi.status == "pns"
