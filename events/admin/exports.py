"""CSV and XLSX files from the admin that a spreadsheet opens safely.

A cell a spreadsheet would read as a formula (=, +, -, @, a tab or a carriage return first)
gets a leading apostrophe, so a name like `=HYPERLINK(…)` typed by anyone stays text. Until a
shared module for every export lands (issue 8), the events' exports use this one.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def formula_safe(value) -> str | int | float:
    """Numbers stay numbers; text a spreadsheet would evaluate is kept as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    # A byte-order mark, so spreadsheets read Český Těšín as UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([formula_safe(title) for title in header])
    for row in rows:
        writer.writerow([formula_safe(value) for value in row])
    return response


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in [header, *rows]:
        sheet.append([_xlsx_cell(value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _xlsx_cell(value):
    safe = formula_safe(value)
    if isinstance(safe, str):
        # Control characters make the file unreadable to Excel; they carry no meaning here.
        return ILLEGAL_CHARACTERS_RE.sub("", safe)
    return safe
