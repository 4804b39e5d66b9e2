"""Page numbers for browsing, a cursor for sync (`?pagination=cursor`, ordered by last change)."""

from __future__ import annotations

import functools

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination, PageNumberPagination

from regionalprogram.paging import IdsFirstPaginator, rows_by_ids_first

# Beyond this the OFFSET would overflow PostgreSQL's bigint; no plan has that many rows.
MAX_PAGE_NUMBER = 1_000_000


class PartnerPageNumberPagination(PageNumberPagination):
    """Page numbers without a COUNT unless asked for (`?count=true`).

    Counting every matching row costs as much as the whole filtered plan, so a page is fetched as
    page_size + 1 rows (the extra one only says whether there is a next page).
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    django_paginator_class = IdsFirstPaginator

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.with_count = request.query_params.get("count") in ("true", "1")
        if self.with_count:
            # The list's own way to count (PartnerReadViewSet.count: a kept count for measures).
            self.django_paginator_class = functools.partial(
                IdsFirstPaginator, count_with=getattr(view, "count", None)
            )
            return list(super().paginate_queryset(queryset, request, view) or [])
        from rest_framework.exceptions import NotFound

        page_size = self.get_page_size(request)
        raw = request.query_params.get(self.page_query_param) or "1"
        try:
            self.number = int(raw)
            if not 1 <= self.number <= MAX_PAGE_NUMBER:
                raise ValueError(raw)
        except ValueError as exc:
            raise NotFound(self.invalid_page_message.format(page_number=raw, message="")) from exc
        offset = (self.number - 1) * page_size
        rows = rows_by_ids_first(queryset, offset, offset + page_size + 1)
        self.has_next = len(rows) > page_size
        return rows[:page_size]

    def get_paginated_response(self, data):
        if self.with_count:
            return super().get_paginated_response(data)
        from rest_framework.response import Response
        from rest_framework.utils.urls import remove_query_param, replace_query_param

        url = self.request.build_absolute_uri()
        next_url = replace_query_param(url, self.page_query_param, self.number + 1)
        previous_url = None
        if self.number == 2:
            previous_url = remove_query_param(url, self.page_query_param)
        elif self.number > 2:
            previous_url = replace_query_param(url, self.page_query_param, self.number - 1)
        return Response(
            {
                "count": None,
                "next": next_url if self.has_next else None,
                "previous": previous_url,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["nullable"] = True
        response["properties"]["count"]["description"] = "Only with ?count=true."
        response["required"] = ["results"]
        return response

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": "count",
                "required": False,
                "in": "query",
                "description": "true: include the number of matching rows (costs a COUNT).",
                "schema": {"type": "boolean"},
            },
        ]


class IdsFirstSlices:
    """A queryset whose slices read the page's ids first, then the full rows of those ids only
    (``rows_by_ids_first``), whatever DRF's cursor chains onto it (order_by, filter). Read whole,
    a row's per-row subqueries (a measure's status) are planned for every row the filter matches:
    PostgreSQL then scanned all 1,000,000 reports of a 100,000-measure plan for a page of 50."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __getattr__(self, name):
        found = getattr(self.queryset, name)
        if not callable(found):
            return found

        def chained(*args, **kwargs):
            result = found(*args, **kwargs)
            return IdsFirstSlices(result) if isinstance(result, QuerySet) else result

        return chained

    def __getitem__(self, key):
        if isinstance(key, slice) and key.step is None and key.stop is not None:
            return rows_by_ids_first(self.queryset, key.start or 0, key.stop)
        return self.queryset[key]

    def __iter__(self):
        return iter(self.queryset)


class SyncCursorPagination(CursorPagination):
    """Stable under concurrent changes: a row that changes moves to the end and is seen again."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    ordering = ("updated_at", "id")

    def get_ordering(self, request, queryset, view):
        return getattr(view, "sync_ordering", self.ordering)

    def paginate_queryset(self, queryset, request, view=None):
        # DRF takes the position inside a cursor as it is; a forged one ("2025" where a time
        # belongs) fails only when the page is read. It is a 400 keyed by the parameter.
        try:
            return super().paginate_queryset(IdsFirstSlices(queryset), request, view)
        except (DjangoValidationError, ValueError, TypeError, OverflowError) as exc:
            raise ValidationError(
                {self.cursor_query_param: [_("The cursor is not one this API gave out.")]}
            ) from exc

    def encode_cursor(self, cursor):
        url = super().encode_cursor(cursor)
        from rest_framework.utils.urls import replace_query_param

        return replace_query_param(url, "pagination", "cursor")


def wants_cursor(request) -> bool:
    params = request.query_params
    return params.get("pagination") == "cursor" or "cursor" in params
