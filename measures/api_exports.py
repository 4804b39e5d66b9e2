"""Large API list exports prepared by a worker instead of the request.

A list asked for as ``?format=csv`` or ``?format=xlsx`` with more than EXPORT_DIRECT_MAX_MEASURES
rows is not built in the request (a whole 100,000-measure plan takes minutes): the API answers
``202 Accepted`` with the job's status and its address (``Location``), the same job for the same
question while the data has not changed. A worker (``manage.py db_worker``, measures.exports) asks
the same list, as the same requester and with the same filters and language, writes the file into
the default storage and counts the rows into the job's progress; the status then links the file.
``GET /api/v1/exports/<key>/`` is the status, ``.../file/`` the file.

Who sees a job: its requester (by token or session) and staff; a job asked anonymously (public
data) anyone who holds its key. A requester has at most EXPORT_JOBS_UNFINISHED_MAX jobs waiting or
running at a time (anonymous ones: per address), so a script cannot fill the queue.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIRequest
from django.http import Http404
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from measures import exports
from measures.figures import plans_state
from measures.models import ExportJob, ExportKind, ExportStatus
from regionalprogram.api.auth import ApiTokenAuthentication
from regionalprogram.api.export import XLSX_CONTENT_TYPE, WorkerExport
from regionalprogram.api.language import activate_for, requested_language
from regionalprogram.api.throttling import PartnerRateThrottle
from regionalprogram.clients import client_address

KINDS = {"csv": ExportKind.API_CSV, "xlsx": ExportKind.API_XLSX}
_FILENAME_RE = re.compile(r'filename="([^"]+)"')
LANG_PARAMETER = OpenApiParameter(
    "lang", str, description="ky, ru or en: the language of the message (default: the file's)."
)


def _requester(request):
    user = request.user
    return user if user is not None and user.is_authenticated else None


def _fingerprint(request, fmt: str) -> str:
    """The question: the list, its filters and language, the format, and the state of the data
    (every plan's counter), so that a job is shared only while its answer still holds."""
    query = sorted(
        (name, value) for name, values in request.query_params.lists() for value in values
    )
    text = repr((request.path, query, fmt, request.META.get("HTTP_ACCEPT_LANGUAGE"), plans_state()))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _address_key(request) -> str:
    """An anonymous requester, as its jobs are counted: a keyed hash of the client's address, so
    that a job does not keep the address itself for EXPORT_KEEP_HOURS."""
    return salted_hmac("export-job-requester", client_address(request._request)).hexdigest()


def _mine(user, address):
    jobs = ExportJob.objects.filter(kind__in=KINDS.values())
    if user is not None:
        return jobs.filter(requested_by=user)
    return jobs.filter(requested_by=None, params__address=address)


def answer_if_large(view, request, queryset, fmt: str) -> Response | None:
    """None for an export small enough to stream from the request; else its job (an existing one
    for the same question, or a new one queued with its task): 202 and the status, or 429 when the
    requester has enough waiting."""
    total = view.count(queryset)
    if not exports.needs_background(total):
        return None
    view.answer_in_json()
    user = _requester(request)
    address = None if user is not None else _address_key(request)
    fingerprint = _fingerprint(request, fmt)
    existing = (
        _mine(user, address)
        .filter(params__fingerprint=fingerprint)
        .exclude(status=ExportStatus.FAILED)
        .exclude(expires_at__lte=timezone.now())
        .first()
    )
    if existing is not None:
        return _accepted(request, existing)
    exports.export_jobs_settle(_mine(user, address))  # a stopped one no longer counts as waiting
    waiting = _mine(user, address).unfinished().count()
    if waiting >= settings.EXPORT_JOBS_UNFINISHED_MAX:
        return Response(
            {
                "detail": _(
                    "You already have %(count)s exports being prepared. Wait until one of them "
                    "is ready, then ask again."
                )
                % {"count": waiting}
            },
            status=429,
            headers={"Retry-After": "10"},
        )
    job = exports.export_job_request(
        user=user,
        kind=KINDS[fmt],
        programme=None,
        language=view.lang,
        params={
            "path": request.path,
            "query": request.META.get("QUERY_STRING", ""),
            "accept_language": request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
            "host": request.get_host(),
            "scheme": request.scheme,
            "script_name": request.META.get("SCRIPT_NAME", ""),
            "fingerprint": fingerprint,
            "address": address,
        },
        total=total,
    )
    return _accepted(request, job)


def _accepted(request, job: ExportJob) -> Response:
    body = status_of(request, job)
    return Response(body, status=202, headers={"Location": body["url"]})


STATUS_TEXTS = {
    ExportStatus.QUEUED: gettext_lazy(
        "The file is waiting for a worker. Ask this address again in a few seconds."
    ),
    ExportStatus.RUNNING: gettext_lazy(
        "The file is being prepared. Ask this address again in a few seconds."
    ),
    ExportStatus.DONE: gettext_lazy("The file is ready: download it from “download”."),
}


def status_of(request, job: ExportJob) -> dict:
    done = job.status == ExportStatus.DONE and bool(job.file)
    return {
        "key": str(job.key),
        "status": job.status,
        "message": str(
            job.error if job.status == ExportStatus.FAILED else STATUS_TEXTS[job.status]
        ),
        "rows_done": job.progress_done,
        "rows_total": job.progress_total,
        "percent": job.percent,
        "url": request.build_absolute_uri(reverse("api:export-job", args=[job.key])),
        "download": (
            request.build_absolute_uri(reverse("api:export-job-file", args=[job.key]))
            if done
            else None
        ),
        "filename": job.filename or None,
        "requested_at": job.created_at,
        "finished_at": job.finished_at,
        "expires_at": job.expires_at,
    }


class ExportJobSerializer(serializers.Serializer):
    """The status of a large export (what ``status_of`` returns)."""

    key = serializers.UUIDField()
    status = serializers.ChoiceField(choices=ExportStatus.choices)
    message = serializers.CharField(help_text="What to do next, in the requested language.")
    rows_done = serializers.IntegerField()
    rows_total = serializers.IntegerField()
    percent = serializers.IntegerField()
    url = serializers.URLField(help_text="This status; ask it again until the file is ready.")
    download = serializers.URLField(allow_null=True, help_text="The file, once it is ready.")
    filename = serializers.CharField(allow_null=True)
    requested_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(help_text="The file is deleted after this time.")


class _JobView(APIView):
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PartnerRateThrottle]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        activate_for(requested_language(request))

    def job(self, request, key) -> ExportJob:
        """The job, for its requester and staff; an anonymous one for whoever holds its key;
        404 for anybody else (the key is not confirmed to exist)."""
        job = ExportJob.objects.filter(kind__in=KINDS.values(), key=key).first()
        user = request.user
        if job is not None and (
            job.requested_by_id is None
            or (user.is_authenticated and (user.pk == job.requested_by_id or user.is_staff))
        ):
            if "lang" not in request.query_params:
                activate_for(job.language)  # the status in the language the file was asked in
            return exports.settled(job)
        raise exports_not_found()


