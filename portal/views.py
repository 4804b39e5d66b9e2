"""The portal's pages that combine several apps, and its own pages.

healthchecks' front app sits above its model app the same way: the model apps (regions ←
programs ← measures ← meetings) never import this module; it imports them. The home page, a
programme's page (its measures and working groups), a body's page (its measures and working-group
memberships), a unit's page (the measures and money that reach it) and a measure's page (its
proposals and decisions) live here; their addresses and URL names are the apps' own
(regionalprogram/urls.py wires them into the apps' namespaces). So does each role's "My work"
page, where every user lands after logging in (portal/work.py gathers its sections).
"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from measures import reporting
from measures.figures import kept_count, kept_for_query, plan_figures
from measures.history import grouped, measure_history
from measures.models import ComputedStatus, Measure, ReportDispatch
from measures.reporting.queries import measure_progress
from measures.reporting.territory import attach_unit_money, programme_money, unit_funding_rows
from measures.reporting.territory_figures import STATUS_ORDER, figures, territory_overview
from measures.tables import funding_table
from meetings.models import Decision, Meeting, Proposal, WorkingGroup, WorkingGroupMember
from portal import work
from programs.models import (
    Direction,
    Objective,
    Profile,
    Programme,
    ProgrammeLegalAct,
    ProgrammeStatus,
    ProgrammeTerritory,
    ResponsibleBody,
)
from programs.numbers import normalise_number
from programs.permissions import (
    can_edit_programme,
    can_see_plan_history,
)
from regionalprogram import replica
from regionalprogram.paging import IdsFirstPaginator
from regions.maps import MARKER_RADIUS, country_shapes, tile_shapes
from regions.models import AdministrativeUnit, SocioEconomicIndicator, normalize_soate
from regions.tables import indicator_table

UNIT_MEASURES_PAGE_SIZE = 50

HOME_STATUS_ORDER = ComputedStatus.by_attention()

CURRENT_STATUSES = [
    ProgrammeStatus.UNDER_DISCUSSION,
    ProgrammeStatus.ADOPTED,
    ProgrammeStatus.IN_IMPLEMENTATION,
    ProgrammeStatus.DRAFT,
]


def home(request):
    visible = Programme.objects.visible_to(request.user)
    programmes = (
        visible.filter(status__in=CURRENT_STATUSES)
        .select_related("lead_body")
        .order_by("-period_start_year", "code")
    )
    programme = Programme.objects.current_for(request.user)
    stats = None
    if programme is not None:
        # Kept figures (measures.figures): summing the plan on every view grows with the plan.
        kept = plan_figures(programme.pk)
        by_status = kept["by_status"]
        stats = {
            "total": kept["total"],
            "sample": kept["sample"],
            "plan_url": work.plan_url(programme.code),
            "overdue": by_status[ComputedStatus.OVERDUE],
            "overdue_url": work.plan_url(programme.code, ComputedStatus.OVERDUE),
            "not_reported": by_status[ComputedStatus.NOT_REPORTED],
            "not_reported_url": work.plan_url(programme.code, ComputedStatus.NOT_REPORTED),
            # Each figure is the plan filtered by that progress (the plan's Progress filter).
            "by_status": [
                (
                    status,
                    ComputedStatus(status).label,
                    by_status[status],
                    work.plan_url(programme.code, status),
                )
                for status in HOME_STATUS_ORDER
            ],
            "funding": kept["funding"],
        }
    news = (
        Meeting.objects.listed_for(request.user)
        .published()
        .select_related("group")
        .order_by("-starts_at")[:3]
    )
    context = {
        "programmes": programmes,
        "programme": programme,
        "stats": stats,
        "news": news,
        "groups": WorkingGroup.objects.visible_to(request.user).order_by("name")[:3],
    }
    return render(request, "home.html", context)


def programme_detail(request, code: str):
    visible = Programme.objects.visible_to(request.user)
    programme = get_object_or_404(
        visible.select_related("lead_body", "superseded_by").prefetch_related(
            Prefetch(
                "act_links",
                queryset=ProgrammeLegalAct.objects.select_related("legal_act").order_by(
                    "legal_act__date"
                ),
            ),
            Prefetch(
                "directions",
                queryset=programme_directions_queryset(),
                to_attr="direction_list",
            ),
            Prefetch(
                "territory_links",
                queryset=ProgrammeTerritory.objects.select_related(
                    "unit", "territory_type"
                ).order_by("territory_type__category", "territory_type__code", "unit__tree_path"),
                to_attr="territory_list",
            ),
        ),
        code=code,
    )
    superseded_by = programme.superseded_by
    if superseded_by is not None and not visible.filter(pk=superseded_by.pk).exists():
        superseded_by = None
    kept = plan_figures(programme.pk)
    for direction in programme.direction_list:
        direction.measure_count = kept["by_direction"].get(direction.pk, 0)
    territories: dict = {}
    for link in programme.territory_list:
        territories.setdefault(link.territory_type, []).append(link)
    context = {
        "programme": programme,
        "superseded_by": superseded_by,
        "supersedes": visible.filter(superseded_by=programme),
        "territories": territories,
        # Sample directions shown under a real act must not pass for its structure.
        "structure_is_sample": any(d.sample for d in programme.direction_list),
        "measure_count": kept["total"],
        "working_groups": programme.working_groups.all(),
        "can_edit": can_edit_programme(request.user, programme),
        # A consolidated report once sent is public, like the programme it is about.
        "sent_reports": ReportDispatch.objects.filter(
            period__cycle__programme=programme
        ).select_related("period__cycle"),
        "can_review": reporting.can_review_programme(request.user, programme),
    }
    return render(request, "programs/programme_detail.html", context)


def programme_directions_queryset():
    return (
        Direction.objects.active()
        .prefetch_related(
            Prefetch(
                "objectives",
                queryset=Objective.objects.active().in_plan_order(),
                to_attr="objective_list",
            )
        )
        .in_plan_order()
    )


def body_detail(request, pk: int):
    body = get_object_or_404(
        ResponsibleBody.objects.select_related(
            "parent", "territory", "successor", "reorganisation_act"
        ),
        pk=pk,
    )
    measures = (
        Measure.objects.active()
        .visible_to(request.user)
        .select_related("programme", "lead_body__successor")
        .with_co_executors()
        .order_by("-programme__period_start_year", "programme__code", "sort_key")
    )
    memberships = (
        WorkingGroupMember.objects.active()
        .filter(body=body, group__in=WorkingGroup.objects.visible_to(request.user))
        .select_related("group")
        .order_by("group__name", "role", "full_name")
    )
    context = {
        "body": body,
        "led": measures.filter(lead_body=body)[:200],
        "co_executed": measures.filter(executors__body=body)[:200],
        "memberships": memberships,
        "predecessors": body.predecessors.order_by("-valid_to", "name"),
    }
    return render(request, "programs/responsiblebody_detail.html", context)


def unit_detail(request, soate: str):
    unit = get_object_or_404(
        AdministrativeUnit.objects.select_related("merged_into"), soate=normalize_soate(soate)
    )
    ancestor_codes = [code for code in unit.tree_path.split("/") if code and code != unit.soate]
    ancestors = sorted(
        AdministrativeUnit.objects.filter(soate__in=ancestor_codes), key=lambda u: u.depth
    )
    children = unit.children.order_by("soate")
    visible_programmes = Programme.objects.visible_to(request.user)
    page = IdsFirstPaginator(
        Measure.objects.for_plan_table().in_unit(unit).filter(programme__in=visible_programmes),
        UNIT_MEASURES_PAGE_SIZE,
        count_with=kept_count,
    ).get_page(request.GET.get("page"))
    measures = list(page.object_list)
    attach_unit_money(measures, unit)
    for measure in measures:
        measure.overdue = measure.is_overdue()
    # Money counted once (measures.reporting.territory): what is allocated to the unit or below
    # it, and apart from it the money of measures that reach the unit but is not allocated.
    # Kept until a plan changes (measures.figures.kept_for_query): summed over every measure
    # reaching the unit, it grew with the plan on every view.
    money = kept_for_query(
        f"unit-money:{unit.pk}:{unit.tree_path}",
        Measure.objects.active().filter(programme__in=visible_programmes),
        lambda measures: unit_funding_rows(unit, measures),
    )
    typed = (
        ProgrammeTerritory.objects.filter(unit=unit, programme__in=visible_programmes)
        .select_related("programme", "territory_type")
        .order_by("-programme__period_start_year", "territory_type__code")
    )
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "children": children,
        "former_names": unit.former_names.all(),
        "typed": typed,
        "page_obj": page,
        "measures": measures,
        "funding_allocated": funding_table(money["allocated"]),
        "funding_reaching": funding_table(money["reaching"]),
        "indicators": indicator_table(unit),
    }
    return render(request, "regions/administrativeunit_detail.html", context)


class TerritoryForm(forms.Form):
    """The territory dashboard's GET form: whose measures, and the figure the map is coloured by."""

    programme = forms.ChoiceField(label=_("Programme"), required=False)
    figure = forms.ChoiceField(label=_("Colour the map by"), required=False)

    def __init__(self, *args, programmes, figure_list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [(p.code, str(p)) for p in programmes]
        self.fields["figure"].choices = [(f.key, f.label) for f in figure_list]


def figure_text(value, decimals: int) -> str:
    """A figure in the page language's format (decimal comma, grouped thousands), "—" for none."""
    if value is None:
        return "—"
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def territory_map(request, soate: str | None = None):
    """The territory dashboard: the map coloured by the figure the reader picks, and each unit's
    measures, status mix, money and socio-economic indicators in a table; from the country to an
    oblast to a district."""
    parent = None
    if soate is not None:
        parent = get_object_or_404(AdministrativeUnit.objects, soate=normalize_soate(soate))
    programmes = list(Programme.objects.visible_to(request.user).order_by("-period_start_year"))
    figure_list = figures()
    form = TerritoryForm(request.GET or None, programmes=programmes, figure_list=figure_list)
    programme = Programme.objects.current_for(request.user)
    figure = figure_list[0]
    if form.is_bound and form.is_valid():
        code, key = form.cleaned_data["programme"], form.cleaned_data["figure"]
        programme = next((p for p in programmes if p.code == code), programme)
        figure = next((f for f in figure_list if f.key == key), figure)
    if not form.is_bound:
        form = TerritoryForm(
            initial={"programme": programme.code if programme else "", "figure": figure.key},
            programmes=programmes,
            figure_list=figure_list,
        )
    measures = Measure.objects.active().filter(programme=programme)
    overview = territory_overview(parent, measures, figure)
    units = [row.unit for row in overview.rows]
    if parent is None:
        shapes, viewbox = country_shapes(units)
    else:
        shapes, viewbox = tile_shapes(parent, units)
    rows = {row.unit.pk: row for row in overview.rows}
    for row in overview.rows:
        row.figure_text = figure_text(row.figure(figure.key), figure.decimals)
    for shape in shapes:
        shape.row = rows[shape.unit.pk]
        words = [w for w in shape.unit.name.split() if w.rstrip(".") not in ("г", "ш")]
        shape.short_name = words[0] if words else shape.unit.name
    indicators = [
        indicator
        for indicator in SocioEconomicIndicator.objects.order_by("code")
        if any(indicator.code in row.indicators for row in overview.rows)
    ]
    for row in overview.rows:
        row.indicator_cells = [
            (figure_text(value[0], i.decimals), value[1])
            if (value := row.indicators.get(i.code))
            else None
            for i in indicators
        ]
    query = request.GET.urlencode()
    query = f"?{query}" if query else ""
    trail = []
    if parent is not None:
        codes = [code for code in parent.tree_path.split("/") if code and code != parent.soate]
        trail = [(reverse("regions:territory_map") + query, _("Territory dashboard"))] + [
            (reverse("regions:territory_map_unit", args=[unit.soate]) + query, unit.name)
            for unit in sorted(
                AdministrativeUnit.objects.filter(soate__in=codes), key=lambda u: u.depth
            )
        ]
    legend = [
        (c.number, figure_text(c.low, figure.decimals), figure_text(c.high, figure.decimals))
        for c in overview.classes
    ]
    context = {
        "form": form,
        "programme": programme,
        "parent": parent,
        "trail": [(reverse("regions:unit_list"), _("Territory")), *trail],
        "legend": legend,
        "indicators": indicators,
        "overview": overview,
        "shapes": shapes,
        "viewbox": " ".join(f"{v:g}" for v in viewbox),
        "schematic": parent is not None,
        "statuses": [(s, ComputedStatus(s).label) for s in STATUS_ORDER],
        "marker_radius": MARKER_RADIUS,
        "query": query,
        "money": programme_money(measures) if parent is None and programme else None,
    }
    return render(request, "regions/territory_map.html", context)


def measure_detail(request, code: str, number: str):
    programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code)
    measure = get_object_or_404(
        Measure.objects.active()
        .select_related("programme", "direction", "objective", "lead_body__successor")
        .with_co_executors()
        .prefetch_related(Prefetch("target_units", to_attr="target_unit_list")),
        programme=programme,
        number=normalise_number(number),
    )
    user = request.user
    can_edit = can_edit_programme(user, programme)
    proposals = Proposal.objects.visible_to(user).filter(
        Q(measure=measure) | Q(resulting_measure=measure)
    )
    decisions = (
        Decision.objects.visible_to(user)
        .filter(measures=measure)
        .select_related("meeting__group", "responsible_body")
    )
    history = can_see_plan_history(user, programme)
    context = {
        "programme": programme,
        "measure": measure,
        # Status, indicators against targets, money planned and spent, reports.
        **measure_progress(measure, user),
        "proposals": proposals.select_related("author_body", "group").order_by("-submitted_at"),
        "decisions": decisions.order_by("-meeting__starts_at", "number"),
        "can_edit": can_edit,
        "can_see_history": history,
        "history_groups": grouped(measure_history(measure))[:5] if history else [],
    }
    return render(request, "measures/measure_detail.html", context)


