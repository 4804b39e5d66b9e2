"""People and a plan for the My work tests: a programme whose periods run around today, its working
group, and one user per role (plus the wrong users: of another body, programme or group)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from meetings.models import MemberRole
from programs.roles import MEMBERS, PARTNERS, SECRETARIAT
from tests.edit_helpers import editor_of, user_in
from tests.factories import (
    MeasureFactory,
    MemberFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    WorkingGroupFactory,
)

TODAY = timezone.localdate()
# A period no list shows as open, whatever day the tests run: the first half of two years ago.
PAST = {"year": TODAY.year - 2, "number": 1}


def programme_around_today(code: str, **kwargs):
    """An adopted programme from two years ago to four years on: its half-year cycle always has a
    closed period (reports overdue) and an open one, whatever day the tests run, and the periods of
    two years ago are never among the open ones."""
    return ProgrammeFactory(
        code=code,
        period_start_year=TODAY.year - 2,
        period_end_year=TODAY.year + 4,
        **kwargs,
    )


class Plan:
    """Measures of one programme led by one body, added a few at a time."""

    def __init__(self, programme, body=None):
        self.programme = programme
        self.objective = ObjectiveFactory(direction__programme=programme, number="1.1")
        self.body = body
        self.count = 0

    def add(self, n: int = 1, **kwargs) -> list:
        made = []
        for _ in range(n):
            self.count += 1
            fields = {
                # The whole programme period: owes a report every period, never overdue.
                "deadline_text": f"{TODAY.year - 2}–{TODAY.year + 4}",
                "deadline_kind": "period",
                "deadline_start": datetime.date(TODAY.year - 2, 1, 1),
                "deadline_end": datetime.date(TODAY.year + 4, 12, 31),
                **kwargs,
            }
            if self.body is not None:
                fields.setdefault("lead_body", self.body)
            made.append(
                MeasureFactory(objective=self.objective, number=f"1.1.{self.count}", **fields)
            )
        return made

    def add_overdue(self, n: int = 1) -> list:
        """Measures whose deadline (the second quarter of last year) has passed undone."""
        return self.add(
            n,
            deadline_text=f"II квартал {TODAY.year - 1}",
            deadline_kind="once",
            deadline_start=datetime.date(TODAY.year - 1, 4, 1),
            deadline_end=datetime.date(TODAY.year - 1, 6, 30),
        )


def role_user(role: str, username: str, **kwargs):
    return user_in(role, username=username, **kwargs)


@pytest.fixture
def programme(db):
    return programme_around_today("W-1", title_en="Regional development 1")


@pytest.fixture
def plan(programme):
    return Plan(programme)


@pytest.fixture
def group(programme):
    return WorkingGroupFactory(programme=programme, slug="wg", name_en="Working group W")


@pytest.fixture
def other_group(db):
    return WorkingGroupFactory(slug="other-wg", name_en="Another working group")


@pytest.fixture
def editor(programme):
    return editor_of(programme, username="editor")


@pytest.fixture
def secretary(group):
    user = role_user(SECRETARIAT, "secretary")
    MemberFactory(group=group, user=user, role=MemberRole.SECRETARY, full_name="Aiperi T.")
    return user


@pytest.fixture
def member(group):
    user = role_user(MEMBERS, "member")
    MemberFactory(group=group, user=user, full_name="Nurlan A.")
    return user


@pytest.fixture
def partner(db):
    return role_user(PARTNERS, "partner")


def add_role(user, role: str) -> None:
    user.groups.add(Group.objects.get(name=role))


FIGURE = re.compile(
    r'<a href="(?P<href>[^"]+)"><strong>(?P<count>\d+)</strong> <span>(?P<label>[^<]+)</span></a>'
)


def figures(page: str) -> list[tuple[str, int, str]]:
    """The counts on a page as (label, count, link), in order."""
    return [
        (m["label"], int(m["count"]), m["href"].replace("&amp;", "&"))
        for m in FIGURE.finditer(page)
    ]


def figure(page: str, label: str, nth: int = 0) -> tuple[int, str]:
    found = [(count, href) for text, count, href in figures(page) if text == label]
    assert found, f"no figure {label!r} in {figures(page)}"
    return found[nth]
