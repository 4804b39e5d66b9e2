"""Editing a programme's directions and objectives, and the programme itself."""

from __future__ import annotations

import pytest

from programs.models import Direction, Objective, Programme
from programs.services import version_of
from tests.edit_helpers import editor_of
from tests.factories import DirectionFactory, MeasureFactory, ObjectiveFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return ProgrammeFactory(code="REG-T")


@pytest.fixture
def editor_client(client, programme):
    client.force_login(editor_of(programme))
    return client


def direction_data(**overrides):
    data = {"number": "7", "position": "7", "title_ky": "Багыт", "title_ru": "Направление"}
    data.update(overrides)
    return data


def test_editor_adds_a_direction_and_it_shows_on_the_programme(editor_client, programme):
    response = editor_client.post("/en/programmes/REG-T/directions/new/", direction_data())
    assert response.status_code == 302
    direction = Direction.objects.get(programme=programme, number="7")
    assert direction.title_ru == "Направление"
    assert direction.history.get().history_type == "+"
    assert "Направление" in editor_client.get("/ru/programmes/REG-T/").content.decode()


def test_duplicate_direction_number_is_refused_next_to_the_field(editor_client, programme):
    DirectionFactory(programme=programme, number="7")
    response = editor_client.post("/en/programmes/REG-T/directions/new/", direction_data())
    assert response.status_code == 200
    assert "The programme already has a direction numbered 7." in response.content.decode()
    assert Direction.objects.filter(programme=programme).count() == 1


def test_title_in_no_language_is_refused(editor_client):
    response = editor_client.post(
        "/en/programmes/REG-T/directions/new/", direction_data(title_ky="", title_ru="")
    )
    assert "Write the title in at least one language." in response.content.decode()


def test_objective_is_added_under_a_direction_of_this_programme_only(editor_client, programme):
    own = DirectionFactory(programme=programme)
    foreign = DirectionFactory()
    data = {"direction": str(foreign.pk), "number": "1.5", "position": "1", "title_ru": "Задача"}
    response = editor_client.post("/en/programmes/REG-T/objectives/new/", data)
    assert response.status_code == 200
    assert not Objective.objects.filter(number="1.5").exists()
    data["direction"] = str(own.pk)
    assert editor_client.post("/en/programmes/REG-T/objectives/new/", data).status_code == 302
    assert Objective.objects.get(number="1.5").direction == own


def test_direction_with_measures_cannot_be_archived(editor_client, programme):
    measure = MeasureFactory(
        objective=ObjectiveFactory(direction=DirectionFactory(programme=programme))
    )
    direction = measure.direction
    response = editor_client.post(
        f"/en/programmes/REG-T/directions/{direction.pk}/archive/", follow=True
    )
    assert "still has 1 measures in the plan" in response.content.decode()
    direction.refresh_from_db()
    assert direction.archived_at is None


def test_archived_direction_leaves_the_plan_and_comes_back(editor_client, programme):
    direction = DirectionFactory(programme=programme, title_en="Border territories")
    objective = ObjectiveFactory(direction=direction)
    url = f"/en/programmes/REG-T/directions/{direction.pk}/archive/"
    assert "Archive" in editor_client.get(url).content.decode()
    assert editor_client.post(url).status_code == 302
    direction.refresh_from_db()
    objective.refresh_from_db()
    assert direction.archived_at is not None and objective.archived_at is not None
    assert Direction.objects.filter(pk=direction.pk).exists()  # nothing deleted
    assert "Border territories" not in editor_client.get("/en/programmes/REG-T/").content.decode()
    archive_page = editor_client.get("/en/plan/REG-T/archive/").content.decode()
    assert "Border territories" in archive_page
    editor_client.post(f"/en/programmes/REG-T/directions/{direction.pk}/unarchive/")
    direction.refresh_from_db()
    assert direction.archived_at is None
    assert [r.history_change_reason for r in direction.history.order_by("history_id")][1:] == [
        "archived",
        "restored from the archive",
    ]


