"""Deadlines as the government writes them: "IV квартал 2025", "2026-жылдын II чейреги",
"2025–2030", "ежегодно", "постоянно", "до 1 июля 2026 года", "31.12.2026", "Q4 2025".

``parse_deadline`` turns such a text into a kind and a span of dates, so that the portal can tell
what is due and what is overdue. ``render_deadline`` writes a kind and dates back in the reader's
language ("IV квартал 2025 года", "2025-жылдын IV чейреги", "Q4 2025"), so that a Russian page
never shows the Kyrgyz the plan was typed in. The text as written stays on the measure
(``deadline_text``) for the record; every rendered form parses back to the same kind and dates,
which is what lets an export in any language be imported again unchanged.
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import TYPE_CHECKING, NamedTuple

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from measures.models import DeadlineKind
from regionalprogram.formats import short_date

if TYPE_CHECKING:
    from programs.models import Programme

MIN_YEAR, MAX_YEAR = 1991, 2100

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
ORDINALS = {
    # ru
    "первый": 1,
    "первое": 1,
    "второй": 2,
    "второе": 2,
    "третий": 3,
    "четвертый": 4,
    # ky
    "биринчи": 1,
    "экинчи": 2,
    "үчүнчү": 3,
    "төртүнчү": 4,
    # en
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}

# Month stems in ru and ky (the same Russian-derived names with Kyrgyz endings: "июлуна",
# "январындагы"), matched at the start of a word; English names and abbreviations in full.
CYRILLIC_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "май": 5,
    "мая": 5,
    "мае": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
ENGLISH_MONTHS = (
    {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
    | {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
_MONTH_ALT = (
    "(?:"
    + "|".join(sorted(CYRILLIC_MONTHS, key=len, reverse=True))
    + r")\w*|(?:"
    + "|".join(sorted(ENGLISH_MONTHS, key=len, reverse=True))
    + r")\b"
)

ANNUAL_WORDS = ("ежегодно", "жыл сайын", "annually", "every year", "yearly", "each year")
# Measures that recur more often than yearly ("ежеквартально") are read as continuous: the status
# rule (measures.reporting.status) knows yearly due dates only, and the programme's reporting
# cycles already ask for a report every period. The text as written keeps the word.
CONTINUOUS_WORDS = (
    "ежеквартально",
    "поквартально",
    "каждый квартал",
    "ежемесячно",
    "чейрек сайын",
    "ар бир чейрек",
    "ай сайын",
    "quarterly",
    "every quarter",
    "monthly",
    "постоянно",
    "на постоянной основе",
    "туруктуу",
    "дайыма",
    "continuous",
    "continuously",
    "ongoing",
    "permanently",
)

_NUM = r"(?P<num>iv|iii|ii|i|[1-4]|" + "|".join(ORDINALS) + r")"
_YEAR = r"(?P<year>\d{4})"
# After a year: "года", "г.", "гг.", "-жыл", "-жылдар", and the Kyrgyz abbreviations "-ж.", "жж.".
_Y_SUFFIX = r"(?:\s*-?\s*(?:жыл\w*|жж?\.?|год\w*|гг?\.?|г\.?))?"
# "2026-жылдын", "2026-ж." before a quarter or a half-year.
_KY_YEAR = rf"{_YEAR}\s*-?\s*(?:жыл\w*\s+|ж\.\s*)"

QUARTER_PATTERNS = [
    # "IV квартал 2025", "4 квартал 2025 года", "в IV квартале 2025 г.", "II кв. 2026"
    re.compile(rf"\b{_NUM}[\s-]*(?:й\s+)?(?:квартал\w*|кв\.?)\s+{_YEAR}\b"),
    # "2026-жылдын II чейреги", "2026 жылдын 2-чейрегинде", "2026-ж. II чейреги"
    re.compile(rf"\b{_KY_YEAR}{_NUM}[\s-]*чейре\w*"),
    # "II чейрек 2026"
    re.compile(rf"\b{_NUM}[\s-]*чейре\w*\s+{_YEAR}\b"),
    # "Q4 2025", "Q4/2025", "2025 Q4"
    re.compile(rf"\bq(?P<num>[1-4])[\s/.-]*{_YEAR}\b"),
    re.compile(rf"\b{_YEAR}[\s/.-]*q(?P<num>[1-4])\b"),
    # "IV quarter 2025", "4th quarter of 2025"
    re.compile(rf"\b{_NUM}\s+quarter\s+(?:of\s+)?{_YEAR}\b"),
]

HALF_PATTERNS = [
    # "II полугодие 2026", "во 2-м полугодии 2026 года"
    re.compile(rf"\b{_NUM}[\s-]*(?:м\s+|е\s+)?полугоди\w*\s+{_YEAR}\b"),
    # "2026-жылдын I жарым жылдыгы", "2026-жылдын экинчи жарымы", "2026-ж. I жарым жылдыгы"
    re.compile(rf"\b{_KY_YEAR}{_NUM}[\s-]*жарым\w*"),
    # "I жарым жылдык 2026"
    re.compile(rf"\b{_NUM}[\s-]*жарым\s+жыл\w*\s+{_YEAR}\b"),
    # "H2 2026", "second half of 2026", "II half-year 2026"
    re.compile(rf"\bh(?P<num>[12])[\s/.-]*{_YEAR}\b"),
    re.compile(rf"\b{_NUM}\s+half(?:[\s-]*year)?\s+(?:of\s+)?{_YEAR}\b"),
]

# Words that may stand before a bare year or range: "в течение 2027 года", "до конца 2027 года".
_LEAD = (
    r"^(?:(?:в течение|в|на|до конца|до|к концу|не позднее|по итогам|"
    r"by the end of|by end of|by|in|during|until|not later than)\s+)?"
)
# ... and after it, in Kyrgyz: "2027-жылдын аягына чейин", "2025-2030-жылдар ичинде".
_TRAIL = r"(?:\s+(?:аягына\s+)?чейин|\s+ичинде|\s+бою)?"
RANGE_RE = re.compile(rf"{_LEAD}(?P<start>\d{{4}})\s*-\s*(?P<end>\d{{4}}){_Y_SUFFIX}{_TRAIL}\.?$")
DOTTED_DATE_RE = re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b")
ISO_DATE_RE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
# "до 1 июля 2026 года", "by 1 July 2026", "1-июль 2026"
DAY_MONTH_YEAR_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:-?(?:го|е|st|nd|rd|th))?[\s-]+(?P<month>{_MONTH_ALT})\.?,?\s+{_YEAR}\b"
)
# "2026-жылдын 1-июлуна чейин"
YEAR_DAY_MONTH_RE = re.compile(
    rf"\b{_YEAR}\s*-?\s*жыл\w*\s+(?P<day>\d{{1,2}})\s*-\s*(?P<month>{_MONTH_ALT})"
)
# "July 1, 2026"
MONTH_DAY_YEAR_RE = re.compile(rf"\b(?P<month>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}}),?\s+{_YEAR}\b")
# "декабрь 2026", "в декабре 2026 года", "December 2026"
MONTH_YEAR_RE = re.compile(rf"\b(?P<month>{_MONTH_ALT})\.?\s+{_YEAR}\b")
# "2026-жылдын декабры", "2026-жылдын декабрында"
YEAR_MONTH_RE = re.compile(rf"\b{_YEAR}\s*-?\s*жыл\w*\s+(?P<month>{_MONTH_ALT})")
# "2027", "2027 год", "2027-жыл", "в течение 2027 года", "2027-жылы"
YEAR_RE = re.compile(rf"{_LEAD}{_YEAR}{_Y_SUFFIX}{_TRAIL}\.?$")


# A day of every year: "до 1 февраля", "1-февралга чейин", "by 1 February", "by February 1".
YEARLY_DAY_MONTH_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:-?(?:го|е|st|nd|rd|th))?[\s-]+(?P<month>{_MONTH_ALT})"
)
YEARLY_MONTH_DAY_RE = re.compile(rf"\b(?P<month>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})\b")


def _yearly_day(original: str, text: str) -> tuple[int, int] | None:
    """(day, month) of a recurring deadline's yearly date, when the text names one."""
    for pattern in (YEARLY_DAY_MONTH_RE, YEARLY_MONTH_DAY_RE):
        if (match := pattern.search(text)) and (month := _month(match.group("month"))):
            day = int(match.group("day"))
            _date(original, 2000, month, day)  # a leap year: 29 February is a real day
            return day, month
    return None


