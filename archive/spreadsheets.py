"""Tables people open in a spreadsheet: XLSX (openpyxl, Indonesian headers, numbers as numbers) and a
CSV that Indonesian-locale Excel opens in columns — `;` between values (the list separator of an
Indonesian Windows, where `,` is the decimal comma), decimal commas, and a UTF-8 byte-order mark
so names with accents read right. Cells that a spreadsheet would run as formulas are defused
(archive.csv_safe). The API's CSV exports stay as they were: comma-separated, for programs."""
from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from archive.csv_safe import csv_safe_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (float, Decimal)):
        return str(value).replace(".", ",")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(csv_safe_cell(value))


def csv_for_excel(headers: list[str], rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx(title: str, headers: list[str], rows) -> bytes:
    """One sheet: a bold, frozen header row, columns wide enough for their header, an autofilter."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for row in rows:
        sheet.append([v if isinstance(v, (int, float, Decimal, dt.date, dt.datetime)) or v is None
                      else csv_safe_cell(str(v)) for v in row])
        count += 1
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(str(header)) + 4)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
