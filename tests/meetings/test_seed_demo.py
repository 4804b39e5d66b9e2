"""seed_demo fills a fresh database with demo content, and running it again changes nothing.

What it invents is flagged sample and marked wherever it shows; the real meeting of 12.06.2024
shows only what the ministry's news states; the monitoring story of the adopted programme has
reports in every state and measures in every computed status, at moments that could have happened.
"""

import datetime as dt
from io import StringIO
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from measures.deadlines import parse_deadline
from measures.models import (
    ComputedStatus,
    IndicatorTarget,
    Measure,
    ProgressReport,
    ReportEvent,
    ReportStatus,
)
from meetings.demo import content as C
from meetings.models import (
    Attendance,
    Decision,
    Meeting,
    Proposal,
    WorkingGroup,
    WorkingGroupMember,
)
from programs.models import Direction, Objective, Programme, ProgrammeTerritory, ResponsibleBody
from regions.models import IndicatorValue

pytestmark = pytest.mark.django_db

BISHKEK = ZoneInfo("Asia/Bishkek")
# The ministry's text as the project ships it (copied from shared/seed/, the CEO's material).
NEWS_FILE = (
    Path(__file__).resolve().parents[2]
    / "meetings"
    / "demo"
    / "news-2024-06-12-working-group-meeting.ky.txt"
)
ACCOUNTS = {
    "admin": set(),
    "editor": {"editors"},
    "secretary": {"secretariat"},
    "member": {"members"},
    "reporter": {"reporters"},
    "partner": {"partners"},
}
DRAFTING_GROUP = "mwg-regional-development-2024"
CURRENT_GROUP = "mwg-high-mountain-2025"
# The meetings that happened (their date and subject are published); every other one is invented.
REAL_MEETINGS = {(DRAFTING_GROUP, 1), (CURRENT_GROUP, 1)}
APPS = {"auth", "regions", "programs", "measures", "meetings"}
LEAD = F("measure__lead_body")


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in APPS
    }


