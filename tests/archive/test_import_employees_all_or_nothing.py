"""import_employees: a CSV with one bad row imports nothing and names the row."""
import pytest
from django.core.management import CommandError, call_command

from people.models import Employee

pytestmark = pytest.mark.django_db

HEADER = "nama,nip,pangkat_golongan,pendidikan,jabatan,unit\n"
GOOD = [
    "Andi Pratama,19880412 201101 1 004,\"Penata Muda, III/a\",S1 Akuntansi,Pengelola Keuangan,BKD-MUT\n",
    "Sari Wulandari,199002142014022001,III/b,S1 Hukum,Analis Hukum,Bidang Data dan Informasi\n",
]


def test_file_with_one_bad_row_imports_nothing_and_names_the_line(demo, tmp_path, capsys):
    before = Employee.objects.count()
    path = tmp_path / "pegawai.csv"
    path.write_text(HEADER + GOOD[0] + "Budi Salah,19880230 201101 1 004,III/a,SMA,Staf,BKD-MUT\n" + GOOD[1])
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_employees", str(path))
    assert Employee.objects.count() == before
    err = capsys.readouterr().err
    assert "line 3:" in err and "19880230" in err


def test_good_file_imports_and_derives_birth_date_and_sex_from_the_nip(demo, tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_text(HEADER + "".join(GOOD))
    call_command("import_employees", str(path))
    sari = Employee.objects.get(nip="199002142014022001")
    assert sari.unit.code == "BKD-INF" and sari.golongan == "III/b"
    assert sari.tanggal_lahir.isoformat() == "1990-02-14" and sari.jenis_kelamin == 2


def test_skip_invalid_imports_the_good_rows(demo, tmp_path, capsys):
    path = tmp_path / "pegawai.csv"
    path.write_text(HEADER + GOOD[0] + "Tanpa Unit,199001012015011001,III/a,SMA,Staf,TIDAK-ADA\n")
    call_command("import_employees", str(path), "--skip-invalid")
    assert Employee.objects.filter(nip="198804122011011004").exists()
    assert "line 3: unit kerja 'TIDAK-ADA' tidak dikenal" in capsys.readouterr().err


def test_missing_column_is_reported(demo, tmp_path, capsys):
    path = tmp_path / "pegawai.csv"
    path.write_text("nama,nip\nA,198804122011011004\n")
    with pytest.raises(CommandError):
        call_command("import_employees", str(path))
    assert "kolom tidak ada" in capsys.readouterr().err
