"""Checks on an uploaded plan file, and its safe keeping between the preview and the confirmation.

The file waits in the "plan_imports" storage (settings.STORAGES: a private folder outside
MEDIA_ROOT, or the private bucket every app node shares), never served, named by a random token
that only the uploader's session knows; files older than a day are swept away on the next upload.
"""

from __future__ import annotations

import datetime
import json
import secrets
import zipfile
from typing import IO

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.utils import timezone
from django.utils.translation import gettext as _

from regionalprogram import spreadsheets

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
KEEP_SECONDS = 24 * 3600
TOKEN_BYTES = 24


class UploadError(ValueError):
    pass


def storage() -> Storage:
    return storages["plan_imports"]


def check_xlsx(fileobj, size: int | None = None) -> None:
    """Refuse anything that is not a reasonable .xlsx workbook, before openpyxl sees it."""
    if size is None:
        fileobj.seek(0, 2)
        size = fileobj.tell()
    fileobj.seek(0)
    if size == 0:
        raise UploadError(_("The file is empty."))
    if size > MAX_UPLOAD_BYTES:
        raise UploadError(
            _("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadError(_("This is not an Excel workbook (.xlsx).")) from None
    finally:
        fileobj.seek(0)
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UploadError(_("This is not an Excel workbook (.xlsx)."))
    try:
        spreadsheets.check_archive(fileobj)
    except spreadsheets.SpreadsheetRefused as error:
        raise UploadError(str(error)) from None


def store(uploaded) -> str:
    """Keep an uploaded (already checked) file; returns the token that names it."""
    _sweep()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    uploaded.seek(0)
    storage().save(f"{token}.xlsx", uploaded)
    return token


def store_rows(token: str, rows) -> None:
    """Keep the rows ``importer.read_rows`` read from the upload, so the preview, the creation of
    bodies and the confirmation plan from them without parsing the workbook again."""
    language, columns, data = rows
    payload = {"language": language, "columns": columns, "data": data}
    text = json.dumps(payload, default=_encode, ensure_ascii=False)
    # Written whole under its name (a local file is written aside and renamed; an object appears
    # at once), so a reader on any node sees all of it or nothing.
    storage().save(f"{token}.rows.json", ContentFile(text.encode("utf-8")))


def load_rows(token: str):
    """The rows kept by ``store_rows`` (as ``read_rows`` returns them), or None."""
    if not exists(token):
        return None
    try:
        with storage().open(f"{token}.rows.json", "rb") as kept:
            payload = json.loads(kept.read().decode("utf-8"), object_hook=_decode)
    except (OSError, ValueError):  # not read yet (FileNotFoundError is an OSError)
        return None
    data = [(number, cells) for number, cells in payload["data"]]
    return payload["language"], payload["columns"], data


def _encode(value):
    # Cells hold text, numbers, booleans and (openpyxl's reading of date cells) dates and times.
    if isinstance(value, datetime.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"$time": value.isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"$seconds": value.total_seconds()}
    raise TypeError(f"cannot keep a cell of type {type(value).__name__}")


def _decode(obj):
    if len(obj) == 1:
        ((key, value),) = obj.items()
        if key == "$datetime":
            return datetime.datetime.fromisoformat(value)
        if key == "$date":
            return datetime.date.fromisoformat(value)
        if key == "$time":
            return datetime.time.fromisoformat(value)
        if key == "$seconds":
            return datetime.timedelta(seconds=value)
    return obj


def _valid(token: str) -> bool:
    return bool(token) and token.replace("-", "").replace("_", "").isalnum() and len(token) <= 64


def exists(token: str) -> bool:
    """Whether the upload named by ``token`` is still kept (on whichever node it was made)."""
    return _valid(token) and storage().exists(f"{token}.xlsx")


def open_workbook(token: str) -> IO[bytes]:
    """The kept workbook, to read; the caller closes it."""
    if not _valid(token):
        raise FileNotFoundError(token)
    return storage().open(f"{token}.xlsx", "rb")


def discard(token: str) -> None:
    if _valid(token):
        for name in (f"{token}.xlsx", f"{token}.rows.json"):
            storage().delete(name)  # nothing to delete is not an error


def _sweep() -> None:
    kept = storage()
    limit = timezone.now() - datetime.timedelta(seconds=KEEP_SECONDS)
    try:
        _folders, names = kept.listdir("")
    except FileNotFoundError:  # no upload yet
        return
    for name in names:
        if not name.endswith((".xlsx", ".json")):
            continue
        try:
            if kept.get_modified_time(name) < limit:
                kept.delete(name)
        except OSError:  # gone meanwhile (another node swept it)
            continue
