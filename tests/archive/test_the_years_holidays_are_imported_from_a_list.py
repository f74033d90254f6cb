"""import_holidays records the year's moving holidays and cuti bersama from the SKB's list as CSV: all rows
or none, each bad row named by its line; the fixed national holidays need no row (listed, they are skipped)."""
import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from people.models import Holiday
from people.selectors_calendar import working_days

pytestmark = pytest.mark.django_db

HEADER = "tanggal,nama,jenis,mengurangi_cuti_tahunan\n"


def test_a_list_is_recorded_and_counts_for_leave(demo, tmp_path, capsys):
    path = tmp_path / "libur-2033.csv"
    path.write_text(HEADER + "2033-01-01,Tahun Baru Masehi,,\n"  # fixed: skipped
                    "10-03-2033,Hari Suci Nyepi,libur_nasional,\n"
                    "2033-03-11,Cuti Bersama Nyepi,cuti bersama,ya\n")
    call_command("import_holidays", str(path))
    assert "Recorded: 2 day(s)." in capsys.readouterr().out
    assert list(Holiday.objects.values_list("day", "kind", "reduces_annual_leave")) == [
        (dt.date(2033, 3, 10), "libur_nasional", False), (dt.date(2033, 3, 11), "cuti_bersama", True)]
    assert working_days(dt.date(2033, 3, 7), dt.date(2033, 3, 11)) == 3  # Monday to Friday, two days off


def test_a_bad_row_records_nothing_and_is_named(demo, tmp_path, capsys):
    path = tmp_path / "libur.csv"
    path.write_text(HEADER + "2033-03-10,Hari Suci Nyepi,,\n2033-13-40,Salah,,\n2033-03-12,Cuti,cuti panjang,\n")
    with pytest.raises(CommandError, match="nothing recorded"):
        call_command("import_holidays", str(path))
    err = capsys.readouterr().err
    assert "line 3: tanggal '2033-13-40' bukan tanggal" in err and "line 4: jenis 'cuti panjang' tidak dikenal" in err
    assert not Holiday.objects.exists()

    path.write_text(HEADER + "2033-03-10,Hari Suci Nyepi,,\n2033-03-20,Idul Fitri,libur_nasional,ya\n")
    with pytest.raises(CommandError):
        call_command("import_holidays", str(path))
    assert "line 3: Hanya cuti bersama yang dapat mengurangi cuti tahunan." in capsys.readouterr().err
    assert not Holiday.objects.exists()