class ParsedDeadline(NamedTuple):
    kind: str
    start: datetime.date | None
    end: datetime.date | None

    def as_measure_fields(self) -> dict[str, object]:
        return {"deadline_kind": self.kind, "deadline_start": self.start, "deadline_end": self.end}


class DeadlineParseError(ValueError):
    """The text is not a deadline form the portal understands."""


class DeadlineOutsidePeriod(DeadlineParseError):
    """The text reads, but the deadline lies outside the programme period."""


def _forms_hint() -> str:
    return _(
        "Understood forms: a quarter (“IV квартал 2025”, “2026-жылдын II чейреги”, “Q4 2025”), "
        "a half-year (“II полугодие 2026”), a month (“декабрь 2026”), a date (“31.12.2026”, "
        "“до 1 июля 2026 года”), a year (“2027”, “2027-жыл”), a range of years (“2025–2030”), "
        "“ежегодно” / “жыл сайын” / “annually”, “постоянно” / “туруктуу” / “continuous”."
    )


def _fail(text: str, reason: str | None = None) -> DeadlineParseError:
    message = _("Cannot read the deadline “%(text)s”.") % {"text": text}
    if reason:
        message = f"{message} {reason}"
    return DeadlineParseError(f"{message} {_forms_hint()}")


def _normalise(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)  # hyphens, en and em dashes, minus
    text = text.lower().replace("ё", "е")
    return re.sub(r"\s+", " ", text).strip()