def exports_not_found():
    return Http404(_("There is no such export, or it is not yours."))


class ExportJobView(_JobView):
    """The status of a large export: waiting, being prepared (rows done of all), ready (with the
    file's address) or failed (why, in the reader's language)."""

    @extend_schema(responses=ExportJobSerializer, parameters=[LANG_PARAMETER])
    def get(self, request, key):
        return Response(status_of(request, self.job(request, key)))


class ExportJobFileView(_JobView):
    """The prepared file, while it is kept (EXPORT_KEEP_HOURS)."""

    @extend_schema(
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
        }
    )
    def get(self, request, key):
        response = exports.file_response(self.job(request, key))
        if response is None:
            raise exports_not_found()
        return response


def build(job: ExportJob, progress) -> tuple:
    """The worker's side: ask the list again as the requester, with the same filters, language
    and host, and keep what it streams in a temporary file. Returns (file, name)."""
    params = job.params
    host, _sep, port = params["host"].partition(":")
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": params.get("script_name", ""),
        "PATH_INFO": params["path"][len(params.get("script_name", "")) :],
        "QUERY_STRING": params["query"],
        "SERVER_NAME": host,
        "SERVER_PORT": port or ("443" if params["scheme"] == "https" else "80"),
        "HTTP_HOST": params["host"],
        "HTTP_ACCEPT_LANGUAGE": params.get("accept_language", ""),
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": params["scheme"],
        "wsgi.input": io.BytesIO(b""),
    }
    request = WSGIRequest(environ)
    request.user = job.requested_by or AnonymousUser()
    request.worker_export = WorkerExport(job=job, tick=progress.tick)
    match = resolve(environ["PATH_INFO"])
    response = match.func(request, *match.args, **match.kwargs)
    if response.status_code != 200:
        if hasattr(response, "render"):
            response.render()
        # Filters that held when the job was asked for but not now (a unit or body removed).
        raise exports.ExportProblem(
            gettext_lazy("Some filter values are no longer valid. Ask for the file again.")
        )
    output = tempfile.TemporaryFile()  # noqa: SIM115 - closed by export_job_run
    for chunk in response.streaming_content:
        output.write(chunk if isinstance(chunk, bytes) else chunk.encode())
    # Not response.close(): that ends a request (request_finished closes the worker's database
    # connection); only the file a spreadsheet was written to is closed.
    if hasattr(response, "file_to_stream"):
        response.file_to_stream.close()
    output.seek(0)
    found = _FILENAME_RE.search(response.get("Content-Disposition", ""))
    name = (
        found.group(1) if found else f"export.{'csv' if job.kind == ExportKind.API_CSV else 'xlsx'}"
    )
    return output, name
