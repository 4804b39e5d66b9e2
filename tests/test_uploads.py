"""Attachments are checked by what they are (regionalprogram.uploads), and a refusal says why."""

from __future__ import annotations

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
