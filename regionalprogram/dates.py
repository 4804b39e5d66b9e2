"""The one rule for the dates people type: a year in a sane range, in forms, the API and the admin.

A typo such as year 0001 used to save, and then every page that read the row answered 500
(PostgreSQL stores it as a date BC, which Python cannot hold). The rule lives on the model fields
as a validator, so every ModelForm, the admin and DRF's model serializers apply it; and the
database reader below turns a date Python cannot hold, already stored, into the nearest one it
can, so such a row shows as 01.01.0001 (and can be corrected) instead of breaking the page.

The ranges: dates of events the portal schedules or records now (meetings, decisions' deadlines,
members' terms, legal acts) lie in 2000–2100; dates of history (since when a unit, a name or a
body exists) reach back to 1900. Programme-bound years are checked by ``Programme.check_year``.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

EVENT_YEARS = (2000, 2100)
HISTORY_YEARS = (1900, 2100)


@deconstructible
class YearRange:
    """A date or datetime whose year lies in [first, last]."""

    def __init__(self, first: int, last: int):
        self.first = first
        self.last = last

    def __call__(self, value) -> None:
        if value is None:
            return
        if not isinstance(value, datetime.date) or not self.first <= value.year <= self.last:
            raise ValidationError(
                _("Enter a date between the years %(first)s and %(last)s."),
                code="year_out_of_range",
                params={"first": self.first, "last": self.last},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, YearRange) and (self.first, self.last) == (
            other.first,
            other.last,
        )


event_date = YearRange(*EVENT_YEARS)
history_date = YearRange(*HISTORY_YEARS)


# --- reading what is already stored --------------------------------------------------------

_DATE_RE = re.compile(r"^\d+-\d\d-\d\d")
_EARLIEST = "0001-01-02"
_LATEST = "9999-12-30"


def _tolerant(base):
    def cast(value, cursor):
        try:
            return base(value, cursor)
        except ValueError:
            # A year Python cannot hold: BC, or after 9999. Stand in the nearest day it can.
            if value is None:
                raise
            stand_in = _EARLIEST if value.endswith(" BC") else _LATEST
            return base(_DATE_RE.sub(stand_in, value.removesuffix(" BC"), count=1), cursor)

    return cast


def register_tolerant_readers() -> None:
    """Make psycopg2 read out-of-range dates and timestamps as the nearest day Python holds."""
    import psycopg2.extensions as ext
    from psycopg2._psycopg import DATE, DATETIME, DATETIMETZ

    for base in (DATE, DATETIME, DATETIMETZ):
        ext.register_type(ext.new_type(base.values, base.name, _tolerant(base)))
