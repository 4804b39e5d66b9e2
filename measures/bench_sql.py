"""make bench's baseline: one SQL query per API request that returns the very JSON document the API
answers (same keys, values, order of items, pagination envelope), built by PostgreSQL.

What is hand-written here is the document: every field, the deadline rendered in the response's
language (measures.deadlines.render_deadline, its translated templates written into the query),
DRF's ISO datetimes on the local clock, absolute URLs. Which rows a request reads is not: the
page's rows (visibility, filters, ordering, page limit) and their computed status come from the
API's own queryset (measures.reporting.status's SQL annotation) compiled to SQL by Django, so a
rule lives in one place and the baseline reads exactly the API's rows. The measure's relations
are the API's own JSON columns (measures.api.relation_columns); the working group's links are the
meetings app's to add (``register_working_group_links``), as on the API.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.db.models import F, QuerySet
from django.utils import translation
from django.utils.formats import get_format
from django.utils.translation import pgettext

from measures import deadlines
from measures.api import _text, relation_columns
from measures.models import ComputedStatus, DeadlineKind, ReportStatus

# (sql, params) of three JSON columns — decisions, source_proposals, proposals — for the measure
# aliased ``m``, as the given user may see them. Set by the meetings app; empty lists without it.
_working_group_links: Callable[[object], tuple[str, list]] | None = None


def register_working_group_links(build: Callable[[object], tuple[str, list]]) -> None:
    global _working_group_links
    _working_group_links = build


def literal(text: str) -> str:
    """A trusted Python string as an SQL literal, in a query that is run with parameters."""
    return "'" + text.replace("'", "''").replace("%", "%%") + "'"


def compiled(queryset: QuerySet) -> tuple[str, list]:
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    return sql, list(params)


def iso_datetime(expr: str) -> str:
    """DRF's DateTimeField: ISO 8601 on the local clock, microseconds only when there are some,
    the offset as +06:00 (Z for UTC); NULL stays NULL."""
    zone = literal(settings.TIME_ZONE)
    local = f"({expr} AT TIME ZONE {zone})"
    offset = f"({local} - ({expr} AT TIME ZONE 'UTC'))"
    return (
        f"(to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        f" || CASE WHEN mod(date_part('microseconds', {expr})::bigint, 1000000) <> 0"
        f" THEN to_char({local}, '.US') ELSE '' END"
        f" || CASE WHEN {offset} = interval '0' THEN 'Z'"
        f" WHEN {offset} > interval '0' THEN '+' || to_char({offset}, 'HH24:MI')"
        f" ELSE '-' || to_char(-{offset}, 'HH24:MI') END)"
    )


DATE_FORMAT_CODES = {"d": "DD", "m": "MM", "Y": "YYYY", "j": "FMDD", "n": "FMMM", "y": "YY"}


def short_date(expr: str, lang: str) -> str:
    """regionalprogram.formats.short_date in SQL (SHORT_DATE_FORMAT of the language)."""
    pattern = ""
    for char in get_format("SHORT_DATE_FORMAT", lang):
        if char in DATE_FORMAT_CODES:
            pattern += DATE_FORMAT_CODES[char]
        elif char.isalpha():
            raise ValueError(f"SHORT_DATE_FORMAT letter {char!r} has no SQL equivalent here")
        else:
            pattern += f'"{char}"'
    return f"to_char({expr}, {literal(pattern)})"


def fill(template: str, values: dict[str, str]) -> str:
    """'Q%(number)s %(year)s' with SQL expressions for the names, as an SQL concatenation."""
    parts = re.split(r"%\((\w+)\)s", template)
    sql = [literal(part) if i % 2 == 0 else f"({values[part]})" for i, part in enumerate(parts)]
    return "(" + " || ".join(part for part in sql if part != "''") + ")"


def rendered_deadline(m: str, lang: str) -> str:
    """measures.deadlines.render_deadline of the measure aliased ``m``, in ``lang``."""
    with translation.override(lang):
        roman = deadlines._numeral(4) == "IV"
        months = [deadlines._month_of_deadline(n) for n in range(1, 13)]
        yearly_months = [deadlines._month_of_yearly_day(n) for n in range(1, 13)]
        t = {
            "continuously": pgettext("deadline", "continuously"),
            "annually": pgettext("deadline", "annually"),
            "annually_by": pgettext(
                "deadline: annually by a day", "annually, by %(day)s %(month)s"
            ),
            "range": pgettext("deadline: a range of years", "%(start)s–%(end)s"),
            "by": pgettext("deadline: by a date", "by %(date)s"),
            "year": pgettext("deadline: a year", "%(year)s"),
            "half": pgettext("deadline: a half-year", "H%(number)s %(year)s"),
            "quarter": pgettext("deadline: a quarter", "Q%(number)s %(year)s"),
            "month": pgettext("deadline: a month", "%(month)s %(year)s"),
        }
    start, end = f"{m}.deadline_start", f"{m}.deadline_end"

    def part(field: str, day: str) -> str:
        return f"extract({field} FROM {day})::int"

    def names(values: list[str]) -> str:
        return "(ARRAY[" + ", ".join(literal(v) for v in values) + "])"

    def numeral(number: str) -> str:
        return f"(ARRAY['I', 'II', 'III', 'IV'])[{number}]" if roman else f"({number})::text"

    year = f"{part('year', start)}::text"
    months_long = f"({part('month', end)} - {part('month', start)} + 1)"
    last_day = f"(date_trunc('month', {end}) + interval '1 month - 1 day')::date"
    once = f"""CASE
        WHEN {start} IS NULL OR {start} = {end} THEN {
        fill(t["by"], {"date": short_date(end, lang)})
    }
        WHEN {part("year", start)} <> {part("year", end)} THEN NULL
        WHEN {end} <> {last_day} OR {part("day", start)} <> 1 THEN NULL
        WHEN {months_long} = 12 THEN {fill(t["year"], {"year": year})}
        WHEN {months_long} = 6 AND {part("month", start)} IN (1, 7) THEN {
        fill(
            t["half"],
            {
                "number": numeral(f"CASE {part('month', start)} WHEN 1 THEN 1 ELSE 2 END"),
                "year": year,
            },
        )
    }
        WHEN {months_long} = 3 AND {part("month", start)} IN (1, 4, 7, 10) THEN {
        fill(
            t["quarter"], {"number": numeral(f"({part('month', start)} - 1) / 3 + 1"), "year": year}
        )
    }
        WHEN {months_long} = 1 THEN {
        fill(t["month"], {"month": f"{names(months)}[{part('month', start)}]", "year": year})
    }
        END"""
    rendered = f"""CASE
        WHEN {m}.deadline_kind = '{DeadlineKind.CONTINUOUS.value}' THEN {literal(t["continuously"])}
        WHEN {m}.deadline_kind = '{DeadlineKind.ANNUAL.value}' THEN CASE
            WHEN {end} IS NOT NULL AND ({part("month", end)}, {part("day", end)}) <> (12, 31) THEN {
        fill(
            t["annually_by"],
            {
                "day": f"{part('day', end)}::text",
                "month": f"{names(yearly_months)}[{part('month', end)}]",
            },
        )
    }
            ELSE {literal(t["annually"])} END
        WHEN {end} IS NULL THEN NULL
        WHEN {m}.deadline_kind = '{DeadlineKind.PERIOD.value}' THEN CASE
            WHEN {start} IS NOT NULL AND ({part("month", start)}, {part("day", start)},
                 {part("month", end)}, {part("day", end)}) = (1, 1, 12, 31) THEN {
        fill(t["range"], {"start": f"{year}", "end": f"{part('year', end)}::text"})
    }
            END
        ELSE {once}
        END"""
    spelled = (
        f"CASE WHEN {start} IS NOT NULL AND {end} IS NOT NULL"
        f" THEN {short_date(start, lang)} || ' – ' || {short_date(end, lang)}"
        f" ELSE coalesce({short_date(end, lang)}, '') END"
    )
    return f"coalesce({rendered}, nullif({m}.deadline_text, ''), {spelled})"


def measure_object(lang: str, base: str) -> str:
    """The API's measure (measures.serializers.MeasureSerializer) for the row aliased ``m``, with
    its programme ``p``, direction ``d``, objective ``o``, lead body ``b``, the page's computed
    and effective status in ``page`` and the relations in ``rel``; ``links`` the working group's."""
    key = "(p.code || '/' || m.number)"
    overdue = ComputedStatus.OVERDUE.value
    return f"""json_build_object(
        'key', {key},
        'url', {literal(base)} || 'measures/' || {key} || '/',
        'programme', p.code,
        'direction', p.code || '/' || d.number,
        'objective', CASE WHEN o.id IS NULL THEN NULL
                          ELSE p.code || '/' || d.number || '/' || o.number END,
        'number', m.number,
        'title', {_text("m", "title", lang)},
        'implementation_mechanism', {_text("m", "implementation_mechanism", lang)},
        'expected_result', {_text("m", "expected_result", lang)},
        'deadline', json_build_object(
            'text', m.deadline_text,
            'rendered', {rendered_deadline("m", lang)},
            'kind', m.deadline_kind,
            'start', m.deadline_start,
            'end', m.deadline_end),
        'status', m.status,
        'computed_status', page.computed_status,
        'effective_status', page.effective_status,
        'status_override', CASE WHEN m.status_override = '' OR m.status_override IS NULL
            THEN NULL ELSE json_build_object(
                'status', m.status_override,
                'reason', m.status_override_reason,
                'set_at', {iso_datetime("m.status_override_at")}) END,
        'overdue', page.effective_status = '{overdue}',
        'lead_body', json_build_object(
            'id', b.id,
            'name', {_text("b", "name", lang)},
            'short_name', {_text("b", "short_name", lang)}),
        'co_executors', rel.co_executors,
        'target_units', rel.target_units,
        'funding', rel.funding,
        'indicators', rel.indicators,
        'actuals', json_build_object('indicators', rel.indicator_actuals, 'spent', rel.spent),
        'decisions', links.decisions,
        'source_proposals', links.source_proposals,
        'proposals', links.proposals,
        'sample', m.sample,
        'archived', m.archived_at IS NOT NULL,
        'archived_at', {iso_datetime("m.archived_at")},
        'created_at', {iso_datetime("m.created_at")},
        'updated_at', {iso_datetime("m.updated_at")})"""  # noqa: S608


