"""How a funding line's money is split between the measure's target units: the one rule.

A line is either not allocated (its money reaches the measure's whole territory and no single unit
may claim it) or allocated in full: one amount per target unit, every unit one the measure targets,
the amounts summing exactly to the line's planned amount. Forms, the import and the API ask this
function and show its messages; the territorial sums are in ``measures.reporting.territory``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _


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
