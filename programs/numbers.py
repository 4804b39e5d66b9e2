"""Plan numbers, as directions ("1."), objectives ("1.1.") and measures ("1.1.2.") are numbered.

People write them with or without the final dot, with spaces around, and now and then with a
leading zero ("01.1.1", from a spreadsheet column formatted as text). One normal form is stored
and looked up everywhere — the editor's forms, the import, the URLs and the API:

    normalise_number(" 01.1.10. ")  →  "1.1.10"

Leading zeros are normalised away rather than refused: "01.1.1" and "1.1.1" are the same measure
to a reader, and refusing one of them would only make a correct file fail. Text that is not digits
and dots (a typo, "1.a") keeps its characters, without the final dot, so that the error message
shows what was written; ``NUMBER_RE`` is what tells a number from a typo.

Headings live in this app and measures in a later one, so the rule sits here, below both.
"""

from __future__ import annotations

import re

# As written: digits separated by dots, maybe a final dot. [0-9] rather than \d, so that Python and
# PostgreSQL (the measure table's check constraint uses this very string) read it the same way.
NUMBER_PATTERN = r"^[0-9]+(\.[0-9]+)*\.?$"
NUMBER_RE = re.compile(NUMBER_PATTERN)


def normalise_number(value: str | None) -> str:
    """The stored form of a plan number: no spaces, no final dot, no leading zeros."""
    text = (value or "").strip()
    if not NUMBER_RE.match(text):
        return text.rstrip(".").strip()
    return ".".join(str(int(part)) for part in text.rstrip(".").split("."))


def heading_numbers(number: str) -> tuple[str, str | None]:
    """The direction and objective a measure's (normalised) number puts it under:
    "1.2.3" → ("1", "1.2"); a two-level "1.3" has no objective. The import places a measure by
    its number, and the editor's form refuses a number that disagrees with the chosen headings,
    so what one accepts the other reads back the same (review M9a)."""
    parts = number.split(".")
    return parts[0], (".".join(parts[:2]) if len(parts) >= 3 else None)
