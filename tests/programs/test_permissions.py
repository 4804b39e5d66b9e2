"""The named role predicates of programs.permissions, and the drafts rule of ProgrammeQuerySet, for
every role. ``is_staff`` opens the admin and grants nothing on the site."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.http import Http404

from measures.reporting.permissions import can_review_programme
from programs import roles
from programs.models import Programme, ProgrammeStatus
from programs.permissions import (
    can_edit_programme,
    can_see_plan_history,
    editable_programme_or_deny,
)
from tests.factories import MemberFactory, ProfileFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_user(kind: str, programme: Programme):
    """One user of each kind; editors are assigned to ``programme`` unless said otherwise."""
    if kind == "anonymous":
        return AnonymousUser()
    flags = {
        "staff": {"is_staff": True},
        "superuser": {"is_staff": True, "is_superuser": True},
        "inactive superuser": {"is_superuser": True, "is_active": False},
    }.get(kind, {})
    user = UserFactory(username=kind.replace(" ", "-"), **flags)
    role = {
        "member": roles.MEMBERS,
        "secretary": roles.SECRETARIAT,
        "editor": roles.EDITORS,
        "editor of another programme": roles.EDITORS,
        "editor without a programme": roles.EDITORS,
        "reporter": roles.REPORTERS,
        "partner": roles.PARTNERS,
    }.get(kind)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if kind == "editor":
        ProfileFactory(user=user).programmes.add(programme)
    elif kind == "editor of another programme":
        ProfileFactory(user=user).programmes.add(ProgrammeFactory())
    elif kind == "member":
        MemberFactory(user=user, group__programme=programme)
    elif kind == "secretary":
        MemberFactory(user=user, group__programme=programme, role="secretary")
    return user


# kind → (edits the plan, sees its history, sees unaccepted reports, sees draft programmes)
TABLE = {
    "anonymous": (False, False, False, False),
    "no role": (False, False, False, False),
    "staff": (False, False, False, False),
    "member": (False, False, False, True),
    "secretary": (False, False, False, True),
    "editor": (True, True, True, True),
    "editor of another programme": (False, False, False, True),
    "editor without a programme": (False, False, False, True),
    "reporter": (False, False, False, False),
    "partner": (False, False, False, False),
    "superuser": (True, True, True, True),
    "inactive superuser": (False, False, False, False),
}


@pytest.mark.parametrize(("kind", "answers"), TABLE.items(), ids=list(TABLE))
def test_role_predicates(kind, answers):
    programme = ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    public = ProgrammeFactory(status=ProgrammeStatus.IN_IMPLEMENTATION)
    user = make_user(kind, programme)
    edits, history, reports, drafts = answers
    assert can_edit_programme(user, programme) is edits
    assert can_see_plan_history(user, programme) is history
    # Reports not accepted yet are for those who review them (measures.reporting.permissions).
    assert can_review_programme(user, programme) is reports
    visible = set(Programme.objects.visible_to(user))
    assert public in visible
    assert (programme in visible) is drafts


@pytest.mark.parametrize(
    ("kind", "outcome"),
    [
        ("no role", Http404),  # may not even see the draft
        ("reporter", Http404),
        ("editor of another programme", PermissionDenied),  # sees drafts, may not edit this one
        ("member", PermissionDenied),
        ("editor", None),
        ("superuser", None),
    ],
)
def test_editable_programme_or_deny_answers_404_to_outsiders_and_403_to_readers(kind, outcome):
    programme = ProgrammeFactory(code="DRAFT-P", status=ProgrammeStatus.DRAFT)
    user = make_user(kind, programme)
    if outcome is None:
        assert editable_programme_or_deny(user, "DRAFT-P") == programme
    else:
        with pytest.raises(outcome):
            editable_programme_or_deny(user, "DRAFT-P")