def ordered_page(queryset: QuerySet, limit: int, *fields: str) -> tuple[str, list]:
    """SQL of a subquery ``page`` of the queryset's first ``limit`` rows (``fields`` and the
    ids), numbered ``page.n`` in the queryset's own order. The page's ids are chosen first, from
    the ordering alone, and only their rows computed in full (``fields`` may be costly, like the
    status): one query, doing no more than the API's own two (regionalprogram.paging)."""
    ordering = list(queryset.query.order_by)
    keys = {f"_o{i}": F(name.lstrip("-")) for i, name in enumerate(ordering)}
    ids = queryset.values("pk")[:limit]
    page = queryset.filter(pk__in=ids).annotate(**keys).values("id", *fields, *keys)
    page_sql, params = compiled(page)
    window = ", ".join(
        f"page._o{i} {'DESC' if name.startswith('-') else 'ASC'}" for i, name in enumerate(ordering)
    )
    sql = f"(SELECT page.*, row_number() OVER (ORDER BY {window}) AS n FROM ({page_sql}) page)"  # noqa: S608
    return sql, params


def _measures_from(
    queryset: QuerySet, limit: int, *, lang: str, base: str, user
) -> tuple[str, list]:
    """FROM … of the measures the queryset selects (its first ``limit``, numbered ``page.n``)."""
    page_sql, page_params = ordered_page(queryset, limit, "computed_status", "effective_status")
    if _working_group_links is not None:
        links_sql, links_params = _working_group_links(user)
    else:
        links_sql, links_params = "'[]'::json, '[]'::json, '[]'::json", []
    sql = f"""
      FROM {page_sql} page
      JOIN measures_measure m ON m.id = page.id
      JOIN programs_programme p ON p.id = m.programme_id
      JOIN programs_direction d ON d.id = m.direction_id
      LEFT JOIN programs_objective o ON o.id = m.objective_id
      JOIN programs_responsiblebody b ON b.id = m.lead_body_id
      CROSS JOIN LATERAL (SELECT {relation_columns(lang)}) AS
        rel(co_executors, target_units, funding, indicators, indicator_actuals, spent)
      CROSS JOIN LATERAL (SELECT {links_sql}) AS links(decisions, source_proposals, proposals)
    """  # noqa: S608
    return sql, [*page_params, *links_params]


