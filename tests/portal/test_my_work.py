"""Every user lands on their own "My work" after logging in: one section per role, each count a
link to the list that shows exactly those rows. Each role is tried with its own user, the wrong
user (another body, programme or group) and the anonymous visitor."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from measures.models import ReportStatus
from meetings.models import DecisionStatus, MeetingStatus, MinutesStatus, ProposalStatus
from programs.models import Profile
from programs.roles import EDITORS, MEMBERS, PARTNERS, REPORTERS, SECRETARIAT
from regionalprogram.api.models import ApiToken
from tests.edit_helpers import editor_of, user_in
from tests.factories import (
    BodyFactory,
    DecisionFactory,
    ExecutorFactory,
    MeetingFactory,
    MemberFactory,
    ProgressReportFactory,
    ProposalFactory,
)
from tests.portal.conftest import (
    PAST,
    TODAY,
    Plan,
    add_role,
    figure,
    figures,
    programme_around_today,
)

pytestmark = pytest.mark.django_db

URL = "/en/my-work/"


def my_work(client, user, lang="en") -> str:
    client.force_login(user)
    response = client.get(f"/{lang}/my-work/")
    assert response.status_code == 200
    return response.content.decode()


def listed(client, url: str) -> int:
    """How many rows the list behind a figure's link shows."""
    response = client.get(url)
    assert response.status_code == 200, url
    context = response.context
    for name in ("page_obj",):
        if name in context:
            return context[name].paginator.count
    for name in ("decisions", "proposals"):
        if name in context:
            return len(list(context[name]))
    raise AssertionError(f"no list on {url}")


def reporter_of(body, username="reporter"):
    user = user_in(REPORTERS, username=username)
    user.profile.body = body
    user.profile.save()
    return user


# --- who gets in, and where a login lands ---------------------------------------------------------


