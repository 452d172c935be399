"""CSV exports for staff, safe to open in spreadsheet programs."""

import csv

from django.http import HttpResponse


def safe_cell(value: str) -> str:
    """Stop spreadsheet formula injection from text typed by the public."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def csv_response(filename: str, header: list, rows) -> HttpResponse:
    """A semicolon-separated UTF-8 CSV (with BOM, so Excel reads the umlauts right)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(str(cell)) for cell in row])
    return response
