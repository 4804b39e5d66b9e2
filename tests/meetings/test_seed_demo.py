"""seed_demo fills a fresh database with demo content, and running it again changes nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from measures.deadlines import parse_deadline
from measures.models import Measure, ProgressReport
from meetings.models import Decision, Meeting, Proposal, WorkingGroup
from programs.models import Programme
from regions.models import IndicatorValue

pytestmark = pytest.mark.django_db

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


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"auth", "regions", "programs", "measures", "meetings"}
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, built once for the module (3 s a build) inside a transaction rolled back after it.

    Each test runs in its own savepoint within that transaction, so what a test changes is undone
    and nothing of the demo reaches other modules.
    """
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        out = StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_running_twice_gives_the_same_counts(seeded):
    first = counts()
    call_command("seed_demo")
    assert counts() == first
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
    assert "demo12345" in seeded
    for username in ACCOUNTS:
        assert username in seeded


def test_secretary_and_member_sit_in_the_working_group(seeded):
    group = WorkingGroup.objects.get(slug="mwg-regional-development-2024")
    assert group.founding_act.number == "4"
    assert group.programme.code == "REG-2024-2028"
    assert group.members.count() >= 10
    assert group.members.get(user__username="secretary").role == "secretary"
    member = group.members.get(user__username="member")
    assert member.body.short_name_en == "MoF"
    assert group.members.filter(role="chair").count() == 1


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


def news_body(text: str) -> str:
    """The article as the ministry wrote it: paragraphs 2..n, without the site's chrome."""
    chrome = {"Новости", "13-Июнь 2024-ж.", "1242", "Предложения по улучшению сайта"}
    chrome.add("Онлайн кайрылуу")
    paragraphs = [" ".join(line.split()) for line in text.splitlines()[1:]]
    return "\n\n".join(p for p in paragraphs if p and p not in chrome)


def test_meeting_news_in_kyrgyz_is_the_ministrys_text(seeded):
    source = NEWS_FILE.read_text(encoding="utf-8")
    meeting = Meeting.objects.get(group__slug="mwg-regional-development-2024", number=1)
    assert meeting.news_title_ky == source.splitlines()[0].strip()
    assert meeting.news_text_ky == news_body(source)
    assert meeting.news_text_ky.startswith("2024-жылдын 12-июнунда")
    assert meeting.news_text_ky.endswith("катышуусу менен уюштурулду.")
    assert "  " not in meeting.news_text_ky and "\u00a0" not in meeting.news_text_ky
    assert "1242" not in meeting.news_text_ky and "Онлайн" not in meeting.news_text_ky
    assert meeting.news_text_ru.startswith("12 июня 2024 года")
    assert meeting.news_text_en.startswith("On 12 June 2024")
    assert meeting.news_published_at.date().isoformat() == "2024-06-13"
    assert meeting.status == "held" and meeting.minutes_status == "approved"
    assert Meeting.objects.published().filter(pk=meeting.pk).exists()


def test_meeting_decisions_and_a_planned_second_meeting(seeded):
    meeting = Meeting.objects.get(number=1)
    assert meeting.decisions.filter(status="done").exists()
    assert Decision.objects.overdue().filter(meeting=meeting).exists()
    second = Meeting.objects.get(number=2)
    assert second.status == "planned"
    from django.utils import timezone

    assert second.starts_at > timezone.now()


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


def test_reports_in_every_status_and_proposals_in_many(seeded):
    assert set(ProgressReport.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "accepted",
        "returned",
    }
    assert set(Proposal.objects.values_list("status", flat=True)) >= {
        "submitted",
        "under_review",
        "on_agenda",
        "accepted",
        "rejected",
        "withdrawn",
    }
    accepted = Proposal.objects.get(status="accepted")
    assert accepted.resulting_measure.programme.code == "REG-2025-2030"
    assert Proposal.objects.get(status="rejected").answer


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
