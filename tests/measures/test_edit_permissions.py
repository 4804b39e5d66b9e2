"""Who may open and post every editing URL of the plan: checked on the server, for each role."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from measures.models import Measure
from programs.models import Direction, Objective, ProgrammeStatus
from tests.edit_helpers import ROLE_GROUPS, editor_of, measure_post_data, user_in
from tests.factories import DirectionFactory, MeasureFactory, ObjectiveFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    measure = MeasureFactory(number="1.1.1")
    archived = MeasureFactory(
        programme=measure.programme,
        direction=measure.direction,
        objective=measure.objective,
        number="1.1.2",
    )
    Measure.objects.filter(pk=archived.pk).update(archived_at="2026-01-01T00:00:00Z")
    archived_objective = ObjectiveFactory(direction=measure.direction, number="9.99")
    type(archived_objective).objects.filter(pk=archived_objective.pk).update(
        archived_at="2026-01-01T00:00:00Z"
    )
    archived_direction = DirectionFactory(programme=measure.programme, number="90.9")
    type(archived_direction).objects.filter(pk=archived_direction.pk).update(
        archived_at="2026-01-01T00:00:00Z"
    )
    return {
        "archived_direction": archived_direction,
        "measure": measure,
        "programme": measure.programme,
        "direction": measure.direction,
        "objective": measure.objective,
        "archived_objective": archived_objective,
        "history_id": measure.history.first().history_id,
    }


def urls(plan):
    code = plan["programme"].code
    d, o = plan["direction"].pk, plan["objective"].pk
    h = plan["history_id"]
    return {
        "measure_create": ("get", f"/en/plan/{code}/new/"),
        "measure_create_post": ("post", f"/en/plan/{code}/new/"),
        "measure_edit": ("get", f"/en/plan/{code}/1.1.1/edit/"),
        "measure_edit_post": ("post", f"/en/plan/{code}/1.1.1/edit/"),
        "measure_history": ("get", f"/en/plan/{code}/1.1.1/history/"),
        "measure_restore": ("post", f"/en/plan/{code}/1.1.1/history/{h}/restore/"),
        "measure_archive": ("post", f"/en/plan/{code}/1.1.1/archive/"),
        "measure_unarchive": ("post", f"/en/plan/{code}/1.1.2/unarchive/"),
        "plan_archive": ("get", f"/en/plan/{code}/archive/"),
        "plan_changes": ("get", f"/en/plan/{code}/changes/"),
        "programme_edit": ("get", f"/en/programmes/{code}/edit/"),
        "direction_create": ("get", f"/en/programmes/{code}/directions/new/"),
        "direction_create_post": ("post", f"/en/programmes/{code}/directions/new/"),
        "direction_unarchive": (
            "post",
            f"/en/programmes/{code}/directions/{plan['archived_direction'].pk}/unarchive/",
        ),
        "programme_edit_post": ("post", f"/en/programmes/{code}/edit/"),
        "direction_edit": ("get", f"/en/programmes/{code}/directions/{d}/edit/"),
        "direction_archive": ("post", f"/en/programmes/{code}/directions/{d}/archive/"),
        "objective_create": ("get", f"/en/programmes/{code}/objectives/new/"),
        "objective_create_post": ("post", f"/en/programmes/{code}/objectives/new/"),
        "objective_edit": ("get", f"/en/programmes/{code}/objectives/{o}/edit/"),
        "objective_archive": ("post", f"/en/programmes/{code}/objectives/{o}/archive/"),
        "objective_unarchive": (
            "post",
            f"/en/programmes/{code}/objectives/{plan['archived_objective'].pk}/unarchive/",
        ),
    }


URL_NAMES = [
    "measure_create",
    "measure_create_post",
    "measure_edit",
    "measure_edit_post",
    "measure_history",
    "measure_restore",
    "measure_archive",
    "measure_unarchive",
    "plan_archive",
    "plan_changes",
    "programme_edit",
    "direction_create",
    "direction_create_post",
    "direction_unarchive",
    "programme_edit_post",
    "direction_edit",
    "direction_archive",
    "objective_create",
    "objective_create_post",
    "objective_edit",
    "objective_archive",
    "objective_unarchive",
]


def request(client, plan, name):
    method, url = urls(plan)[name]
    if method == "get":
        return client.get(url)
    data = {}
    if name == "measure_edit_post":
        data = measure_post_data(plan["measure"])
    elif name == "measure_create_post":
        data = measure_post_data(None)
    elif name == "direction_create_post":
        data = {"number": "42", "position": "42", "title_ru": "Новое направление"}
    elif name == "objective_create_post":
        data = {"direction": str(plan["direction"].pk), "number": "4.2", "title_ru": "Задача"}
    return client.post(url, data)


@pytest.mark.parametrize("name", URL_NAMES)
def test_anonymous_is_sent_to_login_and_nothing_changes(client, plan, name):
    response = request(client, plan, name)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    plan["measure"].refresh_from_db()
    assert plan["measure"].version == 1 and plan["measure"].archived_at is None


@pytest.mark.parametrize("role", ["editor_of_another_programme", "reporter", "member", "partner"])
@pytest.mark.parametrize("name", URL_NAMES)
def test_other_roles_are_refused_and_nothing_changes(client, plan, name, role):
    if role == "editor_of_another_programme":
        user = editor_of(ProgrammeFactory())
    else:
        user = user_in(ROLE_GROUPS[role], programmes=[plan["programme"]])
    client.force_login(user)
    response = request(client, plan, name)
    assert response.status_code == 403
    measure = plan["measure"]
    measure.refresh_from_db()
    assert measure.version == 1 and measure.archived_at is None
    assert Measure.objects.filter(archived_at__isnull=True).count() == 1
    assert not Direction.objects.filter(number__in=["42"]).exists()
    assert not Objective.objects.filter(number="4.2").exists()
    assert Direction.objects.get(pk=plan["archived_direction"].pk).archived_at is not None


@pytest.mark.parametrize("name", URL_NAMES)
def test_editor_of_the_programme_is_let_in(client, plan, name):
    client.force_login(editor_of(plan["programme"]))
    response = request(client, plan, name)
    assert response.status_code in (200, 302), response.content.decode()[:500]
    if response.status_code == 302:
        assert "/accounts/login/" not in response["Location"]


@pytest.mark.parametrize("name", ["measure_edit", "measure_history", "programme_edit"])
def test_administrator_may_edit_any_programme(client, plan, name):
    admin = get_user_model().objects.create_superuser("root", "root@example.kg", "x-Pass-12345")
    client.force_login(admin)
    assert request(client, plan, name).status_code == 200


def test_editor_without_the_permission_group_cannot_edit_even_if_assigned(client, plan):
    from tests.factories import ProfileFactory, UserFactory

    user = UserFactory()
    ProfileFactory(user=user).programmes.set([plan["programme"]])
    client.force_login(user)
    assert request(client, plan, "measure_edit").status_code == 403


def test_draft_programme_is_404_for_those_who_cannot_see_drafts(client, plan):
    programme = plan["programme"]
    programme.status = ProgrammeStatus.DRAFT
    programme.save()
    client.force_login(user_in(ROLE_GROUPS["reporter"]))
    assert request(client, plan, "measure_edit").status_code == 404
    client.force_login(editor_of(programme))
    assert request(client, plan, "measure_edit").status_code == 200


def test_edit_links_only_for_those_who_may_edit(client, plan):
    measure = plan["measure"]
    url = measure.get_absolute_url()
    edit = f"/plan/{measure.programme.code}/1.1.1/edit/"
    assert edit not in client.get(url).content.decode()
    client.force_login(user_in(ROLE_GROUPS["member"]))
    assert edit not in client.get(url).content.decode()
    client.force_login(editor_of(measure.programme))
    html = client.get(url).content.decode()
    assert edit in html
    plan_html = client.get(f"/ky/plan/?programme={measure.programme.code}").content.decode()
    assert f"/ky/plan/{measure.programme.code}/new/" in plan_html
    assert f"/ky/plan/{measure.programme.code}/1.1.1/edit/" in plan_html
