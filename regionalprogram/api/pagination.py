"""Page numbers for browsing, a cursor for sync (`?pagination=cursor`, ordered by last change)."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination, PageNumberPagination


class PartnerPageNumberPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class SyncCursorPagination(CursorPagination):
    """Stable under concurrent changes: a row that changes moves to the end and is seen again."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    ordering = ("updated_at", "id")

    def get_ordering(self, request, queryset, view):
        return getattr(view, "sync_ordering", self.ordering)

    def encode_cursor(self, cursor):
        url = super().encode_cursor(cursor)
        from rest_framework.utils.urls import replace_query_param

        return replace_query_param(url, "pagination", "cursor")


def wants_cursor(request) -> bool:
    params = request.query_params
    return params.get("pagination") == "cursor" or "cursor" in params
