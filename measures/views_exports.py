"""Exports prepared in the background (measures.exports): the job's page, which refreshes itself
while a worker prepares the file (no script needed), its download, and the user's list.

Only the requester, and staff, see a job: anybody else gets 404, the anonymous the login page.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from measures import exports
from measures.models import ExportJob

# Seconds between the page's reloads while the file is prepared.
REFRESH_SECONDS = 3


def _job_or_404(user, pk: int) -> ExportJob:
    return exports.settled(
        get_object_or_404(
            ExportJob.objects.visible_to(user).select_related("programme", "requested_by"), pk=pk
        )
    )


@login_required
def export_job(request, pk: int):
    job = _job_or_404(request.user, pk)
    return render(
        request, "measures/export_job.html", {"job": job, "refresh_seconds": REFRESH_SECONDS}
    )


@login_required
def export_job_download(request, pk: int):
    job = _job_or_404(request.user, pk)
    response = exports.file_response(job)
    if response is None:
        raise Http404
    return response


@login_required
def export_job_list(request):
    mine = ExportJob.objects.filter(requested_by=request.user)
    exports.export_jobs_settle(mine)
    jobs = mine.select_related("programme")[:50]
    return render(
        request,
        "measures/export_job_list.html",
        {"jobs": jobs, "export_keep_hours": settings.EXPORT_KEEP_HOURS},
    )
