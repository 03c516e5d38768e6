"""Files people download (CSV, XLSX): nothing in them runs as a spreadsheet formula.

A cell that starts like a formula (=, +, -, @, a tab or a line break, or their full-width forms)
is written so a spreadsheet shows it as text: in CSV after an apostrophe (OWASP's advice), in
XLSX as a cell typed as text. Numbers and dates stay numbers and dates.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def formula_like(text: str) -> bool:
    stripped = text.lstrip(" ")
    return bool(stripped) and stripped[0] in FORMULA_STARTS


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return str(value)
    text = str(value)
    return "'" + text if formula_like(text) else text


def csv_response(*, filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark, so spreadsheets read Český Těšín as UTF-8, not in a legacy code page.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_cell(str(title)) for title in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return response


def _xlsx_cell(sheet, value):
    if value is None or value == "":
        return None
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return value
    cell = WriteOnlyCell(sheet, value=str(value))
    # Typed as text whatever it starts with: never read as a formula.
    cell.data_type = "s"
    return cell


def xlsx_response(
    *, filename: str, sheet_title: str, header: Sequence[str], rows: Iterable[Sequence]
) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([_xlsx_cell(sheet, str(title)) for title in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
