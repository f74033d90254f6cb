"""The monitoring table downloads as a real spreadsheet (XLSX, read back with openpyxl) and as a CSV
that Indonesian-locale Excel opens in columns: `;` separators, decimal commas, a UTF-8 BOM, headers in
Indonesian — the API's comma CSV stays for programs."""
import io

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_xlsx_and_csv_for_excel(client, users):
    client.force_login(users["fasilitator"])
    answer = client.get("/pemantauan/unduh.xlsx")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Perangkat daerah", "Kode unit", "Unit kerja", "Pegawai")
    assert "Kelengkapan (%)" in rows[0] and len(rows) >= 2
    assert isinstance(rows[1][3], int)  # numbers stay numbers

    text = client.get("/pemantauan/unduh.csv").content.decode("utf-8")
    assert text.startswith("\ufeffPerangkat daerah;Kode unit;Unit kerja;Pegawai;")
    data = text.splitlines()[1].split(";")
    assert len(data) == len(rows[0])
    assert "." not in data[7]  # completeness with a decimal comma (or whole)

    assert client.get("/api/v1/monitoring/export/").content.decode().startswith("agency,unit,")

    client.force_login(users["pegawai"])
    assert client.get("/pemantauan/unduh.xlsx").status_code == 403
