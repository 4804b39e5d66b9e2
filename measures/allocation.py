"""How a funding line's money is split between the measure's target units: the one rule.

A line is either not allocated (its money reaches the measure's whole territory and no single unit
may claim it) or allocated in full: one amount per target unit, every unit one the measure targets,
the amounts summing exactly to the line's planned amount. Forms, the import and the API ask this
function and show its messages; the territorial sums are in ``measures.reporting.territory``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from regionalprogram.languages import LANGUAGE_CODES


def check_allocations(
    *,
    planned_amount: Decimal | None,
    allocations: Iterable[tuple[object, Decimal | None]],
    target_units: Iterable[object],
) -> list[str]:
    """Messages (in the active language) for what is wrong with a line's allocation; [] if none.

    ``allocations`` are (unit, amount) pairs where a unit is anything with ``pk`` and ``name``
    (an AdministrativeUnit); ``target_units`` are the measure's target units.
    """
    rows = list(allocations)
    if not rows:
        return []
    targets = {unit.pk for unit in target_units}
    errors: list[str] = []
    seen: set[int] = set()
    total = Decimal(0)
    for unit, amount in rows:
        if unit.pk not in targets:
            errors.append(
                _("%(unit)s is not one of the measure's target units; add it there first.")
                % {"unit": unit.name}
            )
        if unit.pk in seen:
            errors.append(_("%(unit)s is allocated twice.") % {"unit": unit.name})
        seen.add(unit.pk)
        if amount is None or amount < 0:
            errors.append(_("The amount for %(unit)s must be 0 or more.") % {"unit": unit.name})
        else:
            total += amount
    planned = planned_amount or Decimal(0)
    if total != planned:
        errors.append(
            _(
                "The amounts allocated to units add up to %(total)s thousand KGS but the line "
                "plans %(planned)s: allocate all of it or none of it."
            )
            % {
                "total": number_format(total, 1, force_grouping=True),
                "planned": number_format(planned, 1, force_grouping=True),
            }
        )
    return errors


# --- Allocations written as text: the plan editor's field and the import/export column ----------
#
# One entry per unit, "unit: amount" or "unit – amount", entries on separate lines or separated by
# ";". A unit is named by its classifier code (SOATE) or by its name in any language; a name that
# several units share is taken to mean the one the measure targets.

ENTRY_SEPARATORS = re.compile(r"[\n;]+")
# The last colon, or the last dash with spaces around it (names have dashes: "Ысык-Көл").
ENTRY_SPLIT = re.compile(r"^(?P<unit>.+?)\s*(?::|\s[-–—]\s)\s*(?P<amount>[^:–—]+)$", re.S)


class UnitIndex:
    """Every administrative unit by classifier code and by its name in every language (one
    query, made when first asked)."""

    def __init__(self, units: Iterable | None = None):
        self._units = units
        self._by_key: dict[str, list] | None = None
        self._by_soate: dict[str, object] = {}

    def _load(self) -> dict[str, list]:
        if self._by_key is None:
            from measures.plan_io.layout import normalise_key
            from regions.models import AdministrativeUnit

            units = self._units if self._units is not None else AdministrativeUnit.objects.all()
            self._by_key = {}
            for unit in units:
                self._by_soate[unit.soate] = unit
                for lang in LANGUAGE_CODES:
                    name = getattr(unit, f"name_{lang}", "") or ""
                    if name:
                        found = self._by_key.setdefault(normalise_key(name), [])
                        if unit not in found:
                            found.append(unit)
        return self._by_key

    def find(self, text: str, targets: Iterable[object]) -> tuple[object | None, str | None]:
        """(unit, None) or (None, why not) for a unit written as ``text``."""
        from measures.plan_io.layout import normalise_key

        by_key = self._load()
        code = re.sub(r"\s", "", text)
        if code.isdigit():
            unit = self._by_soate.get(code)
            if unit is None:
                return None, _("No unit has the classifier code %(code)s.") % {"code": code}
            return unit, None
        found = by_key.get(normalise_key(text), [])
        if len(found) > 1:
            target_ids = {unit.pk for unit in targets}
            found = [unit for unit in found if unit.pk in target_ids] or found
        if not found:
            return None, _("“%(text)s” is not the name of an administrative unit.") % {"text": text}
        if len(found) > 1:
            return None, _("“%(text)s” names several units: write its classifier code.") % {
                "text": text
            }
        return found[0], None


def parse_allocation(
    text: str, index: UnitIndex, targets: Iterable[object]
) -> tuple[list[tuple[object, Decimal]], list[str]]:
    """``text`` → ([(unit, amount)], errors). Checks the writing only: the rule itself is
    ``check_allocations``'s."""
    from measures.plan_io.layout import AmountError, parse_amount

    targets = list(targets)
    pairs: list[tuple[object, Decimal]] = []
    errors: list[str] = []
    for entry in ENTRY_SEPARATORS.split(text or ""):
        entry = entry.strip()
        if not entry:
            continue
        match = ENTRY_SPLIT.match(entry)
        if not match:
            errors.append(
                _("“%(text)s”: write the unit, a colon and the amount, e.g. “Ош шаары: 600,0”.")
                % {"text": entry}
            )
            continue
        unit, error = index.find(match.group("unit").strip(), targets)
        if error:
            errors.append(error)
            continue
        try:
            amount = parse_amount(match.group("amount"))
        except AmountError as amount_error:
            errors.append(str(amount_error))
            continue
        pairs.append((unit, amount))
    return pairs, errors


def allocation_amount(amount: Decimal) -> str:
    """600.0 → '600,0' (ky, ru: as the plan writes thousand KGS, space thousands) or '600.0'
    (en, no thousands separator, so that a comma is never read as one)."""
    from measures.plan_io.layout import format_amount

    if (translation.get_language() or "ky").startswith("en"):
        return f"{amount:.1f}"
    return format_amount(amount)


def allocation_text(pairs: Iterable[tuple[object, Decimal]], *, separator: str = "\n") -> str:
    """[(unit, amount)] → 'Ош шаары: 600,0' lines, names in the active language, in tree order."""
    rows = sorted(pairs, key=lambda pair: pair[0].tree_path)
    return separator.join(f"{unit.name}: {allocation_amount(amount)}" for unit, amount in rows)
