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
  programme's first year). An empty amount, a dash or the words "в пределах утверждённого
  бюджета" mean 0 — the usual case of "within the approved budget".
* Column 6 holds the expected result, then one line per indicator ("Индикатор: …, %: базовое
  значение 65 (2024) → 2025 – 70; 2026 – 75"). The indicator lines are for readers: the import
  takes the expected result and leaves indicators to the measure's page.
* Above the table: the annex line and the official title; below it the total row ("Итого") and
  one row per source ("в том числе"), which the import skips.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from measures.models import FundingSource
from programs.models import LegalActRole
from regionalprogram.formats import short_date
from regionalprogram.languages import LANGUAGE_CODES
from regionalprogram.spreadsheets import unneutralise
from regionalprogram.templatetags.portal import annex_reference
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
# After the official columns the workbook (not the .docx annex) has one more: each allocated
# funding line's split between the measure's target units, one line per funding line:
# "Республиканский бюджет, 2026: Ош шаары – 600,0; Баткен облусу – 400,0" (units by name in any
# language or by classifier code). Lines not written there are not allocated.
ALLOCATION_COLUMN = ("allocation", _("Allocation to territories, thousand KGS"))
COLUMN_LABELS = dict((*COLUMNS, ALLOCATION_COLUMN))
REQUIRED_COLUMNS = ("number", "title", "executors")

# After the official columns (and the allocation column), a plan that holds demo rows gets one
# more, "sample data", marked on each invented direction, objective and measure, and a note above
# the table saying what the mark means. The official columns stay first and as they are; the import
# reads the sample column (a row created from a marked row is created as sample) and needs none of it.
SAMPLE_LABEL = _("sample data")


def sample_note() -> str:
    return str(
        _(
            "Rows marked “sample data” in the last column are invented for the demonstration; "
            "they are not part of any official plan."
        )
    )


# Words that identify a header cell, checked in this order (the allocation before the amount, whose
# words it shares; the amount before the source: the Kyrgyz "Каржылоонун көлөмү" and "Каржылоо
# булагы" share their first word).
HEADER_WORDS = (
    ("allocation", ("распределение по", "аймактарга бөлүштүрүү", "allocation")),
    ("number", ("№", "no.", "no", "#", "n", "номер", "n п/п", "№ п/п")),
    ("sample", ("sample", "үлгү", "демонстрац")),
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


# Quotes of every kind and the punctuation a clerk adds or drops around a body's name.
_NEAR_STRIP_RE = re.compile(r"[«»“”„‟‘’‚‛‹›\"'`´.,;:()\[\]]")
# How alike two names must be (difflib's ratio of their near keys) to be offered as the same body.
NEAR_NAME_RATIO = 0.88


def near_key(text: str) -> str:
    """``normalise_key`` without any quotes or punctuation: the form two names are compared in when
    they do not match exactly."""
    return re.sub(r"\s+", " ", _NEAR_STRIP_RE.sub(" ", normalise_key(text))).strip()


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter added, dropped or replaced (Levenshtein distance 1)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def name_likeness(a: str, b: str) -> float:
    """How nearly the names ``a`` and ``b`` (near keys) are one: 1.0 the same once quotes and
    punctuation are dropped, 0.99 one letter apart, else difflib's ratio when at least
    NEAR_NAME_RATIO, else 0. Short abbreviations (under four letters) match only when the same."""
    if a == b:
        return 1.0 if a else 0.0
    if min(len(a), len(b)) < 4:
        return 0.0
    if _one_edit_apart(a, b):
        return 0.99
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < NEAR_NAME_RATIO:
        return 0.0  # the lengths alone rule it out
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < NEAR_NAME_RATIO or matcher.quick_ratio() < NEAR_NAME_RATIO:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= NEAR_NAME_RATIO else 0.0


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


# Amount lines that mean "no money of its own": a dash, or the within-budget words.
NO_AMOUNT_DASHES = ("-", "–", "—", "−")


def is_no_amount(text: str, sources: dict[str, str] | None = None) -> bool:
    """'—', 'в пределах утверждённого бюджета', 'бекитилген бюджеттин чегинде'… (as a 0 amount);
    ``sources`` is a ``source_index()`` the caller keeps."""
    key = normalise_key(text).rstrip(".")
    if key in NO_AMOUNT_DASHES:
        return True
    return (sources or source_index()).get(key) == FundingSource.WITHIN_BUDGET


def source_label(source: str, lang: str) -> str:
    with translation.override(lang):
        label = str(dict(FundingSource.choices).get(source, source))
    return label[:1].upper() + label[1:]


def allocation_line(source: str, year: int, pairs, lang: str) -> str:
    """'Республиканский бюджет, 2026: Ош шаары – 600,0; Баткен облусу – 400,0' for one funding
    line's allocation ([(unit, amount)]), in ``lang``."""
    with translation.override(lang):
        parts = "; ".join(
            f"{unit.name} – {format_amount(amount)}"
            for unit, amount in sorted(pairs, key=lambda pair: pair[0].tree_path)
        )
    return f"{source_label(source, lang)}, {year}: {parts}"


ALLOCATION_HEAD_RE = re.compile(r"^(?P<source>.+?)[,\s]+(?P<year>\d{4})\s*(?:г\.?|ж\.?)?$")


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


# --- what the export writes around the table -------------------------------------------------

# Rows under the table that sum it up, in any language; the import skips them.
TOTAL_WORDS = (
    "итого",
    "всего",
    "в том числе",
    "в т.ч.",
    "жыйынтыгы",
    "бардыгы",
    "анын ичинде",
    "total",
    "including",
)


def total_label() -> str:
    return pgettext("the total row of the exported plan", "Total")


def including_label() -> str:
    return pgettext("rows of the exported plan's total by funding source", "including")


def is_total_label(text: str) -> bool:
    key = normalise_key(text)
    return bool(key) and any(key.startswith(word) for word in TOTAL_WORDS)


def within_budget_words() -> str:
    """'в пределах утверждённого бюджета': the amount of a source with no money of its own."""
    return str(FundingSource.WITHIN_BUDGET.label)


def _words_in_each_language(msg) -> set[str]:
    words = set()
    for lang in LANGUAGE_CODES:
        with translation.override(lang):
            words.add(normalise_key(msg()))
    return words


def _indicator_word() -> str:
    return pgettext("an indicator line in column 6 of the plan", "Indicator")


@functools.cache
def indicator_prefixes() -> frozenset[str]:
    """'индикатор', 'көрсөткүч', 'indicator' (and the old 'показатель'): column 6 lines from the
    first one that starts with one of these and a colon are the indicators."""
    return frozenset(
        _words_in_each_language(_indicator_word) | {"индикатор", "показатель", "көрсөткүч"}
    )


def split_result(text: str) -> tuple[str, str]:
    """Column 6 → (expected result, indicator lines)."""
    prefixes = indicator_prefixes()
    lines = text.split("\n")
    for index, line in enumerate(lines):
        head, colon, _rest = line.partition(":")
        if colon and normalise_key(head) in prefixes:
            return "\n".join(lines[:index]).strip(), "\n".join(lines[index:]).strip()
    return text, ""


def indicator_value(value: Decimal) -> str:
    """70.000 → '70', 70.830 → '70,83' (ky, ru) / '70.83' (en), grouped like other numbers."""
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def indicator_line(name: str, unit: str, baseline, baseline_year, targets) -> str:
    """'Индикатор: Доля …, %: базовое значение 65 (2024) → 2025 – 70; 2026 – 75' in the active
    language; ``targets`` are (year, value) of the whole measure, in order."""
    head = pgettext(
        "an indicator in column 6 of the plan: its name and unit", "%(word)s: %(name)s, %(unit)s"
    ) % {"word": _indicator_word(), "name": name, "unit": unit}
    parts = []
    if baseline is not None:
        values = {"value": indicator_value(baseline), "year": baseline_year}
        if baseline_year:
            parts.append(
                pgettext("baseline of an indicator in the plan", "baseline %(value)s (%(year)s)")
                % values
            )
        else:
            parts.append(
                pgettext("baseline of an indicator in the plan", "baseline %(value)s") % values
            )
    if targets:
        parts.append("; ".join(f"{year} – {indicator_value(value)}" for year, value in targets))
    return f"{head}: {' → '.join(parts)}" if parts else head


def _programme_in_title(title: str, lang: str, *, genitive: bool = False) -> str:
    """The programme's title as it stands after "for the implementation of": ru genitive
    ("Государственной программы …"), ky accusative ("… Мамлекеттик программасын") or, with
    ``genitive``, genitive ("… Мамлекеттик программасынын"), en "the …". A title of another shape
    is quoted after the word "programme" instead of declined."""
    title = title.strip().rstrip(".")
    if lang == "ky" and genitive:
        return _programme_in_title(title, lang) + "ын"
    if lang == "ru":
        match = re.match(r"^((?:\w+(?:ая|яя)\s+)*)(программ)а\b", title, re.I)
        if match:
            adjectives = re.sub(
                r"(\w+)(ая|яя)\b",
                lambda m: m.group(1) + ("ой" if m.group(2) == "ая" else "ей"),
                match.group(1),
            )
            return adjectives + match.group(2) + "ы" + title[match.end() :]
        return f"программы «{title}»"
    if lang == "ky":
        if title.endswith("программасы"):
            return title + "н"
        if title.endswith("программа"):
            return title + "сын"
        return f"«{title}» программасын"
    if lang == "en":
        return title if title.lower().startswith("the ") else f"the {title}"
    return f"«{title}»"


def plan_title(programme) -> str:
    """The official title of the plan in the active language: "План мероприятий по реализации
    Государственной программы … на 2025–2030 годы", "… 2025–2030-жылдарга Мамлекеттик
    программасын ишке ашыруу боюнча иш-чаралар планы", "Action plan for the implementation of
    the State Programme …"."""
    lang = (translation.get_language() or "ky").split("-")[0]
    return pgettext(
        "official title of the action plan", "Action plan for the implementation of %(programme)s"
    ) % {"programme": _programme_in_title(programme.title, lang)}


def approving_act(programme):
    """The act that approved the programme (its first, when amended), or None: one query."""
    link = (
        programme.act_links.filter(role=LegalActRole.ADOPTION)
        .select_related("legal_act")
        .order_by("legal_act__date", "legal_act__pk")
        .first()
    )
    return link.legal_act if link else None


def annex_line(act) -> str:
    """'Приложение к постановлению Кабинета Министров Кыргызской Республики от 18 марта 2025 года
    № 135' in the active language, or '' without an act."""
    return annex_reference(act) if act is not None else ""
