"""Charts drawn by the server as inline SVG: horizontal bars, stacked bars (a mix, such as
measures by status) and grouped bars (planned against actual).

A view builds a ``Chart`` with ``bar_chart``, ``stacked_chart`` or ``grouped_chart`` (in the
language of the request: numbers are formatted as that language writes them) and the template
draws it with ``{% load charts %}{% chart the_chart %}`` (templates/includes/charts/chart.html).
Every chart is readable without colour: each series has its own pattern as well as its colour, a
text legend names them, bars carry their values as text, and the chart is followed by a table of
its numbers with a caption. No script is needed, nothing comes from outside the portal, and the
print stylesheet keeps the colours and patterns on paper.

Geometry is computed here, as percentages of the row's width written with a dot whatever the
language, so that the template never formats a coordinate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format

# Share of a row's width the longest bar takes; the rest leaves room for its value.
SCALE = Decimal("82")
# A stacked segment narrower than this (percent of the row) carries no value text of its own.
MIN_LABELLED = Decimal("6")

# tone → (fill, darker mark). AA contrast for the marks; the values are written beside in text.
TONES = {
    "blue": ("#8fb5de", "#0b4f8a"),
    "green": ("#9fd3ad", "#1e6b34"),
    "amber": ("#f2d27a", "#7a5600"),
    "red": ("#f0a3a5", "#a4161a"),
    "purple": ("#c9b3e0", "#4b2a75"),
    "grey": ("#d5d9de", "#4d5866"),
    "teal": ("#96d1cf", "#0f5c5a"),
}
# The mark drawn over a series' colour, in the order series take them.
PATTERNS = ("solid", "diagonal", "dots", "cross", "horizontal", "vertical", "back_diagonal")


@dataclass
class Series:
    key: str
    label: str
    tone: str = "blue"
    pattern: str = "solid"

    @property
    def fill(self) -> str:
        return TONES.get(self.tone, TONES["blue"])[0]

    @property
    def mark(self) -> str:
        return TONES.get(self.tone, TONES["blue"])[1]


@dataclass
class Segment:
    series: Series
    value: Decimal | int | None
    text: str
    x: str = "0%"
    width: str = "0%"
    middle: str = "0%"
    end: str = "0%"
    labelled: bool = True


@dataclass
class Row:
    label: str
    values: dict
    url: str = ""
    sample: bool = False
    note: str = ""
    extra: list[str] = field(default_factory=list)
    anchor: str = ""
    segments: list[Segment] = field(default_factory=list)
    total: Decimal | int | None = None
    total_text: str = ""
    end: str = "0%"


@dataclass
class Chart:
    id: str
    kind: str  # "bar", "stacked" or "grouped"
    caption: str
    series: list[Series]
    rows: list[Row]
    label_heading: str = ""
    unit: str = ""
    show_total: bool = False
    total_heading: str = ""
    note: str = ""
    # Columns of the table before the series' (texts already formatted), e.g. target and actual.
    extra_headings: list[str] = field(default_factory=list)
    maximum: Decimal | int | None = None

    @property
    def bar_count(self) -> int:
        return sum(1 for row in self.rows for s in row.segments if s.value)


def fmt(value, decimals: int = 0) -> str:
    """A number as the active language writes it: "1 234,5" in Kyrgyz and Russian."""
    if value is None:
        return "—"
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _percent(value: Decimal) -> str:
    return f"{max(Decimal(0), value).quantize(Decimal('0.01'))}%"


def _scale(largest) -> Decimal:
    largest = Decimal(largest or 0)
    return SCALE / largest if largest > 0 else Decimal(0)


def make_series(items) -> list[Series]:
    """``items``: (key, label) or (key, label, tone); patterns follow the order."""
    series = []
    for index, item in enumerate(items):
        key, label, *rest = item
        tone = rest[0] if rest else ("blue", "green", "amber", "red", "purple", "teal")[index % 6]
        series.append(Series(key, str(label), tone, PATTERNS[index % len(PATTERNS)]))
    return series


def _rows(rows) -> list[Row]:
    return [row if isinstance(row, Row) else Row(*row) for row in rows]


def bar_chart(
    id: str, caption: str, rows, *, series_label: str = "", decimals: int = 0, **options
) -> Chart:
    """One bar per row. ``rows``: ``Row``s or (label, value[, url]) tuples."""
    series = make_series([("value", series_label or caption)])
    built = [
        row if isinstance(row, Row) else Row(row[0], {"value": row[1]}, *row[2:]) for row in rows
    ]
    return _grouped(Chart(id, "bar", caption, series, built, **options), decimals)


def grouped_chart(id: str, caption: str, series, rows, *, decimals: int = 0, **options) -> Chart:
    """A bar per series in each row. ``series``: (key, label[, tone]); ``rows``: ``Row``s or
    (label, {key: value}[, url]) tuples."""
    chart = Chart(id, "grouped", caption, make_series(series), _rows(rows), **options)
    return _grouped(chart, decimals)


def _grouped(chart: Chart, decimals: int) -> Chart:
    largest = max(
        (row.values.get(s.key) or 0 for row in chart.rows for s in chart.series), default=0
    )
    scale = _scale(max(largest, chart.maximum or 0))
    for row in chart.rows:
        row.segments = []
        for series in chart.series:
            value = row.values.get(series.key)
            width = Decimal(value or 0) * scale
            row.segments.append(
                Segment(
                    series, value, fmt(value, decimals), "0%", _percent(width), end=_percent(width)
                )
            )
    return chart


def stacked_chart(
    id: str, caption: str, series, rows, *, decimals: int = 0, show_total: bool = True, **options
) -> Chart:
    """One bar per row split into its series (a mix), the total at its end."""
    chart = Chart(
        id, "stacked", caption, make_series(series), _rows(rows), show_total=show_total, **options
    )
    totals = [sum((row.values.get(s.key) or 0 for s in chart.series), 0) for row in chart.rows]
    scale = _scale(max(totals, default=0))
    for row, total in zip(chart.rows, totals, strict=True):
        row.total, row.total_text = total, fmt(total, decimals)
        x = Decimal(0)
        row.segments = []
        for series in chart.series:
            value = row.values.get(series.key) or 0
            width = Decimal(value) * scale
            row.segments.append(
                Segment(
                    series,
                    value,
                    fmt(value, decimals),
                    _percent(x),
                    _percent(width),
                    _percent(x + width / 2),
                    _percent(x + width),
                    labelled=width >= MIN_LABELLED,
                )
            )
            x += width
        row.end = _percent(x)
    return chart