def measure_list_sql(
    queryset: QuerySet,
    *,
    lang: str,
    base: str,
    user,
    page_size: int,
    next_url: str,
) -> tuple[str, list]:
    """The API's first page of measures (``?page_size=N``, no count): its envelope and rows.

    ``queryset`` is the API's filtered, ordered queryset; ``next_url`` the link DRF writes for
    the second page, shown when there is one (page_size + 1 rows read, as the API does)."""
    rows, params = _measures_from(queryset, page_size + 1, lang=lang, base=base, user=user)
    sql = f"""
    SELECT json_build_object(
        'count', NULL,
        'next', CASE WHEN count(*) > %s THEN %s END,
        'previous', NULL,
        'results', coalesce(json_agg({measure_object(lang, base)} ORDER BY page.n)
                            FILTER (WHERE page.n <= %s), '[]'::json))::text
    {rows}
    """  # noqa: S608
    # Parameters in the order they stand: the envelope's, then the page's, then the links'.
    return sql, [page_size, next_url, page_size, *params]


def measure_detail_sql(queryset: QuerySet, *, lang: str, base: str, user) -> tuple[str, list]:
    """The API's measure detail for the one measure ``queryset`` selects."""
    rows, params = _measures_from(queryset, 1, lang=lang, base=base, user=user)
    return f"SELECT ({measure_object(lang, base)})::text {rows}", params  # noqa: S608


