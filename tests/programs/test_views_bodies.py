from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from programs import roles
from programs.models import BodyKind, ProgrammeStatus
from tests.factories import (
    BodyFactory,
    ExecutorFactory,
    MeasureFactory,
    MemberFactory,
    ProgrammeFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_body_list_filters_by_kind_and_search(client):
    ministry = BodyFactory(name_en="Ministry of Water")
    lsg = BodyFactory(name_en="Naryn city council", kind=BodyKind.LSG)
    content = client.get("/en/bodies/", {"kind": "lsg"}).content.decode()
    assert lsg.name_en in content and ministry.name_en not in content
    content = client.get("/en/bodies/", {"q": "water"}).content.decode()
    assert ministry.name_en in content and lsg.name_en not in content


def test_unknown_kind_is_an_error(client):
    response = client.get("/en/bodies/", {"kind": "aliens"})
    assert response.status_code == 400
    assert "Unknown kind of body." in response.content.decode()


def test_body_page_lists_led_and_co_executed_measures(client):
    body = BodyFactory()
    led = MeasureFactory(lead_body=body)
    co = ExecutorFactory(body=body).measure
    content = client.get(f"/en/bodies/{body.pk}/").content.decode()
    assert led.title_en in content and co.title_en in content


def test_list_pages_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(30):
        ExecutorFactory(measure=MeasureFactory())
    with django_assert_max_num_queries(2):
        client.get("/en/bodies/")
    with django_assert_max_num_queries(1):
        client.get("/en/programmes/")
    with django_assert_max_num_queries(1):
        client.get("/en/territory/")


def test_body_page_lists_memberships_only_of_groups_the_visitor_may_see(client):
    """A group of a draft programme is a 404 to the public; its members are not listed either."""
    body = BodyFactory()
    public = WorkingGroupFactory(name_en="Public group")
    draft = WorkingGroupFactory(
        name_en="Draft group", programme=ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    )
    MemberFactory(group=public, body=body, full_name="Aibek Public")
    MemberFactory(group=draft, body=body, full_name="Aida Draft")
    content = client.get(f"/en/bodies/{body.pk}/").content.decode()
    assert "Aibek Public" in content and "Aida Draft" not in content
    member = UserFactory(username="member")
    member.groups.add(Group.objects.get(name=roles.MEMBERS))
    MemberFactory(group=draft, user=member, body=BodyFactory())
    client.force_login(member)
    assert "Aida Draft" in client.get(f"/en/bodies/{body.pk}/").content.decode()
