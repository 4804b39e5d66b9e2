"""The official action-plan table (DOMAIN.md §2) as both the import and the export read it.

One module holds the layout rules so that what the export writes is exactly what the import reads:

* Eight columns: No. | Objective / Measure | Implementation mechanism | Deadline | Responsible
  executors | Expected result / indicator | Funding source | Amount, thousand KGS. Headers are
  recognised in Kyrgyz, Russian and English anywhere in the first rows; rows above them (the title)
  are ignored, and so is a row of column numbers 1…8 right under them.
* Heading rows: a number of one level ("1.") is a direction, of two levels ("1.1.") an objective,
  when nothing but the number and the title is filled in (the title may also stand in the number
  cell: "1. Urbanized territories", merged across the row).
* Executors: one per line (or separated by ";" or ","), the lead body first, each optionally marked
  "(по согласованию)" / "(макулдашуу боюнча)" / "(in coordination)".
* Funding: one source per line in the source cell and, on the same line of the amount cell, either
  one amount ("1 500,0") or amounts by year ("2025 – 1 000,0; 2026 – 1 500,0"). A bare amount
  belongs to the first year of the measure's deadline within the programme period (else the
  programme's first year). An empty amount means 0 — the usual case of "within the approved
  budget".
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from measures.models import FundingSource
from regionalprogram.formats import short_date
from regionalprogram.languages import LANGUAGE_CODES
from regionalprogram.spreadsheets import unneutralise
from regions.models import normalize_kyrgyz

# Column keys in the official order, with the header msgids the export writes.
COLUMNS = (
    ("number", _("No.")),
    ("title", _("Objective / Measure")),
    ("mechanism", _("Implementation mechanism")),
    ("deadline", _("Deadline")),
    ("executors", _("Responsible executors")),
    ("result", _("Expected result / indicator")),
    ("source", _("Funding source")),
    ("amount", _("Amount, thousand KGS")),
)
COLUMN_LABELS = dict(COLUMNS)
REQUIRED_COLUMNS = ("number", "title", "executors")

# Words that identify a header cell, checked in this order (the amount before the source: the
# Kyrgyz "Каржылоонун көлөмү" and "Каржылоо булагы" share their first word).
HEADER_WORDS = (
    ("number", ("№", "no.", "no", "#", "n", "номер", "n п/п", "№ п/п")),
    ("amount", ("көлөм", "объем", "объём", "сумма", "amount", "тыс. сом", "миң сом", "thousand")),
    ("source", ("источник", "булак", "булаг", "source")),
    ("mechanism", ("механизм", "mechanism")),
    ("deadline", ("срок", "мөөнөт", "deadline")),
    ("executors", ("исполнител", "аткаруучу", "executor", "responsible")),
    ("result", ("результат", "натыйжа", "индикатор", "result", "indicator")),
    (
        "title",
        (
            "мероприят",
            "задача",
            "иш-чара",
            "милдет",
            "маселе",
            "measure",
            "objective",
            "наименование",
        ),
    ),
)

HEADING_IN_ONE_CELL_RE = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?\s+(?P<title>\S.*)$", re.S)

COORDINATION_MARKS = (
    "по согласованию",
    "по согл.",
    "макулдашуу боюнча",
    "макулдашуу менен",
    "in coordination",
    "by agreement",
)
_MARK_ALT = "|".join(re.escape(mark) for mark in COORDINATION_MARKS)
MARK_RE = re.compile(rf"\s*\(?\s*(?:{_MARK_ALT})\s*\)?\s*$", re.I)
ONLY_MARK_RE = re.compile(rf"^\s*\(?\s*(?:{_MARK_ALT})\s*\)?\s*$", re.I)

# "2025 – 1 000,0", "2025: 1 000,0", "2025 г. - 1000"
YEAR_AMOUNT_RE = re.compile(
    r"^(?P<year>\d{4})\s*(?:г\.?|год|жыл|ж\.)?\s*[-–—:]\s*(?P<amount>.+)$", re.I
)
AMOUNT_RE = re.compile(r"^(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?$")

SOURCE_SYNONYMS = {
    FundingSource.REPUBLICAN: ("республиканский бюджет", "рб", "республикалык бюджет", "rb"),
    FundingSource.LOCAL: ("местный бюджет", "мб", "местные бюджеты", "жергиликтүү бюджет"),
    FundingSource.DONOR: (
        "донорские средства",
        "средства доноров",
        "средства партнеров по развитию",
        "донордук каражаттар",
        "донорлордун каражаттары",
        "donor funds",
        "donors",
    ),
    FundingSource.PRIVATE: ("частные средства", "средства частного сектора", "жеке каражаттар"),
    FundingSource.WITHIN_BUDGET: (
        "в пределах утвержденного бюджета",
        "в пределах утвержденных средств",
        "в пределах бюджета",
        "в рамках утвержденного бюджета",
        "в пределах выделенных средств",
        "не требует финансирования",
        "бекитилген бюджеттин чегинде",
        "бюджеттин чегинде",
        "within the budget",
        "within budget",
    ),
    FundingSource.OTHER: ("другие источники", "иные источники", "башка булактар", "other"),
}


def normalise_key(text: str) -> str:
    """Case-, space-, quote- and look-alike-insensitive form of a name, for matching."""
    text = normalize_kyrgyz(unicodedata.normalize("NFC", str(text)))
    text = text.replace("ё", "е").replace("Ё", "Е")
    text = re.sub(r"[«»“”„\"']", "", text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def cell_text(value) -> str:
    """A cell as text: numbers as written, line ends unified, our own formula guard removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.date):
        # A date cell reads as the date written out, which the deadline parser understands.
        return short_date(value)
    text = unneutralise(str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def recognise_header(cell: str) -> str | None:
    key = normalise_key(cell).replace("\n", " ")
    if not key:
        return None
    for column, words in HEADER_WORDS:
        if column == "number":
            if key in words or key.startswith("№"):
                return column
            continue
        if any(word in key for word in words):
            return column
    return None


def header_language(texts: list[str]) -> str:
    joined = " ".join(texts).lower()
    if re.search("[өүң]", normalize_kyrgyz(joined)):
        return "ky"
    if re.search("[а-я]", joined):
        return "ru"
    return "en"


def number_depth(number: str) -> int:
    return len([part for part in number.split(".") if part])


class AmountError(ValueError):
    pass


def parse_amount(text: str) -> Decimal:
    """'1 500,0' / '1500.5' / 1500 → Decimal; negative, garbled or over-precise amounts fail."""
    raw = text.strip()
    if raw.startswith(("-", "−")):
        raise AmountError(_("An amount cannot be negative: “%(text)s”.") % {"text": raw})
    if not AMOUNT_RE.match(raw):
        raise AmountError(
            _("“%(text)s” is not an amount: write it like 1 500,0 (thousand KGS).") % {"text": raw}
        )
    value = re.sub(r"[ \u00a0\u202f]", "", raw).replace(",", ".")
    try:
        amount = Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern above already refuses it
        raise AmountError(_("“%(text)s” is not an amount.") % {"text": raw}) from None
    if amount != amount.quantize(Decimal("0.1")):
        raise AmountError(
            _("Amounts are in thousand KGS with at most one decimal: “%(text)s”.") % {"text": raw}
        )
    if amount >= Decimal("1e13"):
        raise AmountError(_("The amount “%(text)s” is too large.") % {"text": raw})
    return amount.quantize(Decimal("0.1"))


def format_amount(amount: Decimal) -> str:
    """1500.0 → '1 500,0', as official tables write thousand KGS."""
    whole, _dot, fraction = f"{amount:.1f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return " ".join(groups) + "," + fraction


def source_index() -> dict[str, str]:
    """Every written form of every funding source (catalogue labels in ky/ru/en + synonyms)."""
    index: dict[str, str] = {}
    for value, label in FundingSource.choices:
        index[normalise_key(value)] = value
        for lang in LANGUAGE_CODES:
            with translation.override(lang):
                index[normalise_key(str(label))] = value
        for synonym in SOURCE_SYNONYMS.get(value, ()):
            index[normalise_key(synonym)] = value
    return index


def source_label(source: str, lang: str) -> str:
    with translation.override(lang):
        label = str(dict(FundingSource.choices).get(source, source))
    return label[:1].upper() + label[1:]


def coordination_mark(lang: str) -> str:
    with translation.override(lang):
        return "(" + str(_("in coordination")) + ")"


def coordination_mark_active() -> str:
    return "(" + str(_("in coordination")) + ")"


def split_mark(text: str) -> tuple[str, bool]:
    """'Айыл окмоту (по согласованию)' → ('Айыл окмоту', True)."""
    if MARK_RE.search(text) and not ONLY_MARK_RE.match(text):
        return MARK_RE.sub("", text).strip(), True
    return text.strip(), False
