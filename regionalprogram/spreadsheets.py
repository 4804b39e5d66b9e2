"""What every spreadsheet the portal writes shares: no cell may run as a formula.

A text cell that starts with = + - @ (or a tab or carriage return) would be read as a formula by a
spreadsheet (CSV/formula injection), so it gets a leading apostrophe; so does one starting with ;
(the list separator of Kyrgyz and Russian Excel, which would otherwise open an empty cell before
it). CSV files quote every cell besides (regionalprogram.api.export), so an Excel that splits on ;
never finds a formula in the middle of a cell. Readers of our own files
(the action-plan import) take the apostrophe off again with ``unneutralise``.
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", ";")


def neutralise(value):
    """A text cell that a spreadsheet would read as a formula becomes plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unneutralise(value):
    """The inverse of ``neutralise`` for text read back from a file the portal wrote."""
    if isinstance(value, str) and value.startswith("'") and value[1:2].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value
