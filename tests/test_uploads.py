"""Attachments are checked by what they are (regionalprogram.uploads), and a refusal says why."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from regionalprogram.uploads import MAX_ATTACHMENT_SIZE, check_attachment

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def refusal(upload, language: str = "en") -> str:
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            check_attachment(upload)
        # Sizes are kept whole with non-breaking spaces; compared here as plain ones.
        return " ".join(caught.value.messages).replace("\xa0", " ")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "big.pdf is too large: 10,485,761 bytes; the limit is 10.0 MB (10,485,760 bytes)."),
        ("ru", "big.pdf слишком большой: 10 485 761 байт; предел — 10,0 МБ (10 485 760 байт)."),
        ("ky", "big.pdf өтө чоң: 10 485 761 байт; чеги — 10,0 мегабайт (10 485 760 байт)."),
    ],
)
def test_a_file_one_byte_over_the_limit_is_shown_to_be_over(language, expected):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (MAX_ATTACHMENT_SIZE + 1 - len(PDF)))
    assert refusal(big, language) == expected


def test_a_file_of_exactly_the_limit_is_accepted():
    exact = SimpleUploadedFile("exact.pdf", PDF + b"0" * (MAX_ATTACHMENT_SIZE - len(PDF)))
    assert check_attachment(exact) == "application/pdf"


def office_file(folder: str, *, extra: dict[str, str] | None = None, types: str = "") -> bytes:
    """The same bytes every time: a zip member named by a plain string takes the current second,
    and the two xdist workers, building these at different seconds, collected different tests."""
    parts = {"[Content_Types].xml": f"<Types>{types}</Types>", f"{folder}/document.xml": "<doc/>"}
    parts.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


MACRO_TYPE = '<Override PartName="/word/document.xml" ContentType="{}"/>'


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("macro.docx", office_file("word", extra={"word/vbaProject.bin": "VBA"})),
        ("macro.xlsx", office_file("xl", extra={"xl/VBAPROJECT.BIN": "VBA"})),
        # The VBA part elsewhere than Office puts it is still found.
        ("hidden.docx", office_file("word", extra={"custom/deep/vbaProject.bin": "VBA"})),
        # A .docm renamed: its content type says macro-enabled, whatever the part is called.
        (
            "renamed.docx",
            office_file(
                "word",
                types=MACRO_TYPE.format("application/vnd.ms-word.document.macroEnabled.main+xml"),
            ),
        ),
        (
            "renamed.xlsx",
            office_file(
                "xl",
                types=MACRO_TYPE.format("application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
            ),
        ),
    ],
    ids=["macro.docx", "macro.xlsx", "hidden.docx", "renamed.docx", "renamed.xlsx"],
)
@pytest.mark.parametrize("language", ["en", "ru", "ky"])
def test_an_office_file_with_macros_is_refused(name, content, language):
    message = refusal(SimpleUploadedFile(name, content), language)
    expected = {
        "en": "contains macros, which are not accepted",
        "ru": "содержит макросы, которые не принимаются",
        "ky": "ичинде макростор бар, алар кабыл алынбайт",
    }[language]
    assert message.startswith(name)
    assert expected in message


@pytest.mark.parametrize(("name", "folder"), [("plain.docx", "word"), ("plain.xlsx", "xl")])
def test_an_office_file_without_macros_is_accepted(name, folder):
    plain = office_file(
        folder,
        types=MACRO_TYPE.format(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        ),
    )
    assert check_attachment(SimpleUploadedFile(name, plain)).startswith(
        "application/vnd.openxmlformats-officedocument."
    )
