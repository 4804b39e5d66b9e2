"""Programme.covers_year / check_year / check_period: the programme-period rule itself."""

import datetime

import pytest
from django.utils import translation

from programs.models import Programme

D = datetime.date
PROGRAMME = Programme(period_start_year=2025, period_end_year=2030)


@pytest.mark.parametrize(
    ("start", "end", "inside"),
    [
        (None, None, True),  # no deadline: nothing to check
        (D(2025, 1, 1), None, True),  # open at the end
        (None, D(2030, 12, 31), True),  # a single day
        (D(2025, 1, 1), D(2030, 12, 31), True),
        (D(2024, 12, 31), D(2025, 6, 30), False),
        (D(2030, 1, 1), D(2031, 1, 1), False),
        (None, D(2031, 1, 1), False),
        (None, D(2024, 12, 31), False),
    ],
)
def test_check_period(start, end, inside):
    with translation.override("en"):
        message = PROGRAMME.check_period(start, end)
    if inside:
        assert message is None
    else:
        assert message == "The deadline lies outside the programme period 2025–2030."


@pytest.mark.parametrize(
    ("year", "inside"), [(None, True), (2024, False), (2025, True), (2030, True), (2031, False)]
)
def test_check_year(year, inside):
    with translation.override("ru"):
        message = PROGRAMME.check_year(year)
    if inside:
        assert message is None
        assert year is None or PROGRAMME.covers_year(year)
    else:
        assert message == f"{year} год выходит за пределы периода программы 2025–2030."
        assert not PROGRAMME.covers_year(year)
