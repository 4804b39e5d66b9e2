"""The base of every API endpoint: language, conditional GET, formats, pagination, throttling."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import permissions, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer

from regionalprogram.api import export as api_export
from regionalprogram.api.auth import ApiTokenAuthentication
from regionalprogram.api.conditional import apply_conditional, latest_change
from regionalprogram.api.export import (
    EXPORT_FORMATS,
    CSVRenderer,
    XLSXRenderer,
    csv_response,
    export_rows,
    xlsx_response,
)
from regionalprogram.api.language import activate_for, requested_language
from regionalprogram.api.pagination import (
    PartnerPageNumberPagination,
    SyncCursorPagination,
    wants_cursor,
)
from regionalprogram.api.throttling import PartnerRateThrottle

PAGINATION_MODES = ("page", "cursor")


def _counted(rows, tick):
    for row in rows:
        tick()
        yield row


class PartnerReadViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail of one kind of object, addressed by its stable key."""

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PartnerRateThrottle]
    filter_backends = [DjangoFilterBackend]
    pagination_class = PartnerPageNumberPagination
    # Cursor (sync) ordering: by last change; models without a timestamp order by id.
    sync_ordering: tuple[str, ...] = ("updated_at", "id")
    export_name = "export"
    lang = "ky"

    def get_renderers(self):
        renderers = [JSONRenderer(), BrowsableAPIRenderer()]
        if self.action == "list" or getattr(self, "action", None) is None:
            renderers += [CSVRenderer(), XLSXRenderer()]
        return renderers

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.lang = requested_language(request)
        activate_for(self.lang)
        mode = request.query_params.get("pagination")
        if mode is not None and mode not in PAGINATION_MODES:
            raise ValidationError(
                {"pagination": [_("Use “page” or “cursor”.")]},
            )

    def handle_exception(self, exc):
        self.answer_in_json()
        return super().handle_exception(exc)

    def answer_in_json(self) -> None:
        """Errors, and a large export's job status, are JSON even when a spreadsheet was asked."""
        if (
            getattr(self.request, "accepted_renderer", None) is not None
            and getattr(self.request.accepted_renderer, "format", None) in EXPORT_FORMATS
        ):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type

    @property
    def paginator(self):
        if not hasattr(self, "_paginator"):
            if self.request is not None and wants_cursor(self.request):
                self._paginator = SyncCursorPagination()
            else:
                self._paginator = self.pagination_class()
        return self._paginator

    @property
    def syncing(self) -> bool:
        return self.request is not None and wants_cursor(self.request)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["lang"] = self.lang
        return context

    def filter_queryset(self, queryset):
        for backend in list(self.filter_backends):
            queryset = backend().filter_queryset(self.request, queryset, self)
        return queryset

    # How this list counts the rows a query selects (``?count=true``, and whether an export is
    # too large for a request): Django's COUNT, unless a list keeps its counts (measures name
    # measures.figures.kept_count), as a staticmethod.
    count_with = None

    def count(self, queryset) -> int:
        return self.count_with(queryset) if self.count_with is not None else queryset.count()

    def prepare(self, objects: list) -> list:
        """Hook: attach per-request data to one page of objects with a fixed number of queries."""
        return objects

    def get_throttles(self):
        if api_export.export_job_of(self.request) is not None:
            return []  # a worker preparing a job already counted against the requester's limit
        return super().get_throttles()

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        fmt = getattr(request.accepted_renderer, "format", None)
        if fmt in EXPORT_FORMATS:
            if api_export.export_job_of(request) is None and api_export.large_export:
                # A list too large to build in a request becomes a job (measures.api_exports).
                answer = api_export.large_export(self, request, queryset, fmt)
                if answer is not None:
                    return answer
            return self.export(queryset, fmt)
        page = self.prepare(list(self.paginate_queryset(queryset)))
        self.last_modified = latest_change(page)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.prepare([instance])
        self.last_modified = latest_change([instance])
        return self.response_for(instance)

    def response_for(self, instance, status=200):
        from rest_framework.response import Response

        return Response(self.get_serializer(instance).data, status=status)

    def export(self, queryset, fmt: str):
        def to_rows(objects):
            return self.get_serializer(self.prepare(objects), many=True).data

        rows = export_rows(queryset, to_rows)
        worker = api_export.export_job_of(self.request)
        if worker is not None:  # a worker preparing a job counts the rows into its progress
            rows = _counted(rows, worker.tick)
        language = activate_for(self.lang)
        if fmt == "csv":
            return csv_response(rows, self.export_name, language)
        return xlsx_response(rows, self.export_name, language)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return apply_conditional(request, response, getattr(self, "last_modified", None))
