"""The report's way, page by page, for every role: the reporter of the measure's body, the
reporter of a co-executing body, the reporter of another body, the programme's editor, the
editor of another programme, and the anonymous visitor."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from measures.models import (
    FundingLine,
    FundingSource,
    IndicatorActual,
    Measure,
    ProgressReport,
    ReportEvidence,
    ReportStatus,
)
from programs.roles import REPORTERS
from tests.edit_helpers import editor_of, measure_post_data, user_in
from tests.factories import (
    BodyFactory,
    ExecutorFactory,
    FundingLineFactory,
    IndicatorTargetFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    ProgressReportFactory,
    ReportSpendingFactory,
    reporting_period,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def reporter_of(body):
    user = user_in(REPORTERS)
    user.profile.body = body
    user.profile.save()
    return user


@dataclass
class World:
    measure: Measure
    period: object
    users: dict


@pytest.fixture
def world():
    programme = ProgrammeFactory(code="REG-T")
    measure = MeasureFactory(
        objective=ObjectiveFactory(
            direction__programme=programme, direction__number="2", number="2.1"
        ),
        number="2.1.1",
        deadline_text="2025–2030",
        deadline_kind="period",
        deadline_start=date(2025, 1, 1),
        deadline_end=date(2030, 12, 31),
        title_en="Rural water supply",
    )
    co_body = ExecutorFactory(measure=measure).body
    FundingLineFactory(measure=measure, year=2025, planned_amount=Decimal("1000"))
    indicator = MeasureIndicatorFactory(measure=measure, name_en="Villages with water")
    IndicatorTargetFactory(indicator=indicator, year=2025, target_value=Decimal("10"))
    users = {
        "anonymous": None,
        "lead_reporter": reporter_of(measure.lead_body),
        "co_reporter": reporter_of(co_body),
        "other_reporter": reporter_of(BodyFactory()),
        "editor": editor_of(programme),
        "other_editor": editor_of(ProgrammeFactory()),
    }
    return World(
        measure=measure, period=reporting_period(programme, year=2025, number=1), users=users
    )


def as_user(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def form_url(world, lang="en"):
    return f"/{lang}/reports/measure/{world.measure.pk}/period/{world.period.pk}/"


def report_post(world, action="save", **overrides):
    indicator = world.measure.indicators.get()
    data = {
        "action": action,
        "language": "ru",
        "text_ru": "Построено 4 водопровода",
        "text_ky": "",
        "text_en": "",
        "execution": "partly_done",
        "percent_complete": "40",
        f"actual_{indicator.pk}_2025_0": "4",
        "spent_republican_0": "350,5",
    }
    data.update(overrides)
    return data


def lead_report(world, status=ReportStatus.SUBMITTED, **kwargs):
    return ProgressReportFactory(
        measure=world.measure, status=status, execution="partly_done", **kwargs
    )


# --- who may open what --------------------------------------------------------------------

LOGIN = "login"


def check(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == expected, response.content[:300]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", LOGIN),
        ("lead_reporter", 200),
        ("co_reporter", 200),
        ("other_reporter", 200),  # their own (empty) list
        ("editor", 403),
        ("other_editor", 403),
    ],
)
def test_my_reports(client, world, role, expected):
    check(as_user(client, world.users[role]).get("/en/reports/mine/"), expected)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", LOGIN),
        ("lead_reporter", 200),
        ("co_reporter", 200),
        ("other_reporter", 403),
        ("editor", 403),
        ("other_editor", 403),
    ],
)
def test_report_form_get_and_post(client, world, role, expected):
    client = as_user(client, world.users[role])
    check(client.get(form_url(world)), expected)
    response = client.post(form_url(world), report_post(world))
    check(response, 302 if expected == 200 else expected)
    made = ProgressReport.objects.filter(measure=world.measure)
    if expected == 200:
        assert made.get().reporting_body == world.users[role].profile.body
    else:
        assert not made.exists()


@pytest.mark.parametrize(
    ("report_status", "expected"),
    [
        (
            ReportStatus.DRAFT,
            {
                "anonymous": 404,
                "lead_reporter": 200,
                "co_reporter": 404,
                "other_reporter": 404,
                "editor": 404,
                "other_editor": 404,
            },
        ),
        (
            ReportStatus.SUBMITTED,
            {
                "anonymous": 404,
                "lead_reporter": 200,
                "co_reporter": 200,
                "other_reporter": 404,
                "editor": 200,
                "other_editor": 404,
            },
        ),
        (
            ReportStatus.RETURNED,
            {
                "anonymous": 404,
                "lead_reporter": 200,
                "co_reporter": 404,
                "other_reporter": 404,
                "editor": 200,
                "other_editor": 404,
            },
        ),
        (
            ReportStatus.ACCEPTED,
            {
                "anonymous": 200,
                "lead_reporter": 200,
                "co_reporter": 200,
                "other_reporter": 200,
                "editor": 200,
                "other_editor": 200,
            },
        ),
    ],
)
def test_report_page_and_its_evidence(client, world, report_status, expected):
    report = lead_report(world, status=report_status, text_en="Four pipelines")
    evidence = ReportEvidence.objects.create(
        report=report,
        title="act.pdf",
        file=SimpleUploadedFile("act.pdf", PDF),
        original_name="act.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    for role, status in expected.items():
        client = as_user(client, world.users[role])
        response = client.get(f"/en/reports/{report.pk}/")
        check(response, status)
        download = client.get(f"/en/reports/evidence/{evidence.pk}/")
        check(download, status)
        if status == 200:
            assert "Four pipelines" in response.content.decode()
            assert download["Content-Type"] == "application/pdf"
            assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", LOGIN),
        ("lead_reporter", 403),  # sees the report, may not judge it
        ("co_reporter", 403),
        ("other_reporter", 404),
        ("editor", 302),
        ("other_editor", 404),
    ],
)
def test_review(client, world, role, expected):
    report = lead_report(world)
    response = as_user(client, world.users[role]).post(
        f"/en/reports/{report.pk}/review/", {"action": "accept"}
    )
    check(response, expected)
    report.refresh_from_db()
    assert report.status == (ReportStatus.ACCEPTED if expected == 302 else ReportStatus.SUBMITTED)


@pytest.mark.parametrize(
    ("role", "queue", "default"),
    [
        ("anonymous", LOGIN, LOGIN),
        ("lead_reporter", 403, 403),
        ("co_reporter", 403, 403),
        ("other_reporter", 403, 403),
        ("editor", 200, 302),
        ("other_editor", 403, 302),  # to the queue of their own programme
    ],
)
def test_review_queue(client, world, role, queue, default):
    lead_report(world, text_en="Waiting")
    client = as_user(client, world.users[role])
    response = client.get("/en/reports/review/REG-T/")
    check(response, queue)
    if queue == 200:
        assert "2.1.1." in response.content.decode()
    check(client.get("/en/reports/review/"), default)


def test_a_draft_programme_is_a_404_for_those_who_cannot_see_drafts(client, world):
    draft = ProgrammeFactory(code="DRAFT-1", status="draft")
    check(as_user(client, world.users["lead_reporter"]).get("/en/reports/review/DRAFT-1/"), 404)
    check(as_user(client, editor_of(draft)).get("/en/reports/review/DRAFT-1/"), 200)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", LOGIN),
        ("lead_reporter", 403),
        ("co_reporter", 403),
        ("other_reporter", 403),
        ("editor", 200),
        ("other_editor", 403),
    ],
)
def test_status_set_by_hand(client, world, role, expected):
    client = as_user(client, world.users[role])
    url = f"/en/reports/measure/{world.measure.pk}/status/"
    check(client.get(url), expected)
    response = client.post(
        url, {"status_override": "on_track", "status_override_reason": "Extended"}
    )
    check(response, 302 if expected == 200 else expected)
    world.measure.refresh_from_db()
    assert world.measure.status_override == ("on_track" if expected == 200 else "")


def test_status_set_by_hand_without_a_reason_is_refused_next_to_the_field(client, world):
    client = as_user(client, world.users["editor"])
    response = client.post(
        f"/en/reports/measure/{world.measure.pk}/status/", {"status_override": "completed"}
    )
    assert response.status_code == 400
    assert "Say why the status is set by hand." in response.content.decode()
    world.measure.refresh_from_db()
    assert world.measure.status_override == ""


def test_measure_page_shows_the_override_beside_the_computed_status(client, world):
    client = as_user(client, world.users["editor"])
    client.post(
        f"/en/reports/measure/{world.measure.pk}/status/",
        {"status_override": "completed", "status_override_reason": "Handed over in May"},
    )
    page = client.get(world.measure.get_absolute_url().replace("/ky/", "/en/")).content.decode()
    assert "Handed over in May" in page
    assert "cstatus-completed" in page and "Set by the editor" in page
    assert "computed from the deadline, the reports and the indicators" in page


# --- the workflow -------------------------------------------------------------------------


def test_draft_submitted_returned_edited_accepted(client, world):
    reporter, editor = world.users["lead_reporter"], world.users["editor"]
    client = as_user(client, reporter)
    response = client.post(
        form_url(world),
        report_post(world, evidence_files=[SimpleUploadedFile("act.pdf", PDF)]),
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert report.status == ReportStatus.DRAFT
    assert report.text_ru == "Построено 4 водопровода" and report.language == "ru"
    assert report.evidence.get().content_type == "application/pdf"

    response = client.post(form_url(world), report_post(world, action="submit"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.submitted_at

    client = as_user(client, editor)
    response = client.post(
        f"/en/reports/{report.pk}/review/", {"action": "return", "comment": "Attach the act"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.review_comment) == (ReportStatus.RETURNED, "Attach the act")
    assert FundingLine.objects.get(measure=world.measure).actual_amount is None

    client = as_user(client, reporter)
    mine = client.get("/en/reports/mine/").content.decode()
    assert "Attach the act" in mine
    assert "wstate-returned" in mine
    form = client.get(form_url(world)).content.decode()
    assert "Attach the act" in form
    response = client.post(
        form_url(world),
        report_post(world, action="submit", percent_complete="45", **{"spent_republican_0": "400"}),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.percent_complete == 45

    client = as_user(client, editor)
    assert client.post(f"/en/reports/{report.pk}/review/", {"action": "accept"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED and report.reviewed_by == editor
    assert FundingLine.objects.get(measure=world.measure).actual_amount == Decimal("400.0")

    steps = list(report.events.values_list("action", "user__username", "comment"))
    assert steps == [
        ("created", reporter.username, ""),
        ("submitted", reporter.username, ""),
        ("returned", editor.username, "Attach the act"),
        ("submitted", reporter.username, ""),
        ("accepted", editor.username, ""),
    ]
    page = client.get(f"/en/reports/{report.pk}/").content.decode()
    assert "Attach the act" in page and editor.username in page

    # The public measure page shows the new actual, its progress and the money spent.
    public = as_user(client, None).get("/en/plan/REG-T/2.1.1/").content.decode()
    assert "Villages with water" in public
    assert '<progress max="100" value="40">40 %</progress>' in public  # 4 of 10
    assert "spent 400.0" in public


def test_an_accepted_report_can_no_longer_change(client, world):
    report = lead_report(world, status=ReportStatus.ACCEPTED)
    client = as_user(client, world.users["lead_reporter"])
    response = client.post(form_url(world), report_post(world, text_ru="Иначе"))
    assert response.status_code == 302 and response["Location"] == f"/en/reports/{report.pk}/"
    report.refresh_from_db()
    assert report.text_ru != "Иначе"
    response = as_user(client, world.users["editor"]).post(
        f"/en/reports/{report.pk}/review/", {"action": "return", "comment": "Again"}
    )
    assert response.status_code == 400
    assert "Only a submitted report can be accepted or returned." in response.content.decode()


def test_submitting_without_the_text_in_the_reports_language_is_refused(client, world):
    client = as_user(client, world.users["lead_reporter"])
    response = client.post(
        form_url(world),
        report_post(world, action="submit", text_ru="", text_en="Only English", execution=""),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Describe what was done, at least in the language you report in." in content
    assert "Choose how far the measure has got." in content
    assert not ProgressReport.objects.exists()  # nothing half-saved


def test_a_done_measure_must_be_100_percent_and_not_done_needs_a_reason(client, world):
    client = as_user(client, world.users["lead_reporter"])
    response = client.post(
        form_url(world),
        report_post(world, action="submit", execution="done", percent_complete="90"),
    )
    assert "A measure reported as done is 100 % complete." in response.content.decode()
    response = client.post(
        form_url(world), report_post(world, action="submit", execution="not_done")
    )
    assert response.status_code == 400
    assert "Give the reason why the measure is not done." in response.content.decode()
    response = client.post(
        form_url(world),
        report_post(world, action="submit", execution="not_done", delay_reason_ru="Нет подрядчика"),
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get().status == ReportStatus.SUBMITTED


def test_return_without_a_comment_is_refused(client, world):
    report = lead_report(world)
    response = as_user(client, world.users["editor"]).post(
        f"/en/reports/{report.pk}/review/", {"action": "return", "comment": "  "}
    )
    assert response.status_code == 400
    assert "Say what the reporting body should change." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_bad_numbers_get_a_message_next_to_the_field_not_a_500(client, world):
    client = as_user(client, world.users["lead_reporter"])
    response = client.post(
        form_url(world), report_post(world, percent_complete="140", spent_republican_0="-5")
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Ensure this value is less than or equal to 100." in content
    assert "An amount cannot be negative." in content
    assert not ProgressReport.objects.exists()


def test_a_period_of_another_programme_or_not_begun_is_a_404(client, world):
    other = reporting_period(ProgrammeFactory(), year=2025, number=1)
    future = reporting_period(world.measure.programme, year=2030, number=2)
    client = as_user(client, world.users["lead_reporter"])
    assert (
        client.get(f"/en/reports/measure/{world.measure.pk}/period/{other.pk}/").status_code == 404
    )
    assert (
        client.get(f"/en/reports/measure/{world.measure.pk}/period/{future.pk}/").status_code == 404
    )


# --- evidence -----------------------------------------------------------------------------


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.pdf", PNG, "The content of photo.pdf does not match its name: it is a PNG file."),
        ("notes.pdf", b"just some text", "notes.pdf is not a PDF, DOCX, XLSX, PNG or JPEG file."),
        ("act.exe", PDF, "The content of act.exe does not match its name: it is a PDF file."),
    ],
)
def test_evidence_with_a_wrong_real_type_is_refused(client, world, name, content, message):
    client = as_user(client, world.users["lead_reporter"])
    response = client.post(
        form_url(world),
        report_post(world, evidence_files=[SimpleUploadedFile(name, content)]),
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgressReport.objects.exists() and not ReportEvidence.objects.exists()


def test_evidence_of_each_accepted_kind_and_links(client, world):
    client = as_user(client, world.users["lead_reporter"])
    response = client.post(
        form_url(world),
        report_post(
            world,
            evidence_files=[
                SimpleUploadedFile("act.pdf", PDF),
                SimpleUploadedFile("site.png", PNG),
                SimpleUploadedFile("contract.docx", docx_bytes()),
            ],
            evidence_link="https://example.kg/act",
            evidence_link_title="Act on the ministry's site",
        ),
    )
    assert response.status_code == 302
    kinds = set(ReportEvidence.objects.values_list("content_type", flat=True))
    assert kinds == {
        "application/pdf",
        "image/png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "",
    }
    link = ReportEvidence.objects.get(link__startswith="https")
    remove = {"remove_evidence": [str(link.pk)]}
    assert client.post(form_url(world), report_post(world, **remove)).status_code == 302
    assert ReportEvidence.objects.count() == 3


# --- contributions and money ---------------------------------------------------------------


def test_the_lead_bodys_report_shows_the_co_executors_contribution(client, world):
    co_reporter = world.users["co_reporter"]
    client = as_user(client, co_reporter)
    response = client.post(
        form_url(world),
        report_post(
            world,
            action="submit",
            text_ru="Вклад: проектная документация",
            spent_republican_0="",
            extra_source_0="local",
            extra_amount_0="75",
        ),
    )
    assert response.status_code == 302
    lead = lead_report(world)
    client = as_user(client, world.users["editor"])
    page = client.get(f"/en/reports/{lead.pk}/").content.decode()
    assert "Contributions of the co-executors" in page
    assert "Вклад: проектная документация" in page
    assert co_reporter.profile.body.name in page
    contribution = ProgressReport.objects.get(reporting_body=co_reporter.profile.body)
    assert "The lead body" in client.get(f"/en/reports/{contribution.pk}/").content.decode()
    mine = as_user(client, co_reporter).get("/en/reports/mine/").content.decode()
    assert "co-executor: your contribution" in mine


def independent_spending(measure_id: int) -> dict:
    """Each body's latest accepted year-to-date figure per (year, source), summed over bodies,
    computed in plain SQL apart from the service."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT year, source, SUM(amount) FROM (
                SELECT DISTINCT ON (r.reporting_body_id, p.year, s.source, s.donor_id)
                       p.year AS year, s.source AS source, s.amount AS amount
                FROM measures_reportspending s
                JOIN measures_progressreport r ON r.id = s.report_id
                JOIN measures_reportingperiod p ON p.id = r.period_id
                WHERE r.measure_id = %s AND r.status = 'accepted'
                ORDER BY r.reporting_body_id, p.year, s.source, s.donor_id,
                         p."end" DESC, r.reviewed_at DESC, r.id DESC
            ) latest GROUP BY year, source
            """,
            [measure_id],
        )
        return {(year, source): total for year, source, total in cursor.fetchall()}


def test_accepted_figures_equal_independent_sql_sums(client, world):
    measure, editor = world.measure, world.users["editor"]
    co_body = world.users["co_reporter"].profile.body
    plan = [
        # body, year, half, status, source, amount (since 1 January)
        (measure.lead_body, 2025, 1, ReportStatus.SUBMITTED, "republican", "300"),
        (measure.lead_body, 2025, 2, ReportStatus.SUBMITTED, "republican", "800"),
        (measure.lead_body, 2026, 1, ReportStatus.SUBMITTED, "republican", "120"),
        (co_body, 2025, 2, ReportStatus.SUBMITTED, "local", "75"),
        (co_body, 2026, 1, ReportStatus.SUBMITTED, "local", "20"),
        (measure.lead_body, 2026, 2, ReportStatus.DRAFT, "republican", "999"),
    ]
    reports = []
    for body, year, half, status, source, amount in plan:
        report = ProgressReportFactory(
            measure=measure,
            reporting_body=body,
            year=year,
            number=half,
            status=status,
            execution="partly_done",
        )
        ReportSpendingFactory(report=report, source=source, amount=Decimal(amount))
        reports.append(report)
    client = as_user(client, editor)
    for report in reports[:5]:
        assert (
            client.post(f"/en/reports/{report.pk}/review/", {"action": "accept"}).status_code == 302
        )
    lines = {
        (line.year, line.source): line.actual_amount
        for line in FundingLine.objects.filter(measure=measure, actual_amount__isnull=False)
    }
    assert lines == independent_spending(measure.pk)
    assert lines == {
        (2025, "republican"): Decimal("800.0"),
        (2025, "local"): Decimal("75.0"),
        (2026, "republican"): Decimal("120.0"),
        (2026, "local"): Decimal("20.0"),
    }
    # Sources the plan did not fund that year get a line planned at 0.
    assert FundingLine.objects.get(measure=measure, year=2025, source="local").planned_amount == 0


def test_the_plan_editor_cannot_type_or_drop_spent_money(client, world):
    measure = world.measure
    report = lead_report(world)
    ReportSpendingFactory(report=report, source=FundingSource.REPUBLICAN, amount=Decimal("250"))
    client = as_user(client, world.users["editor"])
    client.post(f"/en/reports/{report.pk}/review/", {"action": "accept"})
    line = FundingLine.objects.get(measure=measure)
    assert line.actual_amount == Decimal("250.0")

    edit_url = f"/en/plan/REG-T/{measure.number}/edit/"
    measure.refresh_from_db()
    data = measure_post_data(measure)
    data["funding-0-actual_amount"] = "999"  # an old form or a crafted request
    data["funding-0-planned_amount"] = "1200"
    assert client.post(edit_url, data).status_code == 302
    line.refresh_from_db()
    assert (line.planned_amount, line.actual_amount) == (Decimal("1200.0"), Decimal("250.0"))

    measure.refresh_from_db()
    data = measure_post_data(measure)
    data["funding-0-DELETE"] = "on"
    response = client.post(edit_url, data)
    assert response.status_code == 200
    assert "accepted reports record money spent on it" in response.content.decode()
    assert FundingLine.objects.filter(pk=line.pk).exists()


def test_accepting_updates_the_measures_actuals_and_status_at_once(client, world):
    report = lead_report(world, year=2025, number=2)
    indicator = world.measure.indicators.get()
    IndicatorActual.objects.create(
        report=report, indicator=indicator, year=2025, value=Decimal("12")
    )
    before = client.get("/en/plan/REG-T/2.1.1/").content.decode()
    assert "120 %" not in before
    as_user(client, world.users["editor"]).post(
        f"/en/reports/{report.pk}/review/", {"action": "accept"}
    )
    page = client.get("/en/plan/REG-T/2.1.1/").content.decode()
    assert '<progress max="100" value="100">120 %</progress>' in page
