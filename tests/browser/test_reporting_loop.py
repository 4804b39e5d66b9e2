"""The reporting loop in a real browser: a reporter lands on My work, files a due report with an
indicator value, money spent and a PDF; the editor lands on My work, returns it from the review
queue with a comment; the reporter sees the comment, corrects and resubmits; the editor accepts;
the measure's public page shows the new actual and the progress. Screenshots at 1366 and 390 px."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from measures.models import FundingSource, ProgressReport, ReportingPeriod, ReportStatus
from meetings.models import MeetingStatus, MemberRole, ProposalStatus
from programs.models import ProgrammeStatus
from programs.roles import MEMBERS, PARTNERS, REPORTERS, SECRETARIAT
from regionalprogram.api.models import ApiToken
from tests.browser.conftest import login, screenshot
from tests.edit_helpers import editor_of, user_in
from tests.factories import (
    BodyFactory,
    DecisionFactory,
    DirectionFactory,
    FundingLineFactory,
    IndicatorTargetFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    MeetingFactory,
    MemberFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    ProposalFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
RETURN_COMMENT = "Attach the acceptance act and give the kilometres per district."


def small_pdf(text: str) -> bytes:
    """A real one-page PDF with a line of text: objects, cross-reference table and trailer,
    written out by hand so that any reader opens it."""
    content = f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def sideways_scroll(page) -> int:
    """How many pixels the page is wider than the screen (0: no sideways scrolling)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def shoot(page, name: str) -> None:
    """The page at desktop width, then at phone width, where it must not scroll sideways."""
    page.set_viewport_size(WIDE)
    screenshot(page, f"{name}-1366")
    page.set_viewport_size(PHONE)
    assert sideways_scroll(page) <= 0, f"{name} scrolls sideways at 390 px"
    screenshot(page, f"{name}-390")
    page.set_viewport_size(WIDE)


@pytest.fixture
def loop():
    today = timezone.localdate()
    programme = ProgrammeFactory(
        code="REG-LOOP",
        status=ProgrammeStatus.IN_IMPLEMENTATION,
        period_start_year=today.year - 1,
        period_end_year=today.year + 4,
        title_en="State Programme for the development of the regions",
        short_title_en="Regional development",
    )
    direction = DirectionFactory(programme=programme, number="3", title_en="Rural infrastructure")
    body = BodyFactory(name_en="Ministry of Transport and Communications", short_name_en="MTC")
    period = ReportingPeriod.objects.get(
        cycle__programme=programme, start__lte=today, end__gte=today
    )
    # The measure starts with the current period: this period's report is its first one due.
    measure = MeasureFactory(
        objective=ObjectiveFactory(direction=direction, number="3.1", title_en="Roads"),
        number="3.1.1",
        title_en="Repair of local roads between ayil aimaks",
        lead_body=body,
        deadline_text=f"{period.start:%d.%m.%Y} – 31.12.{today.year + 4}",
        deadline_kind="period",
        deadline_start=period.start,
        deadline_end=datetime.date(today.year + 4, 12, 31),
    )
    indicator = MeasureIndicatorFactory(
        measure=measure,
        name_en="Local roads repaired",
        unit_of_measure_en="km",
        baseline_value=Decimal("0"),
        baseline_year=today.year - 2,
    )
    IndicatorTargetFactory(indicator=indicator, year=today.year, target_value=Decimal("20"))
    FundingLineFactory(
        measure=measure,
        year=today.year,
        source=FundingSource.REPUBLICAN,
        planned_amount=Decimal("500.0"),
    )
    # Another body's measure whose deadline, the second quarter of last year, has passed undone.
    MeasureFactory(
        objective=measure.objective,
        number="3.1.2",
        title_en="Inventory of the local road network",
        lead_body=BodyFactory(name_en="State Agency for Local Self-Government"),
        deadline_text=f"II квартал {today.year - 1}",
        deadline_kind="once",
        deadline_start=datetime.date(today.year - 1, 4, 1),
        deadline_end=datetime.date(today.year - 1, 6, 30),
    )
    reporter = user_in(REPORTERS, username="reporter", first_name="Aida", last_name="Osmonova")
    reporter.profile.body = body
    reporter.profile.save()
    editor_of(programme, username="editor")
    return {"measure": measure, "indicator": indicator, "period": period, "today": today}