def _year(text: str, value: str) -> int:
    year = int(value)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _fail(
            text,
            _("The year %(year)s is out of range %(min)s–%(max)s.")
            % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR},
        )
    return year


def _number(value: str) -> int:
    value = value.strip().lower()
    if value in ROMAN:
        return ROMAN[value]
    if value in ORDINALS:
        return ORDINALS[value]
    return int(value)


def _month(value: str) -> int | None:
    if value in ENGLISH_MONTHS:
        return ENGLISH_MONTHS[value]
    for stem, number in CYRILLIC_MONTHS.items():
        if value.startswith(stem):
            return number
    return None


def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _date(text: str, year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise _fail(text, _("There is no such date.")) from None


def _programme_span(
    period_start_year: int | None, period_end_year: int | None
) -> tuple[datetime.date | None, datetime.date | None]:
    start = datetime.date(period_start_year, 1, 1) if period_start_year else None
    end = datetime.date(period_end_year, 12, 31) if period_end_year else None
    return start, end


def parse_deadline(
    text: str,
    *,
    period_start_year: int | None = None,
    period_end_year: int | None = None,
) -> ParsedDeadline:
    """Read a deadline written the government way (ru, ky or en).

    A quarter, half-year, month or year is ``once`` from its first to its last day; a single date
    is ``once`` with start = end; a range of years is a ``period``; "annually" and "continuously"
    span the programme period when it is given. Raises DeadlineParseError otherwise.
    """
    original = text
    text = _normalise(text or "")
    if not text:
        raise _fail(original, _("The deadline is empty."))

    if any(word in text for word in ANNUAL_WORDS):
        start, end = _programme_span(period_start_year, period_end_year)
        # "ежегодно, до 1 февраля": it falls due every year on that day, kept as the day and
        # month of the last one (measures.reporting.status reads them from deadline_end).
        if end is not None and (day_month := _yearly_day(original, text)):
            end = _date(original, end.year, day_month[1], day_month[0])
        return ParsedDeadline(DeadlineKind.ANNUAL.value, start, end)
    if any(word in text for word in CONTINUOUS_WORDS):
        return ParsedDeadline(
            DeadlineKind.CONTINUOUS.value, *_programme_span(period_start_year, period_end_year)
        )

    for pattern in QUARTER_PATTERNS:
        if match := pattern.search(text):
            quarter = _number(match.group("num"))
            year = _year(original, match.group("year"))
            if not 1 <= quarter <= 4:
                raise _fail(original, _("A year has four quarters."))
            first_month = 3 * (quarter - 1) + 1
            return ParsedDeadline(
                DeadlineKind.ONCE.value,
                datetime.date(year, first_month, 1),
                _last_day(year, first_month + 2),
            )

    for pattern in HALF_PATTERNS:
        if match := pattern.search(text):
            half = _number(match.group("num"))
            year = _year(original, match.group("year"))
            if half not in (1, 2):
                raise _fail(original, _("A year has two halves."))
            first_month = 1 if half == 1 else 7
            return ParsedDeadline(
                DeadlineKind.ONCE.value,
                datetime.date(year, first_month, 1),
                _last_day(year, first_month + 5),
            )

    if match := RANGE_RE.match(text):
        start_year = _year(original, match.group("start"))
        end_year = _year(original, match.group("end"))
        if end_year < start_year:
            raise _fail(original, _("The range of years ends before it starts."))
        return ParsedDeadline(
            DeadlineKind.PERIOD.value,
            datetime.date(start_year, 1, 1),
            datetime.date(end_year, 12, 31),
        )

    for pattern in (DOTTED_DATE_RE, ISO_DATE_RE):
        if match := pattern.search(text):
            day = _date(
                original,
                _year(original, match.group("year")),
                int(match.group("month")),
                int(match.group("day")),
            )
            return ParsedDeadline(DeadlineKind.ONCE.value, day, day)

    for pattern in (DAY_MONTH_YEAR_RE, YEAR_DAY_MONTH_RE, MONTH_DAY_YEAR_RE):
        if (match := pattern.search(text)) and (month := _month(match.group("month"))):
            day = _date(
                original, _year(original, match.group("year")), month, int(match.group("day"))
            )
            return ParsedDeadline(DeadlineKind.ONCE.value, day, day)

    for pattern in (MONTH_YEAR_RE, YEAR_MONTH_RE):
        if (match := pattern.search(text)) and (month := _month(match.group("month"))):
            year = _year(original, match.group("year"))
            return ParsedDeadline(
                DeadlineKind.ONCE.value, datetime.date(year, month, 1), _last_day(year, month)
            )

    if match := YEAR_RE.match(text):
        year = _year(original, match.group("year"))
        return ParsedDeadline(
            DeadlineKind.ONCE.value, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        )

    raise _fail(original)


def parse_programme_deadline(text: str, programme: Programme | None) -> ParsedDeadline:
    """``parse_deadline`` within a programme: open-ended deadlines span its period, and a deadline
    outside it raises DeadlineOutsidePeriod with ``Programme.check_period``'s message.

    The editor's form, the import and the live preview all read deadlines through this, so the
    preview never shows a period that saving would refuse."""
    parsed = parse_deadline(
        text,
        period_start_year=programme.period_start_year if programme else None,
        period_end_year=programme.period_end_year if programme else None,
    )
    if programme is not None and (message := programme.check_period(parsed.start, parsed.end)):
        raise DeadlineOutsidePeriod(message)
    return parsed


# --- writing a deadline in the reader's language -------------------------------------------

ROMAN_NUMERALS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _numeral(number: int) -> str:
    # The same numeral style as the reporting periods (measures.reporting.periods.period_label):
    # "roman" in Kyrgyz and Russian official texts, "arabic" in English.
    style = pgettext("numerals of reporting periods: roman or arabic", "arabic")
    return ROMAN_NUMERALS[number] if style == "roman" else str(number)


def _month_of_deadline(month: int) -> str:
    # The month as it stands in "декабрь 2026 года" / "2026-жылдын декабры" / "December 2026".
    names = {
        1: pgettext("month of a deadline: December 2026", "January"),
        2: pgettext("month of a deadline: December 2026", "February"),
        3: pgettext("month of a deadline: December 2026", "March"),
        4: pgettext("month of a deadline: December 2026", "April"),
        5: pgettext("month of a deadline: December 2026", "May"),
        6: pgettext("month of a deadline: December 2026", "June"),
        7: pgettext("month of a deadline: December 2026", "July"),
        8: pgettext("month of a deadline: December 2026", "August"),
        9: pgettext("month of a deadline: December 2026", "September"),
        10: pgettext("month of a deadline: December 2026", "October"),
        11: pgettext("month of a deadline: December 2026", "November"),
        12: pgettext("month of a deadline: December 2026", "December"),
    }
    return names[month]


def _month_of_yearly_day(month: int) -> str:
    # The month in "by 1 February": ru genitive "до 1 февраля", ky dative "1-февралга чейин".
    names = {
        1: pgettext("month of a yearly deadline: by 1 February", "January"),
        2: pgettext("month of a yearly deadline: by 1 February", "February"),
        3: pgettext("month of a yearly deadline: by 1 February", "March"),
        4: pgettext("month of a yearly deadline: by 1 February", "April"),
        5: pgettext("month of a yearly deadline: by 1 February", "May"),
        6: pgettext("month of a yearly deadline: by 1 February", "June"),
        7: pgettext("month of a yearly deadline: by 1 February", "July"),
        8: pgettext("month of a yearly deadline: by 1 February", "August"),
        9: pgettext("month of a yearly deadline: by 1 February", "September"),
        10: pgettext("month of a yearly deadline: by 1 February", "October"),
        11: pgettext("month of a yearly deadline: by 1 February", "November"),
        12: pgettext("month of a yearly deadline: by 1 February", "December"),
    }
    return names[month]


def _is_month_start(day: datetime.date, months: tuple[int, ...]) -> bool:
    return day.day == 1 and day.month in months


def _render_once(start: datetime.date | None, end: datetime.date) -> str | None:
    if start is None or start == end:
        return pgettext("deadline: by a date", "by %(date)s") % {"date": short_date(end)}
    if start.year != end.year:
        return None
    year = str(start.year)
    months = end.month - start.month + 1
    if end != _last_day(end.year, end.month) or start.day != 1:
        return None
    if months == 12:
        return pgettext("deadline: a year", "%(year)s") % {"year": year}
    if months == 6 and _is_month_start(start, (1, 7)):
        return pgettext("deadline: a half-year", "H%(number)s %(year)s") % {
            "number": _numeral(1 if start.month == 1 else 2),
            "year": year,
        }
    if months == 3 and _is_month_start(start, (1, 4, 7, 10)):
        return pgettext("deadline: a quarter", "Q%(number)s %(year)s") % {
            "number": _numeral((start.month - 1) // 3 + 1),
            "year": year,
        }
    if months == 1:
        return pgettext("deadline: a month", "%(month)s %(year)s") % {
            "month": _month_of_deadline(start.month),
            "year": year,
        }
    return None


def _render(kind: str, start: datetime.date | None, end: datetime.date | None) -> str | None:
    if kind == DeadlineKind.CONTINUOUS:
        return pgettext("deadline", "continuously")
    if kind == DeadlineKind.ANNUAL:
        if end is not None and (end.month, end.day) != (12, 31):
            return pgettext("deadline: annually by a day", "annually, by %(day)s %(month)s") % {
                "day": end.day,
                "month": _month_of_yearly_day(end.month),
            }
        return pgettext("deadline", "annually")
    if end is None:
        return None
    if kind == DeadlineKind.PERIOD:
        if start is not None and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return pgettext("deadline: a range of years", "%(start)s–%(end)s") % {
                "start": start.year,
                "end": end.year,
            }
        return None
    return _render_once(start, end)


def render_deadline(
    kind: str,
    start: datetime.date | None,
    end: datetime.date | None,
    text: str = "",
    *,
    lang: str | None = None,
) -> str:
    """The deadline in the active language (or ``lang``), from its kind and dates.

    ru "IV квартал 2025 года", "II полугодие 2026 года", "2025 год", "2025–2030 годы", "ежегодно",
    "ежегодно, до 1 февраля", "постоянно", "до 31.12.2025"; ky "2025-жылдын IV чейреги",
    "2026-жылдын II жарым жылдыгы", "2025-жыл", "2025–2030-жылдар", "жыл сайын", "туруктуу",
    "31.12.2025-жылга чейин"; en "Q4 2025", "H2 2026", "2025", "2025–2030", "annually",
    "continuously", "by 31.12.2025". Dates no form describes (never written by the parser) fall
    back to ``text`` as written, or to the span of dates; no deadline at all is "".
    """
    if lang and lang != translation.get_language():
        with translation.override(lang):
            return render_deadline(kind, start, end, text)
    rendered = _render(kind, start, end)
    if rendered is not None:
        return rendered
    if text:
        return text
    if start and end:
        return f"{short_date(start)} – {short_date(end)}"
    return short_date(end)


def measure_deadline(measure, *, lang: str | None = None) -> str:
    """``render_deadline`` for a measure (or anything with the four deadline fields)."""
    return render_deadline(
        measure.deadline_kind,
        measure.deadline_start,
        measure.deadline_end,
        measure.deadline_text,
        lang=lang,
    )
