"""Every public page answers in each language and shows its content in that language."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from programs.models import ProgrammeStatus
from tests.factories import (
    DecisionFactory,
    MeasureFactory,
    MeetingFactory,
    MemberFactory,
    ProgrammeFactory,
    UnitFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

LANGS = ["ky", "ru", "en"]


@pytest.fixture
def plan():
    unit = UnitFactory()
    measure = MeasureFactory(
        objective__direction__programme__status=ProgrammeStatus.IN_IMPLEMENTATION,
        objective__direction__programme__code="REG-2025-2030",
        target_units=[unit],
    )
    group = WorkingGroupFactory(programme=measure.programme, slug="mwg")
    MemberFactory(group=group)
    meeting = MeetingFactory(
        group=group,
        number=1,
        news_title_ky="Жыйын өттү",
        news_title_ru="Заседание состоялось",
        news_title_en="The meeting took place",
        news_text_ky="Жаңылык",
        news_text_ru="Новость",
        news_text_en="News text",
        news_published_at=timezone.now(),
    )
    DecisionFactory(meeting=meeting)
    return {"measure": measure, "unit": unit, "group": group, "meeting": meeting}


def test_bare_root_redirects_to_kyrgyz(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ky/"


@pytest.mark.parametrize("lang", LANGS)
def test_home_shows_the_programme_in_the_language(client, plan, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()
    programme = plan["measure"].programme
    assert getattr(programme, f"title_{lang}") in response.content.decode()
    assert getattr(plan["meeting"], f"news_title_{lang}") in response.content.decode()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("/{lang}/programmes/", lambda p, lang: getattr(p["measure"].programme, f"title_{lang}")),
        (
            "/{lang}/programmes/REG-2025-2030/",
            lambda p, lang: getattr(p["measure"].direction, f"title_{lang}"),
        ),
        ("/{lang}/plan/", lambda p, lang: getattr(p["measure"], f"title_{lang}")),
        (
            "/{lang}/plan/REG-2025-2030/{number}/",
            lambda p, lang: getattr(p["measure"].lead_body, f"short_name_{lang}"),
        ),
        ("/{lang}/territory/", lambda p, lang: getattr(p["unit"], f"name_{lang}")),
        ("/{lang}/territory/{soate}/", lambda p, lang: getattr(p["measure"], f"title_{lang}")),
        ("/{lang}/bodies/", lambda p, lang: getattr(p["measure"].lead_body, f"name_{lang}")),
        ("/{lang}/bodies/{body}/", lambda p, lang: getattr(p["measure"], f"title_{lang}")),
        ("/{lang}/working-group/", lambda p, lang: getattr(p["group"], f"name_{lang}")),
        ("/{lang}/working-group/mwg/", lambda p, lang: p["group"].members.get().full_name),
        (
            "/{lang}/working-group/mwg/meetings/",
            lambda p, lang: getattr(p["meeting"], f"news_title_{lang}"),
        ),
        (
            "/{lang}/working-group/mwg/meetings/1/",
            lambda p, lang: getattr(p["meeting"], f"news_text_{lang}"),
        ),
        ("/{lang}/accounts/login/", lambda p, lang: 'name="password"'),
    ],
)
def test_page_answers_in_each_language(client, plan, lang, path, content):
    url = path.format(
        lang=lang,
        number=plan["measure"].number,
        soate=plan["unit"].soate,
        body=plan["measure"].lead_body.pk,
    )
    response = client.get(url)
    assert response.status_code == 200
    assert content(plan, lang) in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("ky", "Иш-чаралар планы"), ("ru", "План мероприятий"), ("en", "Action plan")],
)
def test_interface_is_translated(client, plan, lang, heading):
    response = client.get(f"/{lang}/plan/")
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_language_switcher_keeps_the_page(client, plan):
    response = client.get("/ky/territory/")
    assert 'href="/ru/territory/"' in response.content.decode()
    assert 'href="/en/territory/"' in response.content.decode()


class TestDraftProgrammes:
    @pytest.fixture
    def draft(self):
        return ProgrammeFactory(code="REG-2024-2028", status=ProgrammeStatus.DRAFT)

    def test_anonymous_gets_404(self, client, draft):
        assert client.get("/ky/programmes/REG-2024-2028/").status_code == 404
        assert draft.title_ky not in client.get("/ky/programmes/").content.decode()

    def test_user_without_permission_gets_404(self, client, draft):
        client.force_login(UserFactory())
        assert client.get("/ky/programmes/REG-2024-2028/").status_code == 404

    def test_user_with_view_draft_permission_sees_it(self, client, draft):
        user = UserFactory()
        user.user_permissions.add(Permission.objects.get(codename="view_draft_programme"))
        client.force_login(user)
        response = client.get("/ky/programmes/REG-2024-2028/")
        assert response.status_code == 200
        assert draft.title_ky in response.content.decode()

    def test_staff_without_a_role_does_not_see_it_a_superuser_does(self, client, draft):
        # is_staff only opens the admin; drafts follow the roles (programs.roles.VIEW_DRAFTS).
        client.force_login(UserFactory(username="staff", is_staff=True))
        assert client.get("/ru/programmes/REG-2024-2028/").status_code == 404
        client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
        assert client.get("/ru/programmes/REG-2024-2028/").status_code == 200

    def test_measures_of_a_draft_are_hidden_from_the_public(self, client, draft):
        measure = MeasureFactory(objective__direction__programme=draft)
        url = f"/ky/plan/REG-2024-2028/{measure.number}/"
        assert client.get(url).status_code == 404
        assert client.get("/ky/plan/?programme=REG-2024-2028").status_code == 400


def test_legal_act_is_written_the_official_way(client):
    from programs.models import ProgrammeLegalAct
    from tests.factories import LegalActFactory

    programme = ProgrammeFactory(code="P-ACT")
    act = LegalActFactory(number="135", date=datetime.date(2025, 3, 18))
    ProgrammeLegalAct.objects.create(programme=programme, legal_act=act, role="adoption")
    assert "18 March 2025" in client.get("/en/programmes/P-ACT/").content.decode()
    assert "от 18 марта 2025 года № 135" in client.get("/ru/programmes/P-ACT/").content.decode()
    assert "2025-жылдын 18-мартындагы № 135" in client.get("/ky/programmes/P-ACT/").content.decode()
