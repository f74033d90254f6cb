"""An employee import knows PPPK: a PPPK grade (Golongan I–XVII) makes a PPPK, not a PNS with a PPPK
grade — in the CSV import and in a reconciliation file alike —, the optional columns
status_kepegawaian and akhir_perjanjian_kerja set the appointment and the agreement's end (so the
extension falls due without a data update first), and rows that contradict themselves are named."""
import pytest
from django.core.management import CommandError, call_command

from people.models import Employee, StatusPeriod
from reports.exchange import reconciliation_apply, reconciliation_diff

pytestmark = pytest.mark.django_db

HEADER = "nama,nip,pangkat_golongan,pendidikan,jabatan,unit,status_kepegawaian,akhir_perjanjian_kerja\n"


def _import(tmp_path, rows: str):
    path = tmp_path / "pegawai.csv"
    path.write_text(HEADER + rows)
    call_command("import_employees", str(path))


def test_pppk_and_cpns_rows_get_their_appointment_and_agreement(demo, tmp_path):
    _import(tmp_path, "Sari Wulandari,198002102019032001,Golongan IX,S1 Pendidikan,Guru Ahli Pertama,BKD-MUT,,"
                      "31-12-2029\n"
                      "Rizky Pratama,199802102025061001,III/a,S1 Keperawatan,Perawat Ahli Pertama,BKD-MUT,CPNS,\n"
                      "Andi Pratama,198804122011011004,\"Penata Muda, III/a\",S1,Analis,BKD-MUT,,\n")
    sari, rizky, andi = (Employee.objects.get(nip=nip) for nip in
                         ("198002102019032001", "199802102025061001", "198804122011011004"))
    assert (sari.status_kepegawaian, sari.status, sari.golongan) == ("PPPK", "pppk", "IX")
    assert sari.akhir_perjanjian_kerja.isoformat() == "2029-12-31"
    assert StatusPeriod.objects.get(employee=sari).status == "pppk"
    assert (rizky.status_kepegawaian, rizky.status) == ("CPNS", "cpns")
    assert (andi.status_kepegawaian, andi.akhir_perjanjian_kerja) == ("PNS", None)


def test_rows_that_contradict_themselves_are_named_and_nothing_is_imported(demo, tmp_path, capsys):
    before = Employee.objects.count()
    with pytest.raises(CommandError, match="nothing imported"):
        _import(tmp_path, "Sari,198002102019032001,III/a,S1,Guru,BKD-MUT,PPPK,\n"
                          "Andi,198804122011011004,III/a,S1,Analis,BKD-MUT,PNS,2029-12-31\n"
                          "Dina,198904122011012004,IX,S1,Guru,BKD-MUT,,31 Desember 2029\n"
                          "Eko,198704122011011004,III/a,S1,Analis,BKD-MUT,Honorer,\n")
    assert Employee.objects.count() == before
    err = capsys.readouterr().err
    assert "line 2:" in err and "tidak sesuai dengan status PPPK" in err
    assert "line 3:" in err and "hanya untuk PPPK" in err
    assert "line 4:" in err and "bukan tanggal" in err
    assert "line 5:" in err and "'Honorer' tidak dikenal" in err


def test_a_reconciliation_file_makes_a_pppk_of_a_pppk_grade(demo, users):
    text = ("nama,nip,pangkat_golongan,pendidikan,jabatan,unit\n"
            + "".join(f"{e.nama},{e.nip},{e.golongan},{e.pendidikan},{e.jabatan},{e.unit.code}\n"
                      for e in Employee.objects.select_related("unit"))
            + "Sari Wulandari,198002102019032001,Golongan IX,S1,Guru Ahli Pertama,BKD-MUT\n")
    diff = reconciliation_diff(actor=users["admin"], text=text, file_format="csv")
    assert [item["nip"] for item in diff.diff["new"]] == ["198002102019032001"]
    reconciliation_apply(actor=users["admin"], reconciliation=diff, fingerprint=diff.fingerprint)
    sari = Employee.objects.get(nip="198002102019032001")
    assert (sari.status_kepegawaian, sari.status) == ("PPPK", "pppk")
