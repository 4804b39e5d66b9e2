"""Checks on an uploaded plan file, and its safe keeping between the preview and the confirmation.

The file waits in a private folder outside MEDIA_ROOT (never served), named by a random token that
only the uploader's session knows; files older than a day are swept away on the next upload.
"""

from __future__ import annotations

import datetime
import json
import secrets
import time
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from regionalprogram import spreadsheets

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
KEEP_SECONDS = 24 * 3600
TOKEN_BYTES = 24


class UploadError(ValueError):
    pass


def upload_dir() -> Path:
    folder = Path(settings.PLAN_IMPORT_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


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
    folder = upload_dir()
    _sweep(folder)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with open(folder / f"{token}.xlsx", "wb") as target:
        for chunk in uploaded.chunks():
            target.write(chunk)
    return token


def store_rows(token: str, rows) -> None:
    """Keep the rows ``importer.read_rows`` read from the upload, so the preview, the creation of
    bodies and the confirmation plan from them without parsing the workbook again."""
    language, columns, data = rows
    payload = {"language": language, "columns": columns, "data": data}
    target = upload_dir() / f"{token}.rows.json"
    partial = target.with_suffix(".tmp")
    partial.write_text(json.dumps(payload, default=_encode, ensure_ascii=False), encoding="utf-8")
    partial.replace(target)


def load_rows(token: str):
    """The rows kept by ``store_rows`` (as ``read_rows`` returns them), or None."""
    if path_for(token) is None:
        return None
    try:
        payload = json.loads(
            (upload_dir() / f"{token}.rows.json").read_text(encoding="utf-8"), object_hook=_decode
        )
    except (OSError, ValueError):
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


def path_for(token: str) -> Path | None:
    if not token or not token.replace("-", "").replace("_", "").isalnum() or len(token) > 64:
        return None
    path = upload_dir() / f"{token}.xlsx"
    return path if path.is_file() else None


def discard(token: str) -> None:
    path = path_for(token)
    if path is not None:
        path.unlink(missing_ok=True)
        path.with_suffix(".rows.json").unlink(missing_ok=True)


def _sweep(folder: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for path in [*folder.glob("*.xlsx"), *folder.glob("*.json")]:
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue
