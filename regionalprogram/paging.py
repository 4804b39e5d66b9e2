"""Pages that read only their own rows, however deep they are.

PostgreSQL computes a row's selected expressions (a measure's status is a dozen correlated
sub-selects) for every row an OFFSET skips, so the last page of a 100,000-row plan computed them
100,000 times. Here the page's ids come first, from the filtered and ordered query without its
expensive columns, and only those ids are then read in full: the OFFSET walks the ordering alone.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property


def rows_by_ids_first(queryset, start: int, stop: int) -> list:
    """``list(queryset[start:stop])``, in the same order, reading full rows for that slice only."""
    return rows_of_ids(queryset, list(queryset.values_list("pk", flat=True)[start:stop]))


def rows_of_ids(queryset, ids: list) -> list:
    """The queryset's full rows of these ids, in the order of ``ids`` (one query)."""
    if not ids:
        return []
    rows = {row.pk: row for row in queryset.filter(pk__in=ids)}
    return [rows[pk] for pk in ids if pk in rows]


class IdsFirstPaginator(Paginator):
    """Django's Paginator (page numbers, counts, orphans) whose pages read ids first.

    ``count_with``: a function of the queryset that returns its count (an app's kept count,
    e.g. measures.figures.kept_count), instead of Django's COUNT on every page."""

    def __init__(self, object_list, per_page, *args, count_with=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count_with = count_with

    @cached_property
    def count(self):
        if self.count_with is not None and hasattr(self.object_list, "values_list"):
            return self.count_with(self.object_list)
        return super().count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if hasattr(self.object_list, "values_list"):
            rows = rows_by_ids_first(self.object_list, bottom, top)
        else:
            rows = self.object_list[bottom:top]
        return self._get_page(rows, number, self)
