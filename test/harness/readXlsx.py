"""Reads an XLSX file with openpyxl (an independent reader) and prints what a spreadsheet user sees as JSON.

Usage: python3 readXlsx.py FILE. Each cell is [kind, value, number_format]: kind is "date" (value an
ISO 8601 wall-clock date-time, no zone), "number", "bool", "text" or "empty".
"""
import datetime
import json
import sys

import openpyxl


def cell_of(cell):
    value = cell.value
    if value is None:
        return ["empty", None, cell.number_format]
    if isinstance(value, datetime.datetime):
        return ["date", value.isoformat(), cell.number_format]
    if isinstance(value, bool):
        return ["bool", value, cell.number_format]
    if isinstance(value, (int, float)):
        return ["number", value, cell.number_format]
    return ["text", value, cell.number_format]


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
