"""Every working-group URL against every role: a member of the group, its secretary, an editor,
the anonymous public, a member of ANOTHER group and the secretary of another group.

Expected codes: 200 page, 302 a redirect (the login page for anonymous writers, the result page
for those allowed to act), 403 refused, 404 hidden.
"""

from __future__ import annotations

import pytest

from meetings.models import ProposalStatus
from tests.factories import AgendaItemFactory, DecisionFactory, ProposalFactory

pytestmark = pytest.mark.django_db

ROLES = ["member", "secretary", "editor", "anonymous", "outsider", "other_secretary"]


@pytest.fixture
def world(
    group, member, secretary, editor, outsider, other_secretary, planned_meeting, held_meeting
):
    item = AgendaItemFactory(meeting=planned_meeting)
    DecisionFactory(meeting=held_meeting)
    open_proposal = ProposalFactory(group=group, author=member, title="Open proposal")
    answered = ProposalFactory(group=group, title="Answered", status=ProposalStatus.ACCEPTED)
    users = {
        "member": member,
        "secretary": secretary,
        "editor": editor,
        "anonymous": None,
        "outsider": outsider,
        "other_secretary": other_secretary,
    }
    return {
        "users": users,
        "open": open_proposal.pk,
        "answered": answered.pk,
        "item": item.pk,
        "planned": planned_meeting.number,
        "held": held_meeting.number,
        "member_row": group.members.get(user=member).pk,
        "decision": held_meeting.decisions.get().pk,
    }


G = "/en/working-group/mwg/"

# (method, url template, expected per role in ROLES order)
READS = [
    ("get", "", [200, 200, 200, 200, 200, 200]),
    ("get", "proposals/", [200, 200, 200, 200, 200, 200]),
    # The secretary of another group reads this one as the public does (review M1).
    ("get", "proposals/{open}/", [200, 200, 404, 404, 404, 404]),
    ("get", "proposals/{answered}/", [200, 200, 200, 200, 200, 200]),
    ("get", "proposals/mine/", [200, 200, 200, 302, 200, 200]),
    ("get", "decisions/", [200, 200, 200, 200, 200, 200]),
    ("get", "calendar.ics", [200, 200, 200, 200, 200, 200]),
    # Held but unpublished: listed as while planned (when and where), without its record.
    ("get", "meetings/{held}/", [200, 200, 200, 200, 200, 200]),
    ("get", "meetings/{planned}/", [200, 200, 200, 200, 200, 200]),
    ("get", "meetings/{held}/calendar.ics", [200, 200, 200, 200, 200, 200]),
]
MEMBER_WRITES = [
    # The secretary is a member of the group too and may send proposals (the API agrees).
    ("get", "proposals/new/", [200, 200, 403, 302, 403, 403]),
    ("get", "proposals/{open}/edit/", [200, 404, 404, 302, 404, 404]),
    ("post", "proposals/{open}/withdraw/", [302, 404, 404, 302, 404, 404]),
]
SECRETARY_WRITES = [
    ("post", "proposals/{open}/review/", [403, 302, 403, 302, 403, 403]),
    ("post", "proposals/{open}/merge/", [403, 400, 403, 302, 403, 403]),
    ("post", "proposals/{open}/agenda/", [403, 400, 403, 302, 403, 403]),
    ("post", "proposals/{open}/answer/", [403, 400, 403, 302, 403, 403]),
    ("get", "proposals/{answered}/measure/", [403, 403, 200, 302, 403, 403]),
    # The check before the plan changes: with no filled form waiting, back to the form.
    ("get", "proposals/{answered}/measure/confirm/", [403, 403, 302, 302, 403, 403]),
    ("post", "proposals/{answered}/measure/confirm/", [403, 403, 302, 302, 403, 403]),
    ("get", "members/", [403, 200, 403, 302, 403, 403]),
    ("get", "members/new/", [403, 200, 403, 302, 403, 403]),
    ("get", "members/{member_row}/edit/", [403, 200, 403, 302, 403, 403]),
    ("get", "meetings/new/", [403, 200, 403, 302, 403, 403]),
    ("get", "meetings/{planned}/manage/", [403, 200, 403, 302, 403, 403]),
    ("get", "meetings/{planned}/edit/", [403, 200, 403, 302, 403, 403]),
    ("post", "meetings/{planned}/agenda/", [403, 400, 403, 302, 403, 403]),
    ("post", "meetings/{planned}/agenda/{item}/down/", [403, 302, 403, 302, 403, 403]),
    ("post", "meetings/{planned}/invite/", [403, 302, 403, 302, 403, 403]),
    ("get", "meetings/{held}/attendance/", [403, 200, 403, 302, 403, 403]),
    ("get", "meetings/{held}/minutes/", [403, 200, 403, 302, 403, 403]),
    ("get", "meetings/{held}/decisions/new/", [403, 200, 403, 302, 403, 403]),
    ("get", "meetings/{held}/decisions/{decision}/edit/", [403, 200, 403, 302, 403, 403]),
    ("get", "meetings/{held}/publish/", [403, 200, 403, 302, 403, 403]),
    ("get", "meetings/{held}/publish/confirm/", [403, 200, 403, 302, 403, 403]),
]

CASES = [
    pytest.param(method, path, role, expected[i], id=f"{method} {path} as {role}")
    for method, path, expected in READS + MEMBER_WRITES + SECRETARY_WRITES
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("method", "path", "role", "expected"), CASES)
def test_each_role_against_each_url(client, world, method, path, role, expected):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    url = G + path.format(**world)
    response = getattr(client, method)(url)
    assert response.status_code == expected, url
    if expected == 302 and role == "anonymous":
        assert "/accounts/login/" in response["Location"]


def test_secretary_of_another_group_neither_reads_nor_runs_this_group(client, world, group):
    """The secretariat role reads and runs only its own group, on the pages and in the API."""
    client.force_login(world["users"]["other_secretary"])
    assert client.get("/api/v1/proposals/{open}/".format(**world)).status_code == 404
    response = client.post(G + "proposals/{open}/review/".format(**world))
    assert response.status_code == 403
    assert group.proposals.get(pk=world["open"]).status == ProposalStatus.SUBMITTED


def test_member_of_another_group_cannot_submit_here(client, world, group):
    client.force_login(world["users"]["outsider"])
    response = client.post(
        G + "proposals/new/", {"target_kind": "programme", "title": "X", "text": "Y"}
    )
    assert response.status_code == 403
    assert not group.proposals.filter(title="X").exists()


def test_group_page_shows_the_right_links(client, world):
    client.force_login(world["users"]["member"])
    page = client.get(G).content.decode()
    assert "Submit a proposal" in page and "Manage members" not in page
    client.force_login(world["users"]["secretary"])
    page = client.get(G).content.decode()
    assert "Manage members" in page and "Screen proposals" in page
    client.logout()
    page = client.get(G).content.decode()
    assert "Submit a proposal" not in page and "Manage members" not in page