def period_label(lang: str) -> str:
    """measures.reporting.periods.period_label of the period aliased ``rp`` (cycle ``c``)."""
    with translation.override(lang):
        numerals = pgettext("numerals of reporting periods: roman or arabic", "arabic")
        quarter = pgettext("quarter of a year: Q1 2026", "Q%(number)s %(year)s")
        half = pgettext("half of a year: H1 2026", "H%(number)s %(year)s")
        year = pgettext("a whole year as a reporting period", "%(year)s")
    number = (
        "coalesce((ARRAY['I', 'II', 'III', 'IV'])[rp.number], rp.number::text)"
        if numerals == "roman"
        else "rp.number::text"
    )
    values = {"number": number, "year": "rp.year::text"}
    return (
        f"CASE c.kind WHEN 'quarter' THEN {fill(quarter, values)}"
        f" WHEN 'half_year' THEN {fill(half, values)} ELSE {fill(year, values)} END"
    )


def report_object(lang: str, base: str) -> str:
    """The API's report (measures.serializers.ReportSerializer) for the row aliased ``r``, with
    its measure ``m``, programme ``p``, body ``b``, period ``rp`` and cycle ``c``."""
    zone = literal(settings.TIME_ZONE)
    measure_key = "(p.code || '/' || m.number)"
    period_key = "(c.kind || '/' || rp.year || '/' || rp.number)"
    key = f"({measure_key} || '/' || r.reporting_body_id || '/' || {period_key})"
    today = f"(now() AT TIME ZONE {zone})::date"
    return f"""json_build_object(
        'key', {key},
        'url', {literal(base)} || 'reports/' || {key} || '/',
        'measure', {measure_key},
        'programme', p.code,
        'body', json_build_object(
            'id', b.id,
            'name', {_text("b", "name", lang)},
            'short_name', {_text("b", "short_name", lang)}),
        'lead', r.reporting_body_id = m.lead_body_id,
        'period', json_build_object(
            'key', {period_key},
            'kind', c.kind,
            'year', rp.year,
            'number', rp.number,
            'label', {period_label(lang)},
            'start', rp.start,
            'end', rp."end",
            'due_date', rp.due_date),
        'status', r.status,
        'language', r.language,
        'execution', nullif(r.execution, ''),
        'percent_complete', r.percent_complete,
        'text', {_text("r", "text", lang)},
        'delay_reason', {_text("r", "delay_reason", lang)},
        'actuals', (SELECT coalesce(json_agg(json_build_object(
                'indicator', ia.indicator_id,
                'name', {_text("mi", "name", lang)},
                'year', ia.year,
                'unit', u.soate,
                'value', ia.value::text)
                ORDER BY mi.position, ia.indicator_id, ia.year, u.tree_path), '[]'::json)
              FROM measures_indicatoractual ia
              JOIN measures_measureindicator mi ON mi.id = ia.indicator_id
              LEFT JOIN regions_administrativeunit u ON u.id = ia.unit_id
             WHERE ia.report_id = r.id),
        'spending', (SELECT coalesce(json_agg(json_build_object(
                'source', rs.source, 'donor', rs.donor_id, 'year', rp.year,
                'amount', rs.amount::text) ORDER BY rs.source, rs.donor_id), '[]'::json)
              FROM measures_reportspending rs WHERE rs.report_id = r.id),
        'submitted_at', {iso_datetime("r.submitted_at")},
        'accepted_at', CASE WHEN r.status = '{ReportStatus.ACCEPTED.value}'
                            THEN {iso_datetime("r.reviewed_at")} END,
        'on_time', CASE
            WHEN r.submitted_at IS NULL THEN CASE WHEN {today} > rp.due_date THEN false END
            ELSE (r.submitted_at AT TIME ZONE {zone})::date <= rp.due_date END,
        'sample', m.sample,
        'created_at', {iso_datetime("r.created_at")},
        'updated_at', {iso_datetime("r.updated_at")})"""  # noqa: S608


