"""Any table as CSV or Excel: headers and rows in, a download out."""

import csv
import io
from datetime import date, datetime

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    # Spreadsheet formulas in exported text could run on opening (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _xlsx_cell(value):
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel holds no time zones
    if isinstance(value, date):
        return value
    return _cell(value)


def csv_response(*, filename: str, headers: list[str], rows: list[list]) -> HttpResponse:
    """Return the table as a CSV download."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(*, filename: str, headers: list[str], rows: list[list]) -> HttpResponse:
    """Return the table as an Excel workbook download."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=filename[:31])
    sheet.append(headers)
    for row in rows:
        sheet.append([_xlsx_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def table_response(fmt: str, *, filename: str, headers, rows) -> HttpResponse | None:
    """Return the download for fmt ("csv" or "xlsx"), or None for anything else."""
    if fmt == "csv":
        return csv_response(filename=filename, headers=headers, rows=rows)
    if fmt == "xlsx":
        return xlsx_response(filename=filename, headers=headers, rows=rows)
    return None