def test_a_report_goes_from_the_reporter_to_the_editor_and_onto_the_measure_page(
    live_server, new_page, tmp_path, loop
):
    measure, period, indicator = loop["measure"], loop["period"], loop["indicator"]
    year = loop["today"].year
    form_url = f"/en/reports/measure/{measure.pk}/period/{period.pk}/"
    evidence = tmp_path / "acceptance-act.pdf"
    evidence.write_bytes(small_pdf("Acceptance act: 12 km of local roads repaired"))

    # The reporter logs in and lands on My work, with the report due.
    reporter = new_page(viewport=WIDE)
    login(reporter, live_server, "reporter")
    assert reporter.url == f"{live_server.url}/en/my-work/"
    assert reporter.get_by_role("heading", name="Reports of my body").is_visible()
    shoot(reporter, "loop-01-reporter-my-work")
    reporter.locator(f'a[href="{form_url}"]').click()
    reporter.wait_for_load_state()

    # ...files it: what was done, the indicator's value, money spent and the evidence.
    reporter.select_option("select[name=language]", "en")
    reporter.fill("textarea[name=text_en]", "Repaired 12 km of the road between two ayil aimaks.")
    reporter.check("input[name=execution][value=partly_done]")
    reporter.fill("input[name=percent_complete]", "60")
    reporter.fill(f"input[name=actual_{indicator.pk}_{year}_0]", "12")
    reporter.fill("input[name=spent_republican_0]", "150.5")
    reporter.set_input_files("input[name=evidence_files]", str(evidence))
    shoot(reporter, "loop-02-report-form")
    reporter.get_by_role("button", name="Submit for review").click()
    reporter.wait_for_load_state()
    assert reporter.get_by_text("The report has been submitted for review.").is_visible()
    assert reporter.get_by_role("link", name="acceptance-act.pdf").is_visible()
    report = ProgressReport.objects.get(measure=measure, period=period)
    assert report.status == ReportStatus.SUBMITTED
    assert report.evidence.get().original_name == "acceptance-act.pdf"

    # The editor logs in, lands on My work and opens the review queue from its count.
    editor = new_page(viewport=WIDE)
    login(editor, live_server, "editor")
    assert editor.url == f"{live_server.url}/en/my-work/"
    waiting = editor.locator(".work-figures a", has_text="Reports waiting for review")
    assert waiting.locator("strong").inner_text() == "1"
    shoot(editor, "loop-03-editor-my-work")
    waiting.click()
    editor.wait_for_load_state()
    assert editor.url.endswith("/en/reports/review/REG-LOOP/?status=submitted")
    shoot(editor, "loop-04-review-queue")
    editor.get_by_role("link", name="3.1.1.").click()
    editor.wait_for_load_state()
    # The evidence is the very file the reporter uploaded.
    with editor.expect_download() as download:
        editor.get_by_role("link", name="acceptance-act.pdf").click()
    assert download.value.path().read_bytes() == evidence.read_bytes()

    # ...returns it with a comment.
    editor.fill("textarea[name=comment]", RETURN_COMMENT)
    editor.get_by_role("button", name="Return with the comment").click()
    editor.wait_for_load_state()
    assert editor.get_by_text("The report has been returned to the reporting body.").is_visible()
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED

    # The reporter sees the comment on My work, corrects the report and submits it again.
    reporter.goto(f"{live_server.url}/en/my-work/")
    returned = reporter.locator(".work-figures a", has_text="Returned for revision")
    assert returned.locator("strong").inner_text() == "1"
    assert reporter.get_by_text(RETURN_COMMENT).first.is_visible()
    shoot(reporter, "loop-05-reporter-returned")
    reporter.locator(f'a[href="{form_url}"]', has_text="Continue the report").click()
    reporter.wait_for_load_state()
    assert reporter.get_by_role("alert").get_by_text(RETURN_COMMENT).is_visible()
    reporter.fill(
        "textarea[name=text_en]",
        "Repaired 14 km of the road between two ayil aimaks: Kara-Suu 9 km, Nookat 5 km. "
        "The acceptance act is attached.",
    )
    reporter.fill("input[name=percent_complete]", "70")
    reporter.fill(f"input[name=actual_{indicator.pk}_{year}_0]", "14")
    reporter.get_by_role("button", name="Submit for review").click()
    reporter.wait_for_load_state()
    assert reporter.get_by_text("The report has been submitted for review.").is_visible()

    # The editor accepts it.
    editor.goto(f"{live_server.url}/en/my-work/")
    editor.locator(".work-figures a", has_text="Reports waiting for review").click()
    editor.get_by_role("link", name="3.1.1.").click()
    editor.wait_for_load_state()
    editor.get_by_role("button", name="Accept").click()
    editor.wait_for_load_state()
    assert editor.get_by_text("The report has been accepted.").is_visible()
    shoot(editor, "loop-06-report-accepted")
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED

    # Anybody, logged out, sees the new actual and the progress on the measure's page.
    public = new_page(viewport=WIDE)
    public.goto(f"{live_server.url}/en/plan/REG-LOOP/3.1.1/")
    row = public.locator("table.indicator-progress tbody tr", has_text=str(year))
    assert row.locator("td").nth(0).inner_text() == "20"  # the target
    assert row.locator("td").nth(1).inner_text() == "14"  # the accepted actual
    assert "70 %" in row.locator("td").nth(2).inner_text()
    assert public.locator("table.funding").get_by_text("spent 150.5").first.is_visible()
    assert public.get_by_role("link", name="Log in").is_visible()
    shoot(public, "loop-07-measure-page")

    # The home page's figures count by that status and open the plan filtered the same way.
    public.goto(f"{live_server.url}/en/")
    figures = public.locator(".key-figures")
    assert (
        figures.locator("a", has_text="Measures in the action plan").locator("strong").inner_text()
        == "2"
    )
    overdue = figures.locator("a", has_text="Overdue measures")
    assert overdue.locator("strong").inner_text() == "1"
    shoot(public, "loop-08-home-figures")
    overdue.click()
    public.wait_for_load_state()
    assert public.get_by_text("1 measure", exact=True).is_visible()
    assert public.get_by_role("link", name="Inventory of the local road network").is_visible()
    assert public.locator(".filter-shortcuts a[aria-current]").inner_text() == "Overdue"
    shoot(public, "loop-09-plan-overdue")