def row_ids() -> dict:
    return {
        model: set(model._default_manager.values_list("pk", flat=True))
        for model in apps.get_models()
        if model._meta.app_label in APPS
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, built once for the module inside a transaction rolled back after it; also which
    rows of every model it wrote.

    Each test runs in its own savepoint within that transaction, so what a test changes is undone
    and nothing of the demo reaches other modules.
    """
    # DEBUG on, as in development (seed_demo refuses otherwise); the test database is not a fresh
    # embedded one of make run, so it takes the opt-in.
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], DEBUG=True
    )
    with django_db_blocker.unblock(), fast, transaction.atomic():
        before = row_ids()
        out = StringIO()
        call_command("seed_demo", "--i-know-this-is-not-production", stdout=out)
        written = {model: ids - before[model] for model, ids in row_ids().items()}
        yield {"output": out.getvalue(), "written": {m: ids for m, ids in written.items() if ids}}
        transaction.set_rollback(True)


# --- repeatable ---------------------------------------------------------------------------------


def report_state() -> list:
    return list(
        ProgressReport.objects.order_by("pk").values_list(
            "pk", "status", "submitted_at", "reviewed_at", "created_at", "percent_complete"
        )
    ) + list(ReportEvent.objects.order_by("pk").values_list("pk", "action", "at", "user_id"))


def test_running_twice_gives_the_same_counts_and_reports(seeded):
    first, reports = counts(), report_state()
    call_command("seed_demo")
    assert counts() == first
    assert report_state() == reports
    assert first["measures.Measure"] >= 30


def measure_state() -> dict:
    return {
        m["pk"]: m for m in Measure.objects.values("pk", "version", "updated_at", "programme_id")
    }


def test_running_twice_moves_no_measure_version_and_writes_no_history(seeded):
    before = measure_state()
    history_before = Measure.history.count()
    call_command("seed_demo")
    assert measure_state() == before
    assert Measure.history.count() == history_before


def test_demo_measures_are_written_through_the_measure_write_path(seeded):
    measure = Measure.objects.filter(sample=True).order_by("pk").first()
    # The seed runs in Kyrgyz: its reason is stored as written then.
    assert measure.history.earliest("history_date").history_change_reason == "үлгү маалымат"
    # Changed behind the portal's back: the next seed puts it back, as a new version.
    Measure.objects.filter(pk=measure.pk).update(status="cancelled")
    version = measure.version
    call_command("seed_demo")
    measure.refresh_from_db()
    assert measure.status != "cancelled"
    assert measure.version == version + 1
    latest = measure.history.latest("history_date")
    assert (latest.version, latest.history_user) == (version + 1, None)


def test_a_sample_report_changed_behind_the_portals_back_is_filed_again(seeded):
    report = ProgressReport.objects.filter(status=ReportStatus.ACCEPTED).order_by("pk").first()
    key = (report.measure_id, report.reporting_body_id, report.period_id)
    steps = list(report.events.values_list("action", "at"))
    ProgressReport.objects.filter(pk=report.pk).update(percent_complete=1)
    call_command("seed_demo")
    again = ProgressReport.objects.get(
        measure_id=key[0], reporting_body_id=key[1], period_id=key[2]
    )
    assert again.percent_complete == report.percent_complete
    assert again.sample and list(again.events.values_list("action", "at")) == steps


def test_a_report_someone_filed_in_the_portal_is_left_alone(seeded):
    report = ProgressReport.objects.filter(status=ReportStatus.ACCEPTED).order_by("pk").first()
    ProgressReport.objects.filter(pk=report.pk).update(sample=False, percent_complete=1)
    call_command("seed_demo")
    report.refresh_from_db()
    assert (report.sample, report.percent_complete) == (False, 1)


# --- accounts and programmes ------------------------------------------------------------------


def test_the_six_accounts_log_in_with_their_roles(seeded, client):
    User = get_user_model()
    for username, groups in ACCOUNTS.items():
        user = User.objects.get(username=username)
        assert set(user.groups.values_list("name", flat=True)) == groups
        assert user.email == f"{username}@example.kg"
        assert client.login(username=username, password="demo12345"), username
        client.logout()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    editor = User.objects.get(username="editor")
    assert not editor.is_staff
    assert editor.profile.body.short_name_en == "MEC"
    assert set(editor.profile.programmes.values_list("code", flat=True)) == {
        "REG-2024-2028",
        "REG-2025-2030",
    }
    assert editor.has_perm("programs.view_draft_programme")
    assert User.objects.get(username="reporter").has_perm("measures.add_progressreport")
    assert not User.objects.get(username="partner").has_perm("measures.add_progressreport")
    assert "demo12345" in seeded["output"]
    for username in ACCOUNTS:
        assert username in seeded["output"]


def test_the_other_bodies_reporting_officers_cannot_log_in(seeded, client):
    User = get_user_model()
    for username, _first, _last in C.REPORTING_OFFICERS.values():
        user = User.objects.get(username=username)
        assert not user.has_usable_password()
        assert user.has_perm("measures.add_progressreport")
        assert not client.login(username=username, password="demo12345")


def test_the_reporter_reports_for_a_body_that_leads_measures_of_the_adopted_programme(seeded):
    reporter = get_user_model().objects.get(username="reporter")
    led = Measure.objects.filter(programme__code="REG-2025-2030", lead_body=reporter.profile.body)
    assert led.count() >= 3
    assert ProgressReport.objects.filter(author=reporter).exists()


def test_secretary_and_member_sit_in_both_working_groups(seeded):
    for slug in (DRAFTING_GROUP, CURRENT_GROUP):
        group = WorkingGroup.objects.get(slug=slug)
        assert group.members.count() >= 10
        assert group.members.get(user__username="secretary").role == "secretary"
        assert group.members.get(user__username="member").body.short_name_en == "MoF"
        assert group.members.filter(role="chair").count() == 1
    drafting = WorkingGroup.objects.get(slug=DRAFTING_GROUP)
    assert drafting.founding_act.number == "4"
    assert drafting.programme.code == "REG-2024-2028"
    current = WorkingGroup.objects.get(slug=CURRENT_GROUP)
    assert current.founding_act is None  # not published: none is invented
    assert current.programme.code == "HRB-2026-2030" and current.programme.status == "draft"
    # In 2025 the members' bodies are those of 2025.
    assert not current.members.filter(body__valid_to__isnull=False).exists()


def test_the_draft_is_superseded_by_the_adopted_programme(seeded):
    draft = Programme.objects.get(code="REG-2024-2028")
    adopted = Programme.objects.get(code="REG-2025-2030")
    assert draft.status == "superseded"
    assert draft.superseded_by == adopted
    assert adopted.status == "in_implementation"
    assert adopted.reporting_period == "half_year" and adopted.report_due_day == 15
    assert set(adopted.act_links.values_list("legal_act__number", "role")) == {
        ("135", "adoption"),
        ("350", "basis"),
    }
    assert set(draft.act_links.values_list("legal_act__number", "role")) == {
        ("350", "basis"),
        ("4", "working_group"),
    }
    assert draft.title_ky.startswith("2024–2028-жылдарга Кыргыз Республикасынын региондорун")
    assert adopted.directions.count() >= 3


def test_the_adopted_programme_is_named_of_the_kyrgyz_republic(seeded):
    adopted = Programme.objects.get(code="REG-2025-2030")
    assert "регионов Кыргызской Республики на 2025–2030 годы" in adopted.title_ru
    assert "of the Regions of the Kyrgyz Republic" in adopted.title_en
    assert adopted.title_ky.startswith("Кыргыз Республикасынын региондорун")
    act = adopted.act_links.get(role="adoption").legal_act
    assert "Кыргызской Республики" in act.title_ru


def test_the_invented_growth_points_programme_is_gone(seeded):
    assert not Programme.objects.filter(code__in=C.RETIRED_PROGRAMMES).exists()
    assert not Programme.objects.filter(title_ru__icontains="точек роста").exists()


def test_bodies_are_as_of_today(seeded):
    gosstroy = ResponsibleBody.objects.get(short_name_en="Gosstroy")
    ministry = gosstroy.successor
    assert gosstroy.valid_to == dt.date(2025, 2, 10)
    assert ministry.valid_from == dt.date(2025, 2, 11)
    assert ministry.name_ru.startswith("Министерство строительства, архитектуры и жилищно")
    agriculture = ResponsibleBody.objects.get(short_name_en="MoA")
    assert agriculture.valid_to is not None
    assert agriculture.successor.name_ru.startswith("Министерство водных ресурсов, сельского")
    # No act number is known for either reorganisation: none is invented.
    assert gosstroy.reorganisation_act is None and agriculture.reorganisation_act is None
    partnership = ResponsibleBody.objects.get(name_en__startswith="Partnership")
    assert partnership.name_ru == (
        "Партнёрство «За развитие местного самоуправления в Кыргызской Республике»"
    )
    assert ResponsibleBody.objects.filter(name_en__startswith="Partnership").count() == 1
    # The adopted programme (18.03.2025) names only bodies that existed then or exist now.
    adopted = Measure.objects.filter(programme__code="REG-2025-2030")
    adoption = dt.date(2025, 3, 18)
    assert not adopted.filter(lead_body__valid_to__lt=adoption).exists()
    assert not adopted.filter(executors__body__valid_to__lt=adoption).exists()
    # The draft of 2024 may keep the body of its time.
    assert Measure.objects.filter(programme__code="REG-2024-2028", lead_body=gosstroy).exists()


# --- the action plan ----------------------------------------------------------------------------


def test_sample_measures_have_parseable_deadlines_and_plan_content(seeded):
    measures = Measure.objects.filter(sample=True).select_related("programme")
    assert measures.filter(programme__code="REG-2025-2030").count() == 30
    for measure in measures:
        parsed = parse_deadline(
            measure.deadline_text,
            period_start_year=measure.programme.period_start_year,
            period_end_year=measure.programme.period_end_year,
        )
        assert (measure.deadline_kind, measure.deadline_start, measure.deadline_end) == parsed
        assert measure.title_ky and measure.title_ru and measure.title_en
    kinds = set(measures.values_list("deadline_kind", flat=True))
    assert kinds == {"once", "period", "annual", "continuous"}
    adopted = measures.filter(programme__code="REG-2025-2030")
    assert adopted.overdue().exists()
    assert len(set(adopted.values_list("status", flat=True))) >= 4
    sources = set(adopted.values_list("funding_lines__source", flat=True))
    assert {"republican", "local", "donor", "private", "within_budget"} <= sources
    assert adopted.filter(executors__in_coordination=True).exists()
    assert adopted.filter(indicators__targets__isnull=False).distinct().count() >= 15
    oblasts_targeted = set(
        adopted.filter(target_units__level="oblast").values_list("target_units__soate", flat=True)
    )
    assert len(oblasts_targeted) == 7


def test_indicator_targets_are_written_as_official_targets_are(seeded):
    for target in IndicatorTarget.objects.filter(indicator__measure__sample=True).select_related(
        "indicator"
    ):
        unit = target.indicator.unit_of_measure_en
        places = 1 if unit in ("%", "km") else 0
        assert target.target_value == round(target.target_value, places), (unit, target)


def test_measure_querysets_count_their_sample_rows(seeded):
    adopted = Measure.objects.filter(programme__code="REG-2025-2030")
    assert adopted.samples().count() == adopted.filter(sample=True).count() == 30


def test_statistics_are_exactly_those_of_the_domain_notes(seeded):
    values = {
        (v.indicator.code, v.unit.name_en, v.year): str(v.value.normalize())
        for v in IndicatorValue.objects.select_related("indicator", "unit")
    }
    assert values[("grp-per-capita", "Bishkek City", 2020)] == "212"
    assert values[("grp-per-capita", "Issyk-Kul Region", 2020)] == "176.5"
    assert values[("extreme-poverty-rate", "Batken Region", 2021)] == "10.1"
    assert values[("extreme-poverty-rate", "Osh Region", 2021)] == "2.1"
    assert len(values) == 15


# --- every invented record is flagged ---------------------------------------------------------

# Rows the demo writes whose model has no flag of its own: they belong to a flagged row.
CHILD_OF = {
    "measures.MeasureExecutor": "measure",
    "measures.FundingLine": "measure",
    "measures.FundingAllocation": "line__measure",
    "measures.MeasureIndicator": "measure",
    "measures.IndicatorTarget": "indicator__measure",
    "measures.IndicatorActual": "report",
    "measures.ReportSpending": "report",
    "measures.ReportEvidence": "report",
    "measures.Measure_target_units": "measure",
    "meetings.AgendaItem": "meeting",  # of a real meeting: its subject, from the sources
    "meetings.ProposalEvent": "proposal",  # the sample proposal sent through proposal_submit
}
# What the demo writes that is fact or configuration, not invention.
FACTS = {
    "programs.LegalAct": "the acts, with the dates and numbers of the sources",
    "programs.ResponsibleBody": "real bodies and their reorganisations",
    "programs.Programme": "real programmes, named and dated by the sources",
    "programs.ProgrammeLegalAct": "which act adopted or founded which programme",
    "regions.IndicatorValue": "the National Statistical Committee's figures of DOMAIN.md §5",
    "measures.ReportingCycle": "the reporting rule (Res. 80) and the ministry's internal cycle",
    "measures.ReportingPeriod": "periods follow from a cycle and the programme period",
    "auth.User": "the demo accounts",
    "auth.User_groups": "the demo accounts' roles",
    "programs.Profile": "the demo accounts' bodies",
    "programs.Profile_programmes": "the editor's programmes",
    "meetings.DemoDatabase": "the mark that this database holds the demo",
}


def test_every_record_the_demo_invents_is_flagged_sample(seeded):
    unclassified = []
    for model, ids in seeded["written"].items():
        label = model._meta.label
        rows = model._default_manager.filter(pk__in=ids)
        if label.split(".")[1].startswith("Historical"):
            continue  # the change history of what the demo wrote
        if label in FACTS:
            continue
        if label in CHILD_OF:
            path = CHILD_OF[label]
            flagged = rows.filter(**{f"{path}__sample": True})
            if label == "meetings.AgendaItem":
                real = [
                    item
                    for item in rows.exclude(pk__in=flagged).select_related("meeting__group")
                    if (item.meeting.group.slug, item.meeting.number) in REAL_MEETINGS
                ]
                flagged = list(flagged) + real
            assert len(flagged) == len(ids), label
            continue
        if any(field.name == "sample" for field in model._meta.get_fields()):
            unflagged = rows.filter(sample=False)
            if label == "meetings.Meeting":
                keys = {(m.group.slug, m.number) for m in unflagged.select_related("group")}
                assert keys == REAL_MEETINGS
            elif label == "meetings.WorkingGroup":
                # Two real groups (MEC order No. 4; 24.kg 12.11.2025); the third is invented.
                slugs = set(unflagged.values_list("slug", flat=True))
                assert slugs == {DRAFTING_GROUP, CURRENT_GROUP}
            else:
                assert not unflagged.exists(), label
            continue
        unclassified.append(label)
    assert unclassified == [], "say whether these are invented (flag them) or fact (FACTS)"
    # Every kind the review named as invented is there, flagged.
    for model in (
        Direction,
        Objective,
        ProgrammeTerritory,
        Measure,
        ProgressReport,
        ReportEvent,
        WorkingGroupMember,
        Attendance,
        Decision,
        Proposal,
    ):
        assert model.objects.filter(sample=True).exists(), model
    assert Meeting.objects.filter(sample=True).count() == 3


# --- the sample working group on the adopted plan (issue 12) --------------------------------------


def test_a_sample_group_works_on_the_adopted_plan(seeded, client):
    group = WorkingGroup.objects.get(slug=C.PLAN_GROUP["slug"])
    assert group.sample and group.founding_act is None
    assert group.programme.code == "REG-2025-2030" and group.programme.status != "draft"
    members = group.members.all()
    assert members.count() == len(C.PLAN_GROUP["members"]) >= 3
    assert all(m.sample for m in members)
    formed = {m.date_from for m in members}
    assert len(formed) == 1 and formed.pop() > dt.date(2025, 3, 18)  # after the adoption
    meeting = group.meetings.get()
    assert meeting.sample and meeting.status == "held"
    assert members[0].date_from < timezone.localdate(meeting.starts_at) < timezone.localdate()
    assert meeting.agenda_items.count() == 2
    proposal = group.proposals.get()
    assert proposal.sample and proposal.status == "submitted"
    assert proposal.programme == group.programme
    assert proposal.measure.programme == group.programme
    assert proposal.submitted_at > meeting.starts_at
    assert proposal.author.username == "member"
    assert list(proposal.events.values_list("status_to", flat=True)) == ["submitted"]
    # Marked where it shows: the list of groups and its own page.
    for url in (reverse("meetings:group_list"), group.get_absolute_url()):
        with translation.override("en"):
            page = client.get(url).content.decode()
        assert 'class="sample-flag"' in page
    with translation.override("en"):
        page = client.get(group.get_absolute_url()).content.decode()
    assert "An invented working group" in page
    api = client.get(f"/api/v1/working-groups/{group.slug}/")
    assert api.status_code == 200 and api.json()["sample"] is True
    real = client.get(f"/api/v1/working-groups/{DRAFTING_GROUP}/").json()
    assert real["sample"] is False


# --- the real meeting of 12.06.2024 -----------------------------------------------------------


def news_body(text: str) -> str:
    """The article as the ministry wrote it: paragraphs 2..n, without the site's chrome."""
    chrome = {"Новости", "13-Июнь 2024-ж.", "1242", "Предложения по улучшению сайта"}
    chrome.add("Онлайн кайрылуу")
    paragraphs = [" ".join(line.split()) for line in text.splitlines()[1:]]
    return "\n\n".join(p for p in paragraphs if p and p not in chrome)


def test_meeting_news_in_kyrgyz_is_the_ministrys_text(seeded):
    source = NEWS_FILE.read_text(encoding="utf-8")
    meeting = Meeting.objects.get(group__slug=DRAFTING_GROUP, number=1)
    assert meeting.news_title_ky == source.splitlines()[0].strip()
    assert meeting.news_text_ky == news_body(source)
    assert meeting.news_text_ky.startswith("2024-жылдын 12-июнунда")
    assert meeting.news_text_ky.endswith("катышуусу менен уюштурулду.")
    assert "  " not in meeting.news_text_ky and "\u00a0" not in meeting.news_text_ky
    assert "1242" not in meeting.news_text_ky and "Онлайн" not in meeting.news_text_ky
    assert meeting.news_text_ru.startswith("12 июня 2024 года")
    assert meeting.news_text_en.startswith("On 12 June 2024")
    assert meeting.news_published_at.date().isoformat() == "2024-06-13"
    assert Meeting.objects.published().filter(pk=meeting.pk).exists()


def test_the_real_meeting_holds_only_what_the_news_states(seeded):
    meeting = Meeting.objects.get(group__slug=DRAFTING_GROUP, number=1)
    assert not meeting.sample
    assert meeting.status == "held" and meeting.minutes_status == "none"
    assert not (
        meeting.minutes_summary_ky or meeting.minutes_summary_ru or meeting.minutes_approved_at
    )
    assert not (meeting.place_ky or meeting.place_ru or meeting.place_en or meeting.ends_at)
    assert not meeting.attendance.exists() and not meeting.decisions.exists()
    for item in meeting.agenda_items.all():
        assert not (item.minutes_text_ky or item.minutes_text_ru or item.presenter_body_id)
    # The draft's group plans nothing after its draft was superseded.
    assert not Meeting.objects.filter(group__slug=DRAFTING_GROUP, status="planned").exists()


@pytest.mark.parametrize("username", [None, "secretary"])
@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_real_meetings_page_shows_no_unmarked_invented_content(seeded, client, lang, username):
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    meeting = Meeting.objects.get(group__slug=DRAFTING_GROUP, number=1)
    with translation.override(lang):
        url = meeting.get_absolute_url()
    page = client.get(url).content.decode()
    assert getattr(meeting, f"news_text_{lang}").split("\n")[0] in page
    for full_name, *_rest in C.MEMBERS:
        assert full_name not in page
    assert 'aria-labelledby="attendance-heading"' not in page
    # The proposals the news says were worked out there are shown, each marked as sample.
    shown = [p for p in Proposal.objects.filter(agenda_item__meeting=meeting) if p.title in page]
    assert shown and all(p.sample for p in shown)
    assert page.count('class="sample-flag"') == len(shown)


def test_what_an_earlier_demo_invented_on_the_real_meeting_goes_and_nothing_else(seeded):
    meeting = Meeting.objects.get(group__slug=DRAFTING_GROUP, number=1)
    member = meeting.group.members.first()
    mec = ResponsibleBody.objects.get(short_name_en="MEC")
    Attendance.objects.create(meeting=meeting, member=member, body=member.body)
    Attendance.objects.create(meeting=meeting, body=mec, attendee_name="Партнёрство үчүн өкүл")
    recorded = Attendance.objects.create(meeting=meeting, body=mec, attendee_name="Recorded")
    Decision.objects.create(
        meeting=meeting, number="2", text_ky=C.RETIRED_ON_MEETING_1["decisions"][1]
    )
    Meeting.objects.create(
        group=meeting.group,
        number=2,
        starts_at=timezone.now() + dt.timedelta(days=40),
        online_link=C.RETIRED_ON_MEETING_1["meeting_2_link"],
    )
    call_command("seed_demo")
    assert list(meeting.attendance.all()) == [recorded]
    assert not meeting.decisions.exists()
    assert not Meeting.objects.filter(group=meeting.group, number=2).exists()


def test_no_answer_cites_an_act_the_sources_do_not_support(seeded):
    for proposal in Proposal.objects.all():
        assert "350" not in proposal.answer


# --- monitoring -------------------------------------------------------------------------------


def test_reports_in_every_state_and_measures_in_every_computed_status(seeded):
    assert set(ProgressReport.objects.values_list("status", flat=True)) == set(ReportStatus.values)
    adopted = Measure.objects.filter(programme__code="REG-2025-2030").with_computed_status()
    assert set(adopted.values_list("computed_status", flat=True)) == set(ComputedStatus.values)
    returned = ProgressReport.objects.get(status=ReportStatus.RETURNED)
    assert returned.review_comment
    assert returned.events.filter(action="returned", comment=returned.review_comment).exists()
    # A report that went back once, was corrected and accepted.
    corrected = ProgressReport.objects.filter(
        status=ReportStatus.ACCEPTED, events__action="returned"
    ).distinct()
    assert corrected.exists()
    assert list(corrected.first().events.values_list("action", flat=True)) == [
        "created",
        "submitted",
        "returned",
        "submitted",
        "accepted",
    ]


def test_accepted_reports_carry_actuals_and_spending_and_the_money_reaches_the_plan(seeded):
    accepted = ProgressReport.objects.filter(status=ReportStatus.ACCEPTED, reporting_body=LEAD)
    assert accepted.filter(actuals__isnull=False).exists()
    assert accepted.filter(spending__isnull=False).exists()
    spent = Measure.objects.filter(
        programme__code="REG-2025-2030", funding_lines__actual_amount__gt=0
    )
    assert spent.exists()


def test_the_last_closed_half_year_report_downloads_in_kyrgyz_and_russian(seeded, client):
    """The demo's closed half-year has accepted reports, and its consolidated report downloads
    for the editor in both languages, counting exactly those reports and marked as sample."""
    import io

    import docx

    from measures.models import ReportingPeriod

    today = timezone.localdate()
    period = (
        ReportingPeriod.objects.filter(
            cycle__programme__code="REG-2025-2030", cycle__kind="half_year", due_date__lt=today
        )
        .order_by("-end")
        .first()
    )
    accepted = ProgressReport.objects.filter(
        period=period, status=ReportStatus.ACCEPTED, reporting_body=LEAD
    ).count()
    assert accepted > 0
    client.force_login(get_user_model().objects.get(username="editor"))
    for lang, label in (
        ("ru", "Принято отчётов о ходе выполнения ответственных исполнителей"),
        ("ky", "Кабыл алынган башкы аткаруучулардын аткаруу боюнча отчеттору"),
    ):
        url = f"/{lang}/reports/consolidated/REG-2025-2030/{period.pk}/download/{lang}/"
        response = client.get(url)
        assert response.status_code == 200
        document = docx.Document(io.BytesIO(response.content))
        figures = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
        assert figures[label] == str(accepted)
        assert document.sections[0].header.paragraphs[0].text  # the sample mark on every page


def test_a_co_executor_contributes_and_the_editor_overrides_a_status_with_a_reason(seeded):
    contributions = ProgressReport.objects.exclude(reporting_body=LEAD).select_related("measure")
    assert contributions.filter(status=ReportStatus.ACCEPTED).exists()
    for report in contributions:
        assert report.measure.executors.filter(body=report.reporting_body).exists()
    overridden = Measure.objects.exclude(status_override="").with_computed_status()
    assert overridden.count() == 1
    measure = overridden.get()
    assert measure.status_override_reason
    assert measure.status_override_by.username == "editor"
    assert measure.effective_status != measure.computed_status


def check_chronology(now: dt.datetime) -> None:
    """Reports: begun, submitted after the period ended, reviewed after the submission, all before
    now, each step by the body's reporter or the editor; proposals submitted before the meeting
    that discussed them and before their answer; meetings in the order of their numbers."""
    reports = ProgressReport.objects.select_related("period", "measure").prefetch_related(
        "events__user__profile"
    )
    for report in reports:
        events = list(report.events.all())
        assert [e.at for e in events] == sorted(e.at for e in events)
        assert events[0].action == "created" and events[-1].at <= now
        assert report.created_at == events[0].at
        assert report.period.start <= timezone.localdate(report.created_at, BISHKEK)
        if report.submitted_at:
            assert timezone.localdate(report.submitted_at, BISHKEK) > report.period.end
            assert report.created_at < report.submitted_at <= now
        if report.reviewed_at:
            assert report.submitted_at < report.reviewed_at <= now
        for event in events:
            if event.action in ("created", "submitted"):
                assert event.user.profile.body_id == report.reporting_body_id
            else:
                assert event.user.username == "editor"
    for proposal in Proposal.objects.select_related("agenda_item__meeting"):
        assert proposal.submitted_at <= now
        if proposal.answered_at:
            assert proposal.submitted_at < proposal.answered_at <= now
        if proposal.agenda_item:
            assert proposal.submitted_at < proposal.agenda_item.meeting.starts_at
    for group in WorkingGroup.objects.all():
        starts = list(group.meetings.order_by("number").values_list("starts_at", flat=True))
        assert starts == sorted(starts)
    for meeting in Meeting.objects.filter(minutes_approved_at__isnull=False):
        assert meeting.starts_at < meeting.minutes_approved_at <= now


def test_everything_happened_in_a_possible_order(seeded):
    check_chronology(timezone.now())
    late = ProgressReport.objects.filter(
        status=ReportStatus.SUBMITTED, measure__number__in=C.SUBMITTED_LATE
    )
    for report in late:
        assert timezone.localdate(report.submitted_at, BISHKEK) > report.period.due_date


@pytest.mark.parametrize("day", ["2027-01-05", "2027-07-20"])
def test_on_a_later_day_the_story_moves_on_and_stays_possible(seeded, day):
    """Run on another day, the seed tells the story as of that day: open and closed periods are
    those of the day, every state and status is still there, and nothing is dated after it."""
    today = dt.date.fromisoformat(day)
    now = dt.datetime(today.year, today.month, today.day, 8, 0, tzinfo=BISHKEK)
    with mock.patch("django.utils.timezone.now", return_value=now):
        call_command("seed_demo")
        adopted = Measure.objects.filter(programme__code="REG-2025-2030").with_computed_status()
        assert set(adopted.values_list("computed_status", flat=True)) == set(ComputedStatus.values)
        assert set(ProgressReport.objects.values_list("status", flat=True)) == set(
            ReportStatus.values
        )
        check_chronology(now)
        due_before = ProgressReport.objects.filter(period__due_date__lt=today)
        assert due_before.filter(status=ReportStatus.ACCEPTED).exists()
        assert not ProgressReport.objects.filter(period__start__gt=today).exists()


# --- the working groups -----------------------------------------------------------------------


def test_the_current_group_holds_the_sample_meetings_decisions_and_the_next_meeting(seeded):
    meetings = Meeting.objects.filter(group__slug=CURRENT_GROUP)
    first = meetings.get(number=1)
    assert not first.sample and first.starts_at.date() == dt.date(2025, 11, 12)
    held = meetings.get(number=2)
    assert held.sample and held.status == "held" and held.starts_at < timezone.now()
    assert held.attendance.filter(present=False).exists()
    assert held.attendance.filter(member__isnull=True, attendee_name="Партнёрлук өкүлү").exists()
    assert Decision.objects.overdue().filter(meeting=held).exists()
    assert held.decisions.filter(status="done").exists()
    planned = meetings.get(number=3)
    assert planned.sample and planned.status == "planned"
    assert planned.starts_at > timezone.now()
    assert Proposal.objects.filter(agenda_item__meeting=planned, status="on_agenda").exists()


def test_proposals_in_every_state(seeded):
    assert set(Proposal.objects.values_list("status", flat=True)) >= {
        "submitted",
        "under_review",
        "on_agenda",
        "accepted",
        "partly_accepted",
        "rejected",
        "withdrawn",
    }
    accepted = Proposal.objects.exclude(resulting_measure=None).get()
    assert accepted.status == "accepted"
    assert accepted.resulting_measure.programme.code == "REG-2025-2030"
    assert Proposal.objects.get(status="rejected").answer


# --- the mark on pages and in the API ---------------------------------------------------------


def page_of(kind: str) -> tuple[str, str | None]:
    """Where a kind of flagged record shows, and who may see it there."""
    adopted = "REG-2025-2030"
    if kind in ("direction", "territory"):
        return reverse("programs:programme_detail", args=[adopted]), None
    if kind == "plan":
        return reverse("measures:measure_list") + f"?programme={adopted}", None
    if kind == "measure":
        return reverse("measures:measure_detail", args=[adopted, "3.1.1"]), None
    if kind == "report":
        report = ProgressReport.objects.filter(status=ReportStatus.ACCEPTED).first()
        return report.get_absolute_url(), None
    if kind == "review queue":
        return reverse("reports:review_queue", args=[adopted]), "editor"
    if kind == "my reports":
        return reverse("reports:my_reports"), "reporter"
    if kind == "member":
        return reverse("meetings:group_detail", args=[CURRENT_GROUP]), "member"
    if kind in ("meeting", "attendance", "decision"):
        meeting = Meeting.objects.get(group__slug=CURRENT_GROUP, number=2)
        return meeting.get_absolute_url(), "secretary"
    if kind == "decision list":
        return reverse("meetings:decision_list", args=[CURRENT_GROUP]), "member"
    if kind == "proposal":
        return reverse("meetings:proposal_list", args=[DRAFTING_GROUP]), None
    if kind == "proposal page":
        proposal = Proposal.objects.filter(status="accepted").first()
        return proposal.get_absolute_url(), None
    raise AssertionError(kind)


def test_an_objective_flagged_under_an_unflagged_direction_carries_its_own_mark(seeded, client):
    direction = Direction.objects.get(programme__code="REG-2025-2030", number="1")
    Direction.objects.filter(pk=direction.pk).update(sample=False)
    objectives = direction.objectives.count()
    page = client.get(reverse("programs:programme_detail", args=["REG-2025-2030"])).content
    flags = page.decode().count('class="sample-flag"')
    Objective.objects.filter(direction=direction).update(sample=False)
    page = client.get(reverse("programs:programme_detail", args=["REG-2025-2030"])).content
    assert page.decode().count('class="sample-flag"') == flags - objectives


@pytest.mark.parametrize(
    "kind",
    [
        "direction",
        "plan",
        "territory",
        "measure",
        "report",
        "review queue",
        "my reports",
        "member",
        "meeting",
        "attendance",
        "decision",
        "decision list",
        "proposal",
        "proposal page",
    ],
)
def test_the_sample_mark_shows_where_the_records_do(seeded, client, kind):
    url, username = page_of(kind)
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    assert 'class="sample-flag"' in page, (kind, url)


def test_the_programme_page_does_not_pass_sample_directions_for_the_programmes_own(seeded, client):
    with translation.override("ky"):
        url = reverse("programs:programme_detail", args=["REG-2025-2030"])
        note = gettext(
            "The directions and objectives shown are sample data, not the programme's own."
        )
    page = client.get(url).content.decode()
    assert "14 багытты" in page  # the summary's fact stays, next to the note that the
    assert note in page  # structure shown is not the programme's


@pytest.mark.parametrize(
    ("url", "pick"),
    [
        ("/api/v1/directions/?programme=REG-2025-2030", lambda body: body["results"]),
        (
            "/api/v1/directions/?programme=REG-2025-2030",
            lambda body: [o for d in body["results"] for o in d["objectives"]],
        ),
        ("/api/v1/programmes/REG-2025-2030/", lambda body: body["territories"]),
        ("/api/v1/measures/?programme=REG-2025-2030", lambda body: body["results"]),
        (f"/api/v1/working-groups/{DRAFTING_GROUP}/", lambda body: body["members"]),
        ("/api/v1/proposals/", lambda body: body["results"]),
    ],
)
def test_the_api_says_sample_true_for_invented_records(seeded, client, url, pick):
    response = client.get(url)
    assert response.status_code == 200, url
    items = pick(response.json())
    assert items and all(item["sample"] is True for item in items), url


def test_the_api_tells_real_and_sample_meetings_and_decisions_apart(seeded, client):
    client.force_login(get_user_model().objects.get(username="secretary"))
    meetings = client.get("/api/v1/meetings/").json()["results"]
    flags = {(m["group"], m["number"]): m["sample"] for m in meetings}
    assert flags[(DRAFTING_GROUP, 1)] is False and flags[(CURRENT_GROUP, 1)] is False
    assert flags[(CURRENT_GROUP, 2)] is True and flags[(CURRENT_GROUP, 3)] is True
    decisions = client.get("/api/v1/decisions/").json()["results"]
    assert decisions and all(d["sample"] is True for d in decisions)
