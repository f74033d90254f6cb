"""CSV cells a spreadsheet will not run (formula injection, CWE-1236): every export goes through here.

A text cell that begins with = + - @, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula (`=HYPERLINK(...)` as a username in the audit log). Such a cell gets a
leading apostrophe, which the spreadsheet shows as plain text and does not display; numbers are left
as they are. `csv_unescape_cell` undoes it for our own imports, so an export read back is unchanged.
"""
from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_safe_row(row):
    """A list of cells, or a dict of them (csv.DictWriter), made safe."""
    if isinstance(row, dict):
        return {key: csv_safe_cell(value) for key, value in row.items()}
    return [csv_safe_cell(value) for value in row]


def csv_unescape_cell(value):
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value
