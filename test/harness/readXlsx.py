"""Reads an XLSX file with openpyxl (an independent reader) and prints what a spreadsheet user sees as JSON.

Usage: python3 readXlsx.py FILE. Each cell is [kind, value, number_format, bold]: kind is "date" (value
an ISO 8601 wall-clock date-time, no zone), "number", "bool", "text" or "empty"; bold is the font's.
"""
import datetime
import json
import sys

import openpyxl


def kind_of(value):
    if value is None:
        return "empty", None
    if isinstance(value, datetime.datetime):
        return "date", value.isoformat()
    if isinstance(value, bool):
        return "bool", value
    if isinstance(value, (int, float)):
        return "number", value
    return "text", value


def cell_of(cell):
    kind, value = kind_of(cell.value)
    return [kind, value, cell.number_format, bool(cell.font is not None and cell.font.b)]


workbook = openpyxl.load_workbook(sys.argv[1])
sheet = workbook.worksheets[0]
json.dump(
    {
        "sheets": workbook.sheetnames,
        "frozen": sheet.freeze_panes,
        "rows": [[cell_of(cell) for cell in row] for row in sheet.iter_rows()],
    },
    sys.stdout,
    ensure_ascii=False,
)