# --- My work ---------------------------------------------------------------------------------

# The moment "what changed since your last visit" counts from, kept for the session: reloading the
# page keeps showing the same changes, and the next session counts from this one's first visit.
CHANGES_SINCE_SESSION_KEY = "my_work_changes_since"


def changes_since(request) -> datetime.datetime | None:
    """The user's previous visit to My work before this session (None on the first ever), and
    this visit recorded on their profile."""
    session = request.session
    if CHANGES_SINCE_SESSION_KEY in session:
        return parse_datetime(session[CHANGES_SINCE_SESSION_KEY] or "")
    previous = (
        Profile.objects.filter(user=request.user).values_list("last_visit_at", flat=True).first()
    )
    Profile.objects.update_or_create(user=request.user, defaults={"last_visit_at": timezone.now()})
    session[CHANGES_SINCE_SESSION_KEY] = previous.isoformat() if previous else ""
    return previous


@login_required
def my_work(request):
    """Where every user lands after logging in: a section per role they hold (a superuser gets the
    editor's and the secretariat's), each count a link to its filtered list."""
    user = request.user
    now = timezone.now()
    today = timezone.localdate(now)
    roles = set(user.groups.values_list("name", flat=True))
    partner = (
        work.partner_work(user, changes_since(request)) if work.is_partner(user, roles) else None
    )
    sections = {
        "editor": work.editor_work(user, today),
        "secretary": work.secretary_work(user, today),
        "member": work.member_work(user, roles, now),
        "reporter": work.reporter_work(user, today),
        "partner": partner,
    }
    context = {
        **sections,
        "has_work": any(section is not None for section in sections.values()),
        "today": today,
        "now": now,
    }
    return render(request, "portal/my_work.html", context)


def contacts(request):
    return render(request, "portal/contacts.html", {"contact": settings.PORTAL_CONTACT})


def accessibility(request):
    return render(request, "portal/accessibility.html", {"contact": settings.PORTAL_CONTACT})


def privacy(request):
    context = {
        "contact": settings.PORTAL_CONTACT,
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME * 60),
        # The cookie of regionalprogram.replica, set only where a read replica is configured.
        "primary_cookie_seconds": (
            settings.REPLICA_STICKY_SECONDS if replica.replica_configured() else None
        ),
    }
    return render(request, "portal/privacy.html", context)
