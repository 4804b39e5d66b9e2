"""The dashboards: a programme's (public), the responsible bodies' (public) and a programme's data
quality (its editors). The figures come from measures.reporting.dashboard (summed in SQL, a fixed
number of queries); the bodies' open decisions from the meetings querysets, so a reader sees only
the decisions of meetings they may read. This module turns them into charts (portal.charts); the
API (portal.api) serves the same figures.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from measures.models import ComputedStatus
from measures.reporting import dashboard
from meetings.models import Decision, DecisionStatus
from portal.charts import Row, bar_chart, fmt, grouped_chart, stacked_chart
from portal.work import with_query
from programs.models import Programme, ResponsibleBody
from programs.permissions import can_edit_programme, editable_programme_or_deny

STATUS_TONES = {
    ComputedStatus.OVERDUE: "red",
    ComputedStatus.NOT_REPORTED: "purple",
    ComputedStatus.AT_RISK: "amber",
    ComputedStatus.ON_TRACK: "blue",
    ComputedStatus.NOT_STARTED: "grey",
    ComputedStatus.COMPLETED: "green",
}


def status_series():
    return [(s.value, s.label, STATUS_TONES[s]) for s in dashboard.STATUS_ORDER]


def punctuality_series():
    return [
        ("on_time", pgettext("reports", "on time"), "green"),
        ("late", pgettext("reports", "late"), "amber"),
        ("missing", pgettext("reports", "missing"), "red"),
    ]


def money_series():
    return [("planned", _("planned")), ("actual", _("spent"))]


def plan_link(programme: Programme, **params) -> str:
    return with_query(reverse("measures:measure_list"), programme=programme.code, **params)


def programme_charts(programme: Programme, figures: dict) -> dict:
    """The programme dashboard's charts, in the active language."""
    thousand = _("thousand KGS")
    charts = {
        "status_by_direction": stacked_chart(
            "status-by-direction",
            _("Measures by progress, per direction"),
            status_series(),
            [
                Row(
                    f"{row.key.number}. {row.key.title}",
                    row.counts,
                    plan_link(programme, direction=row.key.pk),
                    sample=row.key.sample,
                )
                for row in figures["status_by_direction"]
            ],
            label_heading=_("Direction"),
            total_heading=_("Measures"),
        ),
        "status_by_objective": stacked_chart(
            "status-by-objective",
            _("Measures by progress, per objective"),
            status_series(),
            [
                Row(f"{row.key.number}. {row.key.title}", row.counts, sample=row.key.sample)
                for row in figures["status_by_objective"]
            ],
            label_heading=_("Objective"),
            total_heading=_("Measures"),
        ),
        "funding_by_source": grouped_chart(
            "funding-by-source",
            _("Funding planned and spent, by source"),
            money_series(),
            [(row["label"], row) for row in figures["funding"]["by_source"]],
            decimals=1,
            unit=thousand,
            label_heading=_("Funding source"),
        ),
        "funding_by_year": grouped_chart(
            "funding-by-year",
            _("Funding planned and spent, by year"),
            money_series(),
            [(str(row["year"]), row) for row in figures["funding"]["by_year"]],
            decimals=1,
            unit=thousand,
            label_heading=_("Year"),
        ),
        "money_split": bar_chart(
            "money-split",
            _("Planned funding by territory"),
            [
                (_("allocated to units"), figures["money"]["allocated"]),
                (
                    _("not allocated, of measures with target units"),
                    figures["money"]["unallocated_targeted"],
                ),
                (_("measures without target units"), figures["money"]["untargeted"]),
            ],
            series_label=_("planned"),
            decimals=1,
            unit=thousand,
            label_heading=_("Money"),
        ),
        "indicators": bar_chart(
            "indicators",
            _("Indicators: progress towards the %(year)s target")
            % {"year": figures["indicator_year"]},
            [
                Row(
                    f"{row['measure']} {row['name']}, {row['unit_of_measure']}",
                    {"value": row["percent"]},
                    reverse("measures:measure_detail", args=[programme.code, row["measure"]]),
                    sample=row["sample"],
                    extra=[
                        fmt(row["baseline"], _decimals(row["baseline"])),
                        fmt(row["target"], _decimals(row["target"])),
                        fmt(row["actual"], _decimals(row["actual"])),
                    ],
                )
                for row in figures["indicators"]
            ],
            series_label=_("progress, %"),
            maximum=100,
            label_heading=_("Indicator"),
            extra_headings=[_("baseline"), _("target"), _("actual")],
        ),
        "reports": bar_chart(
            "reports-punctuality",
            _("Reports of all closed periods: on time, late, missing"),
            [(label, figures["reports"][key]) for key, label, _tone in punctuality_series()],
            series_label=_("reports"),
            label_heading=_("Reports"),
        ),
    }
    trends = {}
    for row in figures["trend"]:
        trends.setdefault(row["period"].cycle, []).append(row)
    charts["trends"] = [
        stacked_chart(
            f"trend-{cycle.kind}",
            _("Reports by period: %(cycle)s") % {"cycle": cycle.name},
            punctuality_series(),
            [
                Row(
                    row["period"].label,
                    row,
                    extra=[fmt(row["accepted"])],
                )
                for row in rows
            ],
            label_heading=_("Reporting period"),
            extra_headings=[_("accepted reports")],
            total_heading=_("reports owed"),
        )
        for cycle, rows in trends.items()
    ]
    return charts


def _decimals(value) -> int:
    """As many decimals as the stored value needs (targets are stored with three)."""
    if value is None:
        return 0
    text = f"{value.normalize():f}"
    return len(text.split(".")[1]) if "." in text else 0


def programme_dashboard(request, code: str):
    programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code)
    figures = dashboard.programme_dashboard(programme, timezone.localdate())
    context = {
        "programme": programme,
        "figures": figures,
        "charts": programme_charts(programme, figures),
        "can_edit": can_edit_programme(request.user, programme),
    }
    return render(request, "portal/programme_dashboard.html", context)


# --- the bodies -----------------------------------------------------------------------------


def open_decisions_by_body(user, programme: Programme | None, today) -> dict[int, dict]:
    """{body id: {"open": n, "overdue": n}} of the open decisions the user may read (one query)."""
    decisions = Decision.objects.visible_to(user).filter(
        status=DecisionStatus.OPEN, responsible_body__isnull=False
    )
    if programme is not None:
        decisions = decisions.filter(meeting__group__programme=programme)
    rows = (
        decisions.values("responsible_body_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(deadline__lt=today)))
        .order_by()
    )
    return {
        row["responsible_body_id"]: {"open": row["open"], "overdue": row["overdue"]} for row in rows
    }


def bodies_figures(user, programme: Programme, today) -> list[dict]:
    """Per body that leads measures of the programme or has open decisions in its working groups:
    its measures by computed status, its reports, its open decisions. A fixed number of queries."""
    figures = dashboard.bodies_figures(dashboard.programme_measures(programme), today)
    decisions = open_decisions_by_body(user, programme, today)
    ids = set(figures) | set(decisions)
    bodies = ResponsibleBody.objects.filter(pk__in=ids).order_by("name", "pk")
    empty = {
        "status": dict.fromkeys(ComputedStatus.values, 0),
        **dict.fromkeys(dashboard.PUNCTUALITY, 0),
    }
    return [
        {
            "body": body,
            **figures.get(body.pk, empty),
            "decisions": decisions.get(body.pk, {"open": 0, "overdue": 0}),
        }
        for body in bodies
    ]


def chosen_programme(request) -> Programme | None:
    """``?programme=CODE`` among the visible programmes, else the current one; None if unknown."""
    visible = Programme.objects.visible_to(request.user)
    code = request.GET.get("programme")
    if code:
        return visible.filter(code=code).first()
    return Programme.objects.current_for(request.user)


def bodies_dashboard(request):
    programme = chosen_programme(request)
    today = timezone.localdate()
    rows = bodies_figures(request.user, programme, today) if programme is not None else []
    charts = {}
    if programme is not None:
        charts["status"] = stacked_chart(
            "bodies-status",
            _("Measures led by each body, by progress"),
            status_series(),
            [
                Row(
                    row["body"].name,
                    row["status"],
                    with_query(
                        reverse("measures:measure_list"),
                        programme=programme.code,
                        body=row["body"].pk,
                    ),
                    anchor=f"body-{row['body'].pk}",
                )
                for row in rows
                if sum(row["status"].values())
            ],
            label_heading=_("Responsible body"),
            total_heading=_("Measures"),
        )
        charts["reports"] = stacked_chart(
            "bodies-reports",
            _("Reports of each lead body over the closed periods"),
            punctuality_series(),
            [
                Row(row["body"].name, row, row["body"].get_absolute_url())
                for row in rows
                if row["due"]
            ],
            label_heading=_("Responsible body"),
            total_heading=_("reports owed"),
        )
        charts["decisions"] = grouped_chart(
            "bodies-decisions",
            _("Open decisions of the working group assigned to each body"),
            [("open", _("open"), "blue"), ("overdue", _("overdue"), "red")],
            [
                Row(row["body"].name, row["decisions"], row["body"].get_absolute_url())
                for row in rows
                if row["decisions"]["open"]
            ],
            label_heading=_("Responsible body"),
        )
    context = {
        "programme": programme,
        "programmes": Programme.objects.visible_to(request.user).order_by(
            "-period_start_year", "code"
        ),
        "unknown_programme": programme is None and bool(request.GET.get("programme")),
        "rows": rows,
        "sample_count": (
            dashboard.programme_measures(programme).filter(sample=True).count()
            if programme is not None
            else 0
        ),
        "charts": charts,
        "today": today,
    }
    status = 404 if context["unknown_programme"] else 200
    return render(request, "portal/bodies_dashboard.html", context, status=status)


# --- data quality ---------------------------------------------------------------------------


@login_required
def data_quality(request, code: str):
    programme = editable_programme_or_deny(request.user, code)
    figures = dashboard.data_quality(programme, timezone.localdate())
    context = {"programme": programme, "figures": figures}
    return render(request, "portal/data_quality.html", context)
