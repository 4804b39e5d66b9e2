"""CSV and XLSX for every list: the same filters, rows flattened for spreadsheets, streamed.

A cell that starts with = + - @ (or a tab or carriage return) would run as a formula in a
spreadsheet, so text cells like that get a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import itertools
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from rest_framework.renderers import BaseRenderer

from regionalprogram.api.language import LANGUAGE_CODES
from regionalprogram.paging import rows_of_ids
from regionalprogram.spreadsheets import FORMULA_PREFIXES, neutralise  # noqa: F401 - re-exported

EXPORT_CHUNK = 500
NEGATIVE_NUMBER_RE = re.compile(r"-\d+(\.\d+)?")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Lists are streamed by the view; this only renders what is left (nothing in practice).
        return b""


class XLSXRenderer(BaseRenderer):
    media_type = XLSX_CONTENT_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b""


EXPORT_FORMATS = {"csv", "xlsx"}

# How a list export too large for a request is answered instead (a job to follow): set by the
# measures app, which keeps the jobs (measures.apps → measures.api_exports.answer_if_large); it
# returns None for an export small enough to stream at once.
large_export: Callable | None = None


@dataclass(frozen=True)
class WorkerExport:
    """What a worker preparing an export job tells the list it asks (measures.api_exports.build):
    the job, and how to count a row into its progress."""

    job: Any
    tick: Callable[[], None]


def export_job_of(request) -> WorkerExport | None:
    """The worker's export a request asks for (None for a partner's own request)."""
    return getattr(request, "worker_export", None)


def _label(item) -> str:
    if isinstance(item, dict):
        for key in ("key", "soate", "code", "number", "id"):
            if item.get(key) not in (None, ""):
                name = item.get("name") or item.get("title")
                if isinstance(name, dict):
                    name = " / ".join(v for v in name.values() if v)
                return f"{item[key]} {name}".strip() if name else str(item[key])
        return "; ".join(f"{k}={v}" for k, v in item.items() if not isinstance(v, list | dict))
    return "" if item is None else str(item)


def is_translation(value) -> bool:
    return isinstance(value, dict) and set(value) == set(LANGUAGE_CODES)


def flatten(item: dict, prefix: str = "") -> dict:
    """Nested dicts become `a.b` columns, translations `title.ky`..., lists one joined cell."""
    flat: dict = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not is_translation(value):
            flat.update(flatten(value, prefix=f"{name}."))
        elif is_translation(value):
            for code in LANGUAGE_CODES:
                flat[f"{name}.{code}"] = value[code]
        elif isinstance(value, list):
            flat[name] = "; ".join(_label(v) for v in value)
        else:
            flat[name] = value
    return flat


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime | datetime.date | decimal.Decimal | int | float):
        return value
    value = str(value)
    if NEGATIVE_NUMBER_RE.fullmatch(value):
        return decimal.Decimal(value)  # a negative amount is a number, not a formula
    return neutralise(value)


def export_rows(
    queryset, to_rows: Callable[[list], list[dict]], *, chunk: int | None = None
) -> Iterator[dict]:
    """Flat rows, a chunk of rows at a time: each chunk costs the same fixed number of queries.

    One server-side cursor reads the ids in order (the list is sorted once; an OFFSET per chunk
    re-sorted everything before it), and each chunk's full rows are read by their ids
    (``rows_of_ids``), with the queryset's prefetches: read whole through one cursor, a measure's
    status subqueries were planned for the whole list, and PostgreSQL hashed every report first
    (0.6 s before the first row of a 334-measure programme)."""
    chunk = chunk or EXPORT_CHUNK
    ids = queryset.values_list("pk", flat=True).iterator(chunk_size=chunk)
    while page := list(itertools.islice(ids, chunk)):
        for item in to_rows(rows_of_ids(queryset, page)):
            yield flatten(item)


class _Echo:
    def write(self, value):
        return value


def _columns(first: dict, declared: Iterable[str] | None) -> list[str]:
    return list(declared) if declared else list(first)


def csv_response(rows: Iterator[dict], filename: str, language: str) -> StreamingHttpResponse:
    def generate():
        with translation.override(language):
            # Every cell quoted: Excel set to the ky/ru list separator ";" splits an unquoted
            # "a;=1+1" into a formula cell (review L7); a quoted cell stays one cell.
            writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
            yield "\ufeff"  # Excel needs the BOM to read UTF-8 (Cyrillic) correctly.
            columns = None
            for row in rows:
                if columns is None:
                    columns = _columns(row, None)
                    yield writer.writerow(columns)
                yield writer.writerow([_csv_value(row.get(col)) for col in columns])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _csv_value(value):
    value = _cell(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def xlsx_response(rows: Iterator[dict], filename: str, language: str) -> FileResponse:
    from openpyxl import Workbook

    # write_only keeps memory flat: rows go to a temporary file as they are produced.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=filename[:31])
    columns = None
    with translation.override(language):
        for row in rows:
            if columns is None:
                columns = _columns(row, None)
                sheet.append(columns)
            sheet.append([_xlsx_value(row.get(col)) for col in columns])
    if columns is None:
        sheet.append([""])
    output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_CONTENT_TYPE
    )


def _xlsx_value(value):
    value = _cell(value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        # Spreadsheets have no time zones: local (Bishkek) time, as people read it.
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, decimal.Decimal):
        return value
    return value
