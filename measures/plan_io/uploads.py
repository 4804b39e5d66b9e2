"""Checks on an uploaded plan file, and its safe keeping between the preview and the confirmation.

The file waits in a private folder outside MEDIA_ROOT (never served), named by a random token that
only the uploader's session knows; files older than a day are swept away on the next upload.
"""

from __future__ import annotations

import secrets
import time
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
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
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadError(_("This is not an Excel workbook (.xlsx).")) from None
    finally:
        fileobj.seek(0)
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise UploadError(_("This is not an Excel workbook (.xlsx)."))
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UploadError(_("The workbook unpacks to more than 200 MB; it cannot be imported."))


def store(uploaded) -> str:
    """Keep an uploaded (already checked) file; returns the token that names it."""
    folder = upload_dir()
    _sweep(folder)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with open(folder / f"{token}.xlsx", "wb") as target:
        for chunk in uploaded.chunks():
            target.write(chunk)
    return token


def path_for(token: str) -> Path | None:
    if not token or not token.replace("-", "").replace("_", "").isalnum() or len(token) > 64:
        return None
    path = upload_dir() / f"{token}.xlsx"
    return path if path.is_file() else None


def discard(token: str) -> None:
    path = path_for(token)
    if path is not None:
        path.unlink(missing_ok=True)


def _sweep(folder: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for path in folder.glob("*.xlsx"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue
