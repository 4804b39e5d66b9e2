"""Uploaded files (proposals' attachments, reports' evidence): what a file really is, read
from its first bytes, never its name.

A renamed file (a PNG called ``report.pdf``) is refused: the name's extension must agree with the
content, and the content must be one of the accepted kinds.
"""

from __future__ import annotations

import zipfile

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5

# kind -> (content type, extensions the name may carry)
KINDS = {
    "pdf": ("application/pdf", {".pdf"}),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        {".docx"},
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}),
    "png": ("image/png", {".png"}),
    "jpeg": ("image/jpeg", {".jpg", ".jpeg"}),
}


def sniff_kind(upload) -> str | None:
    """The file's kind from its content, or None when it is none we accept."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" not in names:
            return None
        if any(name.startswith("word/") for name in names):
            return "docx"
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
    return None


# Macro code in an Office file: the VBA part (any folder, any case), or a content type that marks
# the document or one of its parts as macro-enabled or as VBA (docm/xlsm renamed to docx/xlsx).
_MACRO_PART = "vbaproject.bin"
_MACRO_TYPES = (b"macroenabled", b"vbaproject", b"vbadata")
# [Content_Types].xml is a few KB; a larger one is read only this far (a zip bomb stays small).
_CONTENT_TYPES_READ = 1024 * 1024


def has_macros(upload) -> bool:
    """Whether an Office (zip) file carries macros, judged from its parts and content types."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            if any(name.rsplit("/", 1)[-1].lower() == _MACRO_PART for name in archive.namelist()):
                return True
            with archive.open("[Content_Types].xml") as part:
                types = part.read(_CONTENT_TYPES_READ).lower()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        # sniff_kind has already opened it; a part that cannot be read is no proof of safety.
        return True
    finally:
        upload.seek(0)
    return any(marker in types for marker in _MACRO_TYPES)


def check_attachment(upload) -> str:
    """Validate one uploaded file; return its real content type or raise ValidationError."""
    if upload.size > MAX_ATTACHMENT_SIZE:
        # In bytes: rounded to megabytes, a file one byte over read "10.0 MB; the limit is 10.0 MB".
        raise ValidationError(
            ngettext_lazy(
                "%(name)s is too large: %(size)s byte; the limit is %(limit)s (%(limit_bytes)s bytes).",
                "%(name)s is too large: %(size)s bytes; the limit is %(limit)s (%(limit_bytes)s bytes).",
                "count",
            ),
            code="too_large",
            params={
                "name": upload.name,
                "count": upload.size,
                "size": number_format(upload.size, force_grouping=True),
                "limit": filesizeformat(MAX_ATTACHMENT_SIZE),
                "limit_bytes": number_format(MAX_ATTACHMENT_SIZE, force_grouping=True),
            },
        )
    kind = sniff_kind(upload)
    if kind is None:
        raise ValidationError(
            _("%(name)s is not a PDF, DOCX, XLSX, PNG or JPEG file."),
            code="bad_type",
            params={"name": upload.name},
        )
    if kind in ("docx", "xlsx") and has_macros(upload):
        raise ValidationError(
            _(
                "%(name)s contains macros, which are not accepted: save it as a %(kind)s file "
                "without macros and attach it again."
            ),
            code="macros",
            params={"name": upload.name, "kind": kind.upper()},
        )
    content_type, extensions = KINDS[kind]
    name = upload.name.lower()
    if not any(name.endswith(ext) for ext in extensions):
        raise ValidationError(
            _("The content of %(name)s does not match its name: it is a %(kind)s file."),
            code="name_mismatch",
            params={"name": upload.name, "kind": kind.upper()},
        )
    return content_type


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class CheckedFilesField(forms.FileField):
    """Several files in one input; each is checked by its content (``check_attachment``), and at
    most ``max_files`` may come at once (``too_many`` names the limit in the form's words)."""

    widget = MultipleFileInput

    def __init__(self, *args, max_files: int | None = None, too_many: str = "", **kwargs):
        kwargs.setdefault("required", False)
        self.max_files = max_files
        self.too_many = too_many
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.max_files is not None and len(files) > self.max_files:
            raise ValidationError(self.too_many, params={"count": self.max_files})
        errors = []
        for upload in files:
            super().clean(upload, initial)
            try:
                check_attachment(upload)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return files