def test_my_work_with_every_section_fits_a_phone(live_server, new_page, loop):
    """One user in every role (an editor who also reports, runs and sits in the working group and
    reads the API), so that every section of My work is on the page, in English and in Kyrgyz."""
    measure = loop["measure"]
    user = editor_of(measure.programme, username="everything")
    for role in (REPORTERS, SECRETARIAT, MEMBERS, PARTNERS):
        user.groups.add(Group.objects.get(name=role))
    user.profile.body = measure.lead_body
    user.profile.last_visit_at = timezone.now() - datetime.timedelta(days=7)
    user.profile.save()
    group = WorkingGroupFactory(
        programme=measure.programme,
        slug="iwg",
        name_en="Interdepartmental working group on regional development",
        name_ky="Региондорду өнүктүрүү боюнча ведомстволор аралык жумушчу топ",
    )
    MemberFactory(group=group, user=user, role=MemberRole.SECRETARY)
    now = timezone.now()
    ProposalFactory(group=group, author=user, title="Growth points need their own budget line")
    ProposalFactory(group=group, status=ProposalStatus.UNDER_REVIEW)
    MeetingFactory(
        group=group,
        number=4,
        status=MeetingStatus.PLANNED,
        starts_at=now + datetime.timedelta(days=10),
        place_en="MEC, room 301",
    )
    held = MeetingFactory(group=group, number=3, starts_at=now - datetime.timedelta(days=20))
    DecisionFactory(
        meeting=held,
        deadline=loop["today"] - datetime.timedelta(days=2),
        text_en="Prepare the list of growth points for the next meeting",
    )
    ApiToken.issue(user=user, name="UNDP regional dashboard")

    page = new_page(viewport=WIDE)
    login(page, live_server, "everything")
    assert page.url == f"{live_server.url}/en/my-work/"
    for heading in (
        "Reports of my body",
        "Programmes I edit",
        "Working group secretariat",
        "My proposals and meetings",
        "Data for partners",
    ):
        assert page.get_by_role("heading", name=heading).is_visible()
    shoot(page, "my-work-every-section-en")
    page.goto(f"{live_server.url}/ky/my-work/")
    assert page.get_by_role("heading", name="Менин ишим").is_visible()
    shoot(page, "my-work-every-section-ky")
