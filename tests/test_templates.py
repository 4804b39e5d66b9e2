"""The templates themselves: form fields point assistive technology at text that exists, and no
line is too long to read in a diff."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from programs.roles import MEMBERS
from tests.edit_helpers import editor_of, measure_post_data, user_in
from tests.factories import (
    ExecutorFactory,
    FundingLineFactory,
    IndicatorTargetFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    MemberFactory,
    UnitFactory,
    WorkingGroupFactory,
)
from tests.subprocesses import PROJECT_DIR

TEMPLATES = PROJECT_DIR / "templates"
MAX_LINE = 200


class Ids(HTMLParser):
    """Every id in a page, and every id an aria-describedby names."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.described_by: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        self.described_by += (attrs.get("aria-describedby") or "").split()


def ids_of(response) -> Ids:
    assert response.status_code == 200, response.status_code
    parser = Ids()
    parser.feed(response.content.decode())
    return parser


def assert_every_description_exists(response, *, expected: set[str]):
    page = ids_of(response)
    missing = sorted(set(page.described_by) - set(page.ids))
    assert missing == []
    duplicates = sorted({i for i in page.ids if page.ids.count(i) > 1})
    assert duplicates == []
    # The check above proves nothing on a page without descriptions: name some that must be there.
    assert expected <= set(page.described_by), sorted(set(page.described_by))


@pytest.fixture
def measure(db):
    measure = MeasureFactory(number="1.1.1", deadline_text="IV квартал 2026")
    ExecutorFactory(measure=measure)
    FundingLineFactory(measure=measure, year=2026, planned_amount=Decimal("1500.0"))
    indicator = MeasureIndicatorFactory(measure=measure)
    IndicatorTargetFactory(indicator=indicator, year=2026, target_value=Decimal("10"))
    return measure


def edit_url(measure) -> str:
    path = reverse("measures:measure_edit", args=[measure.programme.code, measure.number])
    return "/en" + path[3:]


def test_the_measure_form_describes_its_fields_with_existing_text(client, measure):
    client.force_login(editor_of(measure.programme))
    response = client.get(edit_url(measure))
    assert_every_description_exists(
        response,
        expected={
            "id_measure-target_units_helptext",
            "id_measure-deadline_text_helptext",
            "id_executors-0-in_coordination_helptext",
        },
    )


def test_the_measure_forms_errors_are_the_descriptions_of_their_fields(client, measure):
    client.force_login(editor_of(measure.programme))
    data = measure_post_data(
        measure,
        **{
            "measure-number": "",
            "measure-deadline_text": "some day",
            "funding-0-planned_amount": "a lot",
        },
    )
    response = client.post(edit_url(measure), data)
    assert_every_description_exists(
        response,
        expected={
            "id_measure-number_error",
            "id_measure-deadline_text_error",
            "id_funding-0-planned_amount_error",
        },
    )


@pytest.fixture
def member_client(client, db):
    group = WorkingGroupFactory(slug="mwg")
    member = user_in(MEMBERS)
    MemberFactory(group=group, user=member)
    client.force_login(member)
    return client


def test_the_proposal_form_describes_its_fields_with_existing_text(member_client):
    response = member_client.get("/en/working-group/mwg/proposals/new/")
    assert_every_description_exists(response, expected={"id_attachments_helptext"})


def test_the_proposal_forms_errors_are_the_descriptions_of_their_fields(member_client):
    response = member_client.post("/en/working-group/mwg/proposals/new/", {"title": ""})
    assert_every_description_exists(response, expected={"id_title_error", "id_text_error"})


def test_the_login_forms_errors_are_the_descriptions_of_their_fields(client, db):
    assert_every_description_exists(client.get("/en/accounts/login/"), expected=set())
    response = client.post("/en/accounts/login/", {"username": "", "password": ""})
    assert_every_description_exists(response, expected={"id_username_error", "id_password_error"})


@pytest.mark.parametrize(
    ("add", "role"),
    [(messages.success, "status"), (messages.info, "status"), (messages.error, "alert")],
)
def test_a_message_is_shown_once_on_the_next_page_with_its_role(rf, db, add, role):
    request = rf.get("/en/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    add(request, "Saved the thing.")
    html = render_to_string("programs/programme_list.html", {"programmes": []}, request=request)
    assert html.count("Saved the thing.") == 1
    assert f'role="{role}">Saved the thing.</p>' in html


def test_breadcrumbs_link_every_crumb_but_the_current_page(db):
    oblast = UnitFactory(name_en="Chuy oblast")
    template = Template(
        '{% load crumbs %}{% crumbs "/en/territory/" "Territory" units "" "No link" as trail %}'
        '{% include "includes/breadcrumbs.html" with crumbs=trail here="Here" %}'
    )
    with translation.override("en"):
        html = template.render(Context({"units": [oblast]}))
        oblast_url = oblast.get_absolute_url()
    items = re.findall(r"<li>(.*?)</li>", re.sub(r"\s*\n\s*", "", html))
    assert items == [
        '<a href="/en/">Home</a>',
        '<a href="/en/territory/">Territory</a>',
        f'<a href="{oblast_url}">Chuy oblast</a>',
        "No link",
        '<span aria-current="page">Here</span>',
    ]


def test_no_template_line_is_longer_than_200_characters():
    long_lines = [
        f"{path.relative_to(TEMPLATES)}:{number}: {len(line)} characters"
        for path in sorted(TEMPLATES.rglob("*"))
        if path.is_file()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > MAX_LINE
    ]
    assert long_lines == []