def test_archived_measure_is_hidden_from_the_plan_and_brought_back(editor_client, programme):
    measure = MeasureFactory(
        objective=ObjectiveFactory(direction=DirectionFactory(programme=programme)),
        title_en="Hidden soon",
    )
    assert editor_client.post(f"/en/plan/REG-T/{measure.number}/archive/").status_code == 302
    measure.refresh_from_db()
    assert measure.archived_at is not None
    assert "Hidden soon" not in editor_client.get("/en/plan/?programme=REG-T").content.decode()
    assert editor_client.get(measure.get_absolute_url()).status_code == 404
    assert "Hidden soon" in editor_client.get("/en/plan/REG-T/archive/").content.decode()
    editor_client.post(f"/en/plan/REG-T/{measure.number}/unarchive/")
    measure.refresh_from_db()
    assert measure.archived_at is None
    assert "Hidden soon" in editor_client.get("/en/plan/?programme=REG-T").content.decode()


def test_programme_edit_records_the_russian_title_in_history(editor_client, programme):
    data = {
        "title_ky": programme.title_ky,
        "title_ru": "Новое название программы",
        "title_en": programme.title_en,
        "status": programme.status,
        "period_start_year": "2025",
        "period_end_year": "2030",
        "reporting_period": "half_year",
        "report_due_day": "15",
        "report_due_months_after": "1",
        "version": version_of(programme),
    }
    response = editor_client.post("/en/programmes/REG-T/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    programme.refresh_from_db()
    assert programme.title_ru == "Новое название программы"
    assert programme.history.latest("history_id").title_ru == "Новое название программы"


def test_programme_period_end_before_start_is_refused(editor_client, programme):
    data = {
        "title_ru": "Программа",
        "status": programme.status,
        "period_start_year": "2030",
        "period_end_year": "2025",
        "reporting_period": "half_year",
        "report_due_day": "15",
        "report_due_months_after": "1",
    }
    response = editor_client.post("/en/programmes/REG-T/edit/", data)
    assert response.status_code == 200
    assert "The last year cannot come before the first year." in response.content.decode()
    assert Programme.objects.get(pk=programme.pk).period_start_year == 2025


def programme_data(programme, **overrides):
    data = {
        "title_ru": "Программа",
        "status": programme.status,
        "period_start_year": "2025",
        "period_end_year": "2030",
        "reporting_period": "half_year",
        "report_due_day": "15",
        "report_due_months_after": "1",
        "version": version_of(Programme.objects.get(pk=programme.pk)),
    }
    data.update(overrides)
    return data


def test_period_cannot_leave_dated_measures_outside(editor_client, programme):
    objective = ObjectiveFactory(direction=DirectionFactory(programme=programme))
    MeasureFactory(objective=objective, number="1.1.1")  # IV квартал 2026
    response = editor_client.post(
        "/en/programmes/REG-T/edit/", programme_data(programme, period_start_year="2027")
    )
    assert response.status_code == 200
    assert "The deadlines of measures 1.1.1 fall outside 2027–2030" in response.content.decode()


def test_annual_measures_follow_a_new_period(editor_client, programme):
    import datetime

    objective = ObjectiveFactory(direction=DirectionFactory(programme=programme))
    annual = MeasureFactory(
        objective=objective,
        deadline_text="ежегодно",
        deadline_kind="annual",
        deadline_start=datetime.date(2025, 1, 1),
        deadline_end=datetime.date(2030, 12, 31),
    )
    response = editor_client.post(
        "/en/programmes/REG-T/edit/", programme_data(programme, period_end_year="2032")
    )
    assert response.status_code == 302
    annual.refresh_from_db()
    assert annual.deadline_end == datetime.date(2032, 12, 31)
    assert (
        annual.history.latest("history_id").history_change_reason == "follows the programme period"
    )
