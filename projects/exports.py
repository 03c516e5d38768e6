"""The projects' files as responses, written through the portal's one formula-safe module
(citytwins/spreadsheets.py): text a spreadsheet would read as a formula is shown as text,
numbers and dates stay numbers and dates."""

from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from citytwins.spreadsheets import csv_write, xlsx_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_response(*, filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark, so spreadsheets read Český Těšín as UTF-8, not in a legacy code page.
    response.write("\ufeff")
    csv_write(response, header, rows)
    return response


def xlsx_response(
    *, filename: str, sheet_title: str, header: Sequence, rows: Iterable[Sequence]
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(header, rows, title=sheet_title), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