def test_the_anonymous_are_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/my-work/"


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_a_login_lands_on_my_work_in_the_language_of_the_login_page(client, editor, lang):
    response = client.post(
        f"/{lang}/accounts/login/", {"username": "editor", "password": "pass12345"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/my-work/"


def test_a_next_address_wins_over_my_work(client, editor):
    response = client.post(
        "/en/accounts/login/?next=/en/plan/%3Fprogramme%3DW-1",
        {"username": "editor", "password": "pass12345"},
    )
    assert response["Location"] == "/en/plan/?programme=W-1"


def test_the_header_links_my_work_for_logged_in_users_only(client, editor):
    assert 'href="/en/my-work/"' not in client.get("/en/").content.decode()
    client.force_login(editor)
    page = client.get("/en/").content.decode()
    assert '<a href="/en/my-work/">My work</a>' in page
    assert '<a href="/en/my-work/" aria-current="page">My work</a>' in my_work(client, editor)


def test_the_public_home_page_is_one_click_away(client, editor):
    page = my_work(client, editor)
    assert '<a href="/en/">The portal\'s public home page →</a>' in page


def test_a_user_without_a_role_is_told_so(client):
    user = user_in(EDITORS, username="nobody")
    user.groups.clear()
    page = my_work(client, user)
    assert "Your account has no role on the portal yet" in page
    assert figures(page) == []
    for heading in ("Programmes I edit", "Working group secretariat", "Reports of my body"):
        assert heading not in page


# --- the editor ----------------------------------------------------------------------------------


@pytest.fixture
def editor_world(programme, plan, editor):
    plan.body = BodyFactory()
    waiting = plan.add(2)
    for measure in waiting:
        ProgressReportFactory(measure=measure, status=ReportStatus.SUBMITTED, **PAST)
    returned = plan.add(1)[0]
    ProgressReportFactory(measure=returned, status=ReportStatus.RETURNED, **PAST)
    plan.add_overdue(3)
    return plan


def test_the_editor_sees_reports_to_review_and_measures_overdue_or_not_reported(
    client, editor, editor_world
):
    page = my_work(client, editor)
    assert "Programmes I edit" in page
    assert "Regional development 1" in page
    count, link = figure(page, "Reports waiting for review")
    assert (count, link) == (2, "/en/reports/review/W-1/?status=submitted")
    assert listed(client, link) == 2
    count, link = figure(page, "Overdue measures")
    assert (count, link) == (3, "/en/plan/?programme=W-1&computed_status=overdue")
    assert listed(client, link) == 3
    count, link = figure(page, "Measures not reported on")
    assert link == "/en/plan/?programme=W-1&computed_status=not_reported"
    assert count == listed(client, link) == 3  # the measures with no overdue deadline
    assert 'href="/en/plan/W-1/import/"' in page
    assert 'href="/en/plan/export/xlsx/?programme=W-1"' in page
    assert 'href="/en/plan/W-1/changes/"' in page


def test_the_editor_sees_the_recent_changes_of_their_programmes_only(client, editor, editor_world):
    elsewhere = Plan(programme_around_today("W-9"))
    elsewhere.add(1, title_en="Somebody else's measure")
    page = my_work(client, editor)
    assert "Recent changes in my programmes" in page
    assert 'href="/en/plan/W-1/1.1.6/history/"' in page
    # In the page's language, although the history row keeps every language's title.
    assert editor_world.programme.measures.get(number="1.1.6").title_en in page
    assert "Somebody else&#x27;s measure" not in page
    assert "W-9" not in page


def test_the_editor_of_another_programme_sees_none_of_it(client, editor_world):
    other = editor_of(programme_around_today("W-2"), username="other-editor")
    page = my_work(client, other)
    assert "W-2" in page
    assert "W-1" not in page
    assert figure(page, "Reports waiting for review")[0] == 0


def test_an_editor_without_programmes_is_told_who_assigns_them(client):
    page = my_work(client, editor_of(username="unassigned"))
    assert "No programme is assigned to you yet." in page


# --- the secretariat -----------------------------------------------------------------------------


@pytest.fixture
def secretariat_world(group):
    for status in (ProposalStatus.SUBMITTED, ProposalStatus.SUBMITTED, ProposalStatus.UNDER_REVIEW):
        ProposalFactory(group=group, status=status)
    ProposalFactory(group=group, status=ProposalStatus.ACCEPTED)
    now = timezone.now()
    MeetingFactory(
        group=group, number=7, status=MeetingStatus.PLANNED, starts_at=now + datetime.timedelta(9)
    )
    held = MeetingFactory(
        group=group,
        number=6,
        minutes_status=MinutesStatus.DRAFT,
        starts_at=now - datetime.timedelta(9),
    )
    MeetingFactory(
        group=group,
        number=5,
        minutes_status=MinutesStatus.APPROVED,
        starts_at=now - datetime.timedelta(40),
    )
    DecisionFactory(
        meeting=held, number="1", deadline=TODAY - datetime.timedelta(1), text_en="Late"
    )
    DecisionFactory(
        meeting=held, number="2", deadline=TODAY + datetime.timedelta(5), text_en="Soon"
    )
    DecisionFactory(
        meeting=held, number="3", deadline=TODAY + datetime.timedelta(60), text_en="Later"
    )
    DecisionFactory(
        meeting=held,
        number="4",
        deadline=TODAY - datetime.timedelta(3),
        status=DecisionStatus.DONE,
        text_en="Done late",
    )
    return group


def test_the_secretary_sees_proposals_to_screen_meetings_minutes_and_decisions(
    client, secretary, secretariat_world
):
    page = my_work(client, secretary)
    assert "Working group secretariat" in page
    count, link = figure(page, "New proposals to screen")
    assert (count, link) == (2, "/en/working-group/wg/proposals/?status=submitted")
    assert listed(client, link) == 2
    count, link = figure(page, "Proposals under review")
    assert (count, link) == (1, "/en/working-group/wg/proposals/?status=under_review")
    assert listed(client, link) == 1
    assert figure(page, "Meetings to prepare")[0] == 1
    assert figure(page, "Minutes to approve")[0] == 1
    count, link = figure(page, "Overdue decisions")
    assert (count, link) == (1, "/en/working-group/wg/decisions/?overdue=true")
    assert listed(client, link) == 1
    assert 'href="/en/working-group/wg/meetings/7/manage/"' in page
    assert 'href="/en/working-group/wg/meetings/6/minutes/"' in page
    assert 'href="/en/working-group/wg/meetings/5/minutes/"' not in page
    assert "1. Late" in page
    assert "2. Soon" in page
    assert "Later" not in page
    assert "Done late" not in page


def test_the_secretary_of_another_group_sees_only_their_own(client, secretariat_world, other_group):
    user = user_in(SECRETARIAT, username="other-secretary")
    MemberFactory(group=other_group, user=user, role="secretary")
    page = my_work(client, user)
    assert "Another working group" in page
    assert "/en/working-group/wg/" not in page
    assert figure(page, "New proposals to screen")[0] == 0


def test_a_secretariat_user_who_runs_no_group_is_told_so(client, secretariat_world):
    page = my_work(client, user_in(SECRETARIAT, username="no-group"))
    assert "You are not the secretary of a working group yet." in page


# --- a member ------------------------------------------------------------------------------------


@pytest.fixture
def member_world(group, member, other_group):
    ProposalFactory(group=group, author=member, status=ProposalStatus.SUBMITTED, title="My idea")
    ProposalFactory(group=group, author=member, status=ProposalStatus.ACCEPTED, title="My answer")
    ProposalFactory(group=group, status=ProposalStatus.SUBMITTED, title="Somebody else's idea")
    now = timezone.now()
    MeetingFactory(
        group=group, number=3, status=MeetingStatus.PLANNED, starts_at=now + datetime.timedelta(5)
    )
    held = MeetingFactory(group=group, number=2, starts_at=now - datetime.timedelta(20))
    DecisionFactory(meeting=held)
    MeetingFactory(
        group=other_group,
        number=9,
        status=MeetingStatus.PLANNED,
        starts_at=now + datetime.timedelta(3),
    )
    return group


def test_the_member_sees_their_proposals_the_next_meetings_and_the_groups_papers(
    client, member, member_world
):
    page = my_work(client, member)
    assert "My proposals and meetings" in page
    assert figure(page, "Submitted") == (1, "/en/working-group/wg/proposals/mine/")
    assert figure(page, "Accepted") == (1, "/en/working-group/wg/proposals/mine/")
    assert listed(client, "/en/working-group/wg/proposals/mine/") == 2
    assert "My idea" in page
    assert "My answer" in page
    assert "Somebody else" not in page
    assert 'href="/en/working-group/wg/meetings/3/"' in page  # the next meeting
    assert 'href="/en/working-group/wg/meetings/2/"' in page  # its papers
    assert "1 decision" in page
    assert 'href="/en/working-group/wg/proposals/new/"' in page
    assert "/other-wg/meetings/9/" not in page


def test_a_member_of_another_group_sees_none_of_it(client, member_world, other_group):
    outsider = user_in(MEMBERS, username="outsider")
    MemberFactory(group=other_group, user=outsider)
    page = my_work(client, outsider)
    assert "Another working group" in page
    assert 'href="/en/working-group/other-wg/meetings/9/"' in page
    assert "/en/working-group/wg/" not in page
    assert "My idea" not in page
    assert "You have not sent a proposal yet." in page


# --- a reporter ----------------------------------------------------------------------------------


@pytest.fixture
def reporter_world(programme):
    body = BodyFactory(name_en="Ministry of water")
    plan = Plan(programme, body=body)
    measures = plan.add(3)
    ProgressReportFactory(
        measure=measures[0],
        status=ReportStatus.RETURNED,
        review_comment="Add the villages",
        **PAST,
    )
    co_executed = Plan(programme_around_today("W-3")).add(1)[0]
    ExecutorFactory(measure=co_executed, body=body)
    return plan


def test_the_reporter_sees_reports_returned_overdue_and_due(client, reporter_world):
    user = reporter_of(reporter_world.body)
    page = my_work(client, user)
    assert "Ministry of water" in page
    count, link = figure(page, "Returned for revision")
    assert (count, link) == (1, "/en/reports/mine/")
    rows = dict.fromkeys(("returned", "overdue", "due_soon", "due"), 0)
    client.force_login(user)
    for row in client.get(link).context["rows"]:
        rows[row.state] = rows.get(row.state, 0) + 1
    assert figure(page, "Overdue reports")[0] == rows["overdue"] == 4  # last closed period
    assert figure(page, "Due within two weeks")[0] + figure(page, "Reports to write")[0] == (
        rows["due_soon"] + rows["due"]
    )
    assert 'class="state-returned"' in page
    assert "co-executor: your contribution" in page
    assert f'href="/en/reports/measure/{reporter_world.programme.measures.first().pk}/' in page


def test_the_reporter_of_another_body_sees_none_of_it(client, reporter_world):
    page = my_work(client, reporter_of(BodyFactory(), username="other-reporter"))
    assert "Ministry of water" not in page
    assert figure(page, "Overdue reports")[0] == 0
    assert "Nothing to report now" in page


def test_a_reporter_without_a_body_is_told_who_sets_it(client):
    user = user_in(REPORTERS, username="bodiless")
    Profile.objects.filter(user=user).update(body=None)
    page = my_work(client, user)
    assert "Your account is not linked to a responsible body yet" in page


# --- a partner -----------------------------------------------------------------------------------


def test_the_partner_sees_the_api_guide_and_their_tokens(client, partner):
    ApiToken.issue(user=partner, name="UNDP dashboard")
    revoked, _key = ApiToken.issue(user=partner, name="Old script")
    revoked.revoke()
    page = my_work(client, partner)
    assert 'href="/en/api/"' in page
    assert 'href="/en/api/tokens/"' in page
    assert "UNDP dashboard" in page
    assert "Old script" not in page


def test_the_partner_sees_what_changed_since_the_last_visit(client, partner, plan):
    unchanged = plan.add(2, title_en="Unchanged")
    page = my_work(client, partner)
    assert "This is your first visit" in page
    first_visit = Profile.objects.get(user=partner).last_visit_at
    assert first_visit is not None
    # Reloading in the same session keeps counting from the same moment.
    assert "This is your first visit" in my_work(client, partner)

    changed = plan.add(1, title_en="Brand new measure")[0]
    accepted = ProgressReportFactory(
        measure=unchanged[0],
        status=ReportStatus.ACCEPTED,
        reviewed_at=timezone.now(),
        **PAST,
    )
    ProgressReportFactory(measure=unchanged[1], status=ReportStatus.SUBMITTED)
    client.logout()  # the next visit is a new session
    page = my_work(client, partner)
    assert first_visit.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y") in page
    count, link = figure(page, "Measures changed")
    assert count == 1
    assert link.startswith("/api/v1/measures/?updated_since=")
    api = client.get(link, HTTP_ACCEPT="application/json").json()
    assert [row["number"] for row in api["results"]] == [changed.number]
    assert "Brand new measure" in page
    assert f'href="/en/reports/{accepted.pk}/"' in page
    assert page.count('href="/en/reports/') == 1  # the submitted report is not public


def test_partner_sections_are_for_partners_only(client, editor):
    assert "Data for partners" not in my_work(client, editor)


# --- several roles, and the administrator --------------------------------------------------------


def test_a_user_with_several_roles_sees_each_section(client, programme, group):
    user = editor_of(programme, username="many")
    for role in (SECRETARIAT, MEMBERS, REPORTERS, PARTNERS):
        add_role(user, role)
    user.profile.body = BodyFactory()
    user.profile.save()
    MemberFactory(group=group, user=user, role="secretary")
    page = my_work(client, user)
    for heading in (
        "Programmes I edit",
        "Working group secretariat",
        "My proposals and meetings",
        "Reports of my body",
        "Data for partners",
    ):
        assert f">{heading}</h2>" in page


def test_the_superuser_sees_the_editors_and_the_secretariats_sections(
    client, django_user_model, programme, group
):
    admin = django_user_model.objects.create_superuser("root", "root@example.kg", "x")
    page = my_work(client, admin)
    assert ">Programmes I edit</h2>" in page
    assert ">Working group secretariat</h2>" in page
    assert "Working group W" in page
    for heading in ("My proposals and meetings", "Reports of my body", "Data for partners"):
        assert heading not in page


# --- every word in three languages ---------------------------------------------------------------

ENGLISH = [
    "My work",
    "What waits for you on the portal",
    "Programmes I edit",
    "Reports waiting for review",
    "Recent changes in my programmes",
    "Working group secretariat",
    "New proposals to screen",
    "Meetings to prepare",
    "Minutes to approve",
    "Decisions due or overdue",
    "My proposals and meetings",
    "The next meetings",
    "Papers of the group",
    "Reports of my body",
    "Overdue reports",
    "Data for partners",
    "This is your first visit",
    "My API tokens",
]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_word_of_the_page_is_translated(client, plan, group, lang):
    plan.add(1)
    user = editor_of(plan.programme, username="polyglot")
    for role in (SECRETARIAT, MEMBERS, REPORTERS, PARTNERS):
        add_role(user, role)
    user.profile.body = BodyFactory()
    user.profile.save()
    MemberFactory(group=group, user=user, role="secretary")
    english = my_work(client, user, "en")
    for text in ENGLISH:
        assert text in english
    client.logout()
    page = my_work(client, user, lang)
    assert f'<html lang="{lang}">' in page
    untranslated = [text for text in ENGLISH if text in page]
    assert untranslated == []
