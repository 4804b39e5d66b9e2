"""The storage of plan workbooks waiting between preview and import, when there is no bucket.

A folder (PLAN_IMPORT_DIR) that only the portal's user may read, never served. Read from the
settings at each use, like FileSystemStorage's MEDIA_ROOT, so a changed setting (a test's own
folder) is followed. With S3_BUCKET set, settings.STORAGES names an S3 storage instead.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PlanImportFolderStorage(FileSystemStorage):
    def __init__(self, **kwargs):
        kwargs.setdefault("directory_permissions_mode", 0o700)
        kwargs.setdefault("file_permissions_mode", 0o600)
        # The rows read from a workbook are written under a fixed name beside it.
        kwargs.setdefault("allow_overwrite", True)
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return os.fspath(settings.PLAN_IMPORT_DIR)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None  # never served
