"""The field extractors on tricky printed and OCR'd text."""
import pytest

from ocr.fields import extract_fields, extract_nama, extract_nip, extract_nomor, extract_tanggal

DECREE = """KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAERAH
NOMOR 800/1234/204/2024
TENTANG KENAIKAN PANGKAT PEGAWAI NEGERI SIPIL
Nama : Rudi Lestari
NIP : 19770326 200708 1 097
Pangkat/Gol. Ruang : Penata Tingkat I, III/d
Ditetapkan di Surabaya pada tanggal 20 Juli 2026
"""


def test_decree_fields_are_found():
    fields = extract_fields(DECREE)
    assert fields["nip"] == ["197703262007081097"]
    assert fields["nomor"] == ["800/1234/204/2024"]
    assert fields["tanggal"] == ["2026-07-20"]
    assert fields["nama"] == ["Rudi Lestari"]


@pytest.mark.parametrize("printed", [
    "NIP : 19770326 200708 1 097",
    "NIP. 19770326.200708.1.097",
    "NIP:197703262007081097",
    "NIP 19770326-200708-1-097",
    "N I P : 19770326  200708 1 097",
    "NIP : 1977O326 2OO7O8 l 097",  # OCR read zeros as O and one as l
])
def test_spaced_and_misread_nips_are_normalised(printed):
    assert extract_nip(printed) == ["197703262007081097"]


def test_nip_candidates_must_be_valid_by_structure():
    # 13th month, and a sex digit 3: eighteen digits, but not NIPs
    assert extract_nip("19770326 200713 1 097 dan 19770326 200708 3 097") == []
    # a labelled NIP comes before an unlabelled one
    text = "nomor rekening 198001012005011002\nNIP : 19770326 200708 1 097"
    assert extract_nip(text) == ["197703262007081097", "198001012005011002"]


def test_nip_does_not_join_numbers_across_lines():
    assert extract_nip("19770326 200708\n1 097") == []


@pytest.mark.parametrize("text,expected", [
    ("Ditetapkan pada tanggal 1 Januari 2026", ["2026-01-01"]),
    ("tanggal 29 Pebruari 2024", ["2024-02-29"]),  # old spelling, leap day
    ("tanggal 29 Februari 2023", []),  # no such day
    ("tgl. 17 Agt 1945", ["1945-08-17"]),
    ("pada tanggal 5 Nopember 2021", ["2021-11-05"]),
    ("TANGGAL 12 DESEMBER 2022", ["2022-12-12"]),
    ("tanggal 2O Mei 2O19", ["2019-05-20"]),  # OCR'd zeros
    ("tanggal 31-12-2020", ["2020-12-31"]),
    ("Surabaya, 3 Okt. 2023", ["2023-10-03"]),
])
def test_indonesian_dates(text, expected):
    assert extract_tanggal(text) == expected


def test_dates_after_tanggal_come_first():
    text = "lahir 2 Maret 1980 ... Ditetapkan di Surabaya pada tanggal 9 Juli 2019"
    assert extract_tanggal(text) == ["2019-07-09", "1980-03-02"]


@pytest.mark.parametrize("text,expected", [
    ("NOMOR 800/1234/204/2024", ["800/1234/204/2024"]),
    ("Nomor : 821.2 / 12 / BKD / 2024", ["821.2/12/BKD/2024"]),
    ("Nomor Ijazah 800/5809/229/2020", ["800/5809/229/2020"]),
    ("Pangkat/Gol. Ruang : Penata, III/c", []),
    ("tanggal 12/05/2024", []),
])
def test_decree_numbers(text, expected):
    assert extract_nomor(text) == expected


def test_name_beside_nama_and_in_diploma_sentence():
    assert extract_nama("Nama : Dr. Siti Rahayu, M.Si.\nNIP : 1") == ["Dr. Siti Rahayu, M.Si"]
    assert extract_nama("Nama Lengkap: Agus Santoso") == ["Agus Santoso"]
    assert extract_nama("Dengan ini menyatakan bahwa Dewi Rahayu, lahir pada tanggal 17 April 2021") == ["Dewi Rahayu"]
    assert extract_nama("Nama : 19770326 200708") == []


def test_the_decree_date_is_the_last_ditetapkan_date():
    text = ("Menimbang Keputusan yang Ditetapkan di Surabaya pada tanggal 23 November 2020 ...\n"
            "Ditetapkan di Surabaya\npada tanggal 12 Juli 2023")
    assert extract_tanggal(text) == ["2023-07-12", "2020-11-23"]