def report_list_sql(
    queryset: QuerySet, *, lang: str, base: str, page_size: int, next_url: str
) -> tuple[str, list]:
    """The API's first page of progress reports (``?page_size=N``, no count)."""
    page_sql, page_params = ordered_page(queryset, page_size + 1)
    sql = f"""
    SELECT json_build_object(
        'count', NULL,
        'next', CASE WHEN count(*) > %s THEN %s END,
        'previous', NULL,
        'results', coalesce(json_agg({report_object(lang, base)} ORDER BY page.n)
                            FILTER (WHERE page.n <= %s), '[]'::json))::text
      FROM {page_sql} page
      JOIN measures_progressreport r ON r.id = page.id
      JOIN measures_measure m ON m.id = r.measure_id
      JOIN programs_programme p ON p.id = m.programme_id
      JOIN programs_responsiblebody b ON b.id = r.reporting_body_id
      JOIN measures_reportingperiod rp ON rp.id = r.period_id
      JOIN measures_reportingcycle c ON c.id = rp.cycle_id
    """  # noqa: S608
    return sql, [page_size, next_url, page_size, *page_params]


# --- the request a query answers ------------------------------------------------------------


def api_view(viewset_class, url: str, **kwargs):
    """The API's view as it stands for an anonymous GET of ``url``: its request, language and
    querysets, without answering it."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from regionalprogram.api.language import requested_language

    request = RequestFactory().get(url)
    request.user = AnonymousUser()
    action = "retrieve" if kwargs else "list"
    view = viewset_class(action_map={"get": action}, kwargs=kwargs, args=())
    view.format_kwarg = None
    view.request = view.initialize_request(request)
    # Without ?lang, the language LocaleMiddleware would have activated for this request.
    with translation.override(translation.get_language_from_request(request)):
        view.lang = requested_language(view.request)
    return view


def _first_page(viewset_class, url: str) -> tuple[QuerySet, dict, object]:
    """The filtered queryset of ``GET url`` on a list, what its same-JSON query needs to write the
    first page's envelope as the API does (language, base URL, page size, next link), and the
    request's user."""
    from rest_framework.utils.urls import replace_query_param

    view = api_view(viewset_class, url)
    request = view.request
    return (
        view.filter_queryset(view.get_queryset()),
        {
            "lang": view.lang,
            "base": request.build_absolute_uri("/api/v1/"),
            "page_size": view.paginator.get_page_size(request),
            "next_url": replace_query_param(request.build_absolute_uri(), "page", 2),
        },
        request.user,
    )


def measure_list_query(viewset_class, url: str) -> tuple[str, list]:
    """The same-JSON query of ``GET url`` on the measure list (first page, no count)."""
    queryset, page, user = _first_page(viewset_class, url)
    return measure_list_sql(queryset, user=user, **page)


def measure_detail_query(viewset_class, url: str, *, programme: str, number: str):
    """The same-JSON query of ``GET url`` on one measure."""
    from programs.numbers import normalise_number

    view = api_view(viewset_class, url, programme=programme, number=number)
    queryset = view.get_queryset().filter(
        programme__code=programme, number=normalise_number(number)
    )
    request = view.request
    return measure_detail_sql(
        queryset, lang=view.lang, base=request.build_absolute_uri("/api/v1/"), user=request.user
    )


def report_list_query(viewset_class, url: str) -> tuple[str, list]:
    """The same-JSON query of ``GET url`` on the progress reports (first page, no count)."""
    queryset, page, _user = _first_page(viewset_class, url)
    return report_list_sql(queryset, **page)
