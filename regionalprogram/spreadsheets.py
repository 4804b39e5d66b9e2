"""What every spreadsheet the portal writes shares (no cell may run as a formula), and the bounds on
every workbook it reads (see ``check_archive`` and ``bounded_rows`` below).

A text cell that starts with = + - @ (or a tab or carriage return) would be read as a formula by a
spreadsheet (CSV/formula injection), so it gets a leading apostrophe; so does one starting with ;
(the list separator of Kyrgyz and Russian Excel, which would otherwise open an empty cell before
it). CSV files quote every cell besides (regionalprogram.api.export), so an Excel that splits on ;
never finds a formula in the middle of a cell. Readers of our own files
(the action-plan import) take the apostrophe off again with ``unneutralise``.
"""

from __future__ import annotations

import re
import time
import zipfile
import zlib

from django.utils.formats import number_format
from django.utils.translation import gettext as _

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", ";")


def neutralise(value):
    """A text cell that a spreadsheet would read as a formula becomes plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unneutralise(value):
    """The inverse of ``neutralise`` for text read back from a file the portal wrote."""
    if isinstance(value, str) and value.startswith("'") and value[1:2].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


# --- reading workbooks that someone uploaded -------------------------------------------------
#
# A small .xlsx can hold a bomb: a sheet that declares 16,384 columns (openpyxl then yields every
# empty cell of every row), millions of tiny shared strings (read into memory before any row), or
# a part that inflates to gigabytes. Every workbook the portal reads goes through ``check_archive``
# before openpyxl opens it and through ``bounded_rows`` while its rows are read, so one upload
# costs at most a few seconds and a few tens of megabytes whatever the file holds.

MAX_ARCHIVE_ENTRIES = 1_000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # all the parts together
MAX_SHEET_BYTES = 32 * 1024 * 1024  # one worksheet's XML
MAX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024
MAX_SHARED_STRINGS = 200_000
MAX_OTHER_PART_BYTES = 8 * 1024 * 1024  # styles, workbook, relations, drawings…
MAX_COLUMNS = 32  # only this many columns are read, whatever width the sheet declares
READ_SECONDS = 20.0  # a sync worker is killed at 30 s

_SHARED_STRING_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")


class SpreadsheetRefused(ValueError):
    """The workbook is over one of the bounds above; ``str()`` is the reader's message."""


def _refuse_size(what: str, limit: int):
    return SpreadsheetRefused(
        _("The workbook is too large to read: %(what)s is over %(limit)s MB.")
        % {"what": what, "limit": limit // (1024 * 1024)}
    )


def check_archive(fileobj) -> None:
    """Refuse a workbook whose parts would cost too much to read, before any XML is parsed.

    The sizes come from the zip's directory; a part that lies about its size stops inflating at the
    declared size (zipfile checks it), so the declared sizes are the bound. The shared-string table
    is found as openpyxl finds it (the content types) and its entries counted in a stream.
    """
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS, WORKSHEET_TYPE
    from openpyxl.xml.functions import fromstring

    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ARCHIVE_ENTRIES:
                raise SpreadsheetRefused(
                    _("The workbook has more than %(count)s parts; it cannot be read.")
                    % {"count": MAX_ARCHIVE_ENTRIES}
                )
            if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
                raise SpreadsheetRefused(
                    _("The workbook unpacks to more than 200 MB; it cannot be imported.")
                )
            sizes = {info.filename: info.file_size for info in infos}
            if sizes.get(ARC_CONTENT_TYPES, 0) > MAX_OTHER_PART_BYTES:
                raise _refuse_size(ARC_CONTENT_TYPES, MAX_OTHER_PART_BYTES)
            manifest = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
            sheets = {part.PartName[1:] for part in manifest.findall(WORKSHEET_TYPE)}
            strings = manifest.find(SHARED_STRINGS)
            strings_name = strings.PartName[1:] if strings is not None else None
            for name, size in sizes.items():
                if name in sheets:
                    limit = MAX_SHEET_BYTES
                elif name == strings_name:
                    limit = MAX_SHARED_STRINGS_BYTES
                else:
                    limit = MAX_OTHER_PART_BYTES
                if size > limit:
                    raise _refuse_size(name, limit)
            if strings_name in sizes:
                _count_shared_strings(archive, strings_name)
    except SpreadsheetRefused:
        raise
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, SyntaxError):
        # No content types, a damaged part, XML that is not XML: openpyxl would refuse it too.
        raise SpreadsheetRefused(_("This is not an Excel workbook (.xlsx).")) from None
    finally:
        fileobj.seek(0)


def _count_shared_strings(archive, name: str) -> None:
    count = 0
    tail = b""
    with archive.open(name) as part:
        while chunk := part.read(1024 * 1024):
            data = tail + chunk
            # A match must end before the last 64 bytes, which are looked at again with the next
            # chunk; so nothing is counted twice and nothing split by a chunk's end is missed.
            cut = max(len(data) - 64, 0)
            count += sum(1 for match in _SHARED_STRING_RE.finditer(data) if match.end() <= cut)
            tail = data[cut:]
            if count > MAX_SHARED_STRINGS:
                break
    count += len(_SHARED_STRING_RE.findall(tail))
    if count > MAX_SHARED_STRINGS:
        raise SpreadsheetRefused(
            _("The workbook holds more than %(count)s different texts; it cannot be read.")
            % {"count": number_format(MAX_SHARED_STRINGS, force_grouping=True)}
        )


def bounded_rows(sheet, *, max_rows: int, max_columns: int = MAX_COLUMNS, seconds=None):
    """The values of the sheet's first ``max_columns`` columns, row by row (numbered from 1).

    A sheet that goes on past ``max_rows`` is refused (rows are not silently dropped), and so is
    one that takes longer than ``seconds`` (READ_SECONDS) to read.
    """
    deadline = time.monotonic() + (READ_SECONDS if seconds is None else seconds)
    rows = sheet.iter_rows(max_col=max_columns, max_row=max_rows + 1, values_only=True)
    for number, values in enumerate(rows, start=1):
        if number > max_rows:
            raise SpreadsheetRefused(
                _("The sheet has more than %(rows)s rows; split the file.")
                % {"rows": number_format(max_rows, force_grouping=True)}
            )
        if time.monotonic() > deadline:
            raise SpreadsheetRefused(
                _("Reading the workbook took too long; it was stopped at row %(row)s.")
                % {"row": number}
            )
        yield number, values
