"""The import preview that fits the work (issue 12): old → new of each changed field, a view of the
changes and errors only, near matches offered for names that match no body, and a decision per
name that the server checks before anything is written."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from measures.models import Measure
from measures.plan_io import layout, preview
from measures.plan_io.importer import _field_label, apply_plan, build_plan, load_bodies
from measures.views_io import decision_field
from programs.models import ResponsibleBody
from tests.edit_helpers import editor_of
from tests.factories import BodyFactory, ProgrammeFactory
from tests.measures.plan_files import make_programme_and_bodies, workbook_bytes

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EMPTY = [None] * 6


@pytest.fixture(autouse=True)
def _private_upload_dir(settings, tmp_path):
    settings.PLAN_IMPORT_DIR = tmp_path / "plan-imports"


@pytest.fixture
def setup():
    return make_programme_and_bodies()


def measure_row(number, title, *, deadline="IV квартал 2025", executors="МЭК", amount="1 500,0"):
    return [
        number,
        title,
        "Приказ МЭК",
        deadline,
        executors,
        "Методика утверждена",
        "Республиканский бюджет",
        amount,
    ]


def plan_rows(*measures) -> list[list]:
    return [
        ["1.", "Урбанизированные территории", *EMPTY],
        ["1.1.", "Точки роста", *EMPTY],
        *measures,
    ]


def imported(programme, rows) -> None:
    with translation.override("en"):
        plan = build_plan(programme, workbook_bytes_io(rows))
        assert not plan.has_errors, plan.errors
        apply_plan(plan)


def workbook_bytes_io(rows):
    import io

    return io.BytesIO(workbook_bytes(rows))


def preview_url_after_upload(client, programme, rows) -> str:
    url = f"/en{reverse('measures:plan_import', args=[programme.code])[3:]}"
    data = SimpleUploadedFile("plan.xlsx", workbook_bytes(rows), content_type=XLSX)
    response = client.post(url, {"file": data})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


# --- near matches: the one body index suggests --------------------------------------------------


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Министерство финансов.", "minfin"),  # a dot the clerk added
        ("‘Министерство Финансов’", "minfin"),  # quotes the exact match does not drop, and case
        ("Министерство финансв", "minfin"),  # one letter dropped
        ("Министерство экономики и комерции", "mek"),  # one letter dropped
        ("Финанс министрлиги", "minfin"),  # Kyrgyz, one letter dropped
        ("Жергиликтүү өз алдынча башкаруу органдар", "lsg"),  # Kyrgyz, one letter dropped
        ("Экономика жана коммерциа министрлиги", "mek"),  # Kyrgyz, one letter replaced
        ("Минфинн", "minfin"),  # an abbreviation with one letter too many
    ],
)
def test_a_name_that_nearly_matches_a_body_is_offered_as_that_body(setup, written, meant):
    _programme, bodies = setup
    index = load_bodies()
    assert not index.lookup(written)  # not an exact match: the editor must decide
    assert index.suggest(written)[0] == bodies[meant]


@pytest.mark.parametrize("written", ["Министерство чудес", "МЧС", "Жаңы агенттик", "ЭК"])
def test_an_unrelated_name_or_another_short_abbreviation_gets_no_suggestion(setup, written):
    assert load_bodies().suggest(written) == []


def test_likeness_is_one_letter_or_very_alike_not_any_resemblance():
    key = layout.near_key
    assert layout.name_likeness(key("«Кыргызпочтасы»"), key('"Кыргызпочтасы"')) == 1.0
    assert layout.name_likeness(key("Кыргызпочтасы"), key("Кыргызпочтасв")) == 0.99
    assert layout.name_likeness(key("Министерство юстиции"), key("Министерство культуры")) == 0


def test_an_active_body_comes_before_an_inactive_one_of_the_same_likeness(setup):
    BodyFactory(name_ru="Министерство финансоф", is_active=False)
    suggestions = load_bodies().suggest("Министерство финансов.")
    assert suggestions[0].name_ru == "Министерство финансов"


# --- old → new -------------------------------------------------------------------------------


def test_the_preview_says_old_and_new_of_every_changed_field_in_the_page_language(setup):
    programme, _bodies = setup
    imported(
        programme,
        plan_rows(
            measure_row(
                "1.1.1.",
                "Разработка методики",
                executors="МЭК\nМинистерство финансов (по согласованию)",
            )
        ),
    )
    changed = plan_rows(
        measure_row(
            "1.1.1.",
            "Разработка единой методики",
            deadline="2026",
            executors="Минфин\nМЭК",
            amount="2026 – 2 000,0",
        )
    )
    with translation.override("en"):
        plan = build_plan(programme, workbook_bytes_io(changed))
        (row,) = [r for r in plan.rows if r.number == "1.1.1"]
        assert row.action == "update"
        diff = {c.label: (c.old, c.new) for c in preview.row_diffs(plan, plan.rows)[row.row]}
    assert diff == {
        "measure": ("Разработка методики", "Разработка единой методики"),
        "deadline": ("Q4 2025", "2026"),
        "lead body": ("Ministry of Economy and Commerce", "Ministry of Finance"),
        "co-executors": (
            "Ministry of Finance (in coordination)",
            "Ministry of Economy and Commerce",
        ),
        "funding: Republican budget": ("2025 – 1 500,0", "2026 – 2 000,0"),
    }
    with translation.override("ru"):
        plan = build_plan(programme, workbook_bytes_io(changed))
        (row,) = [r for r in plan.rows if r.number == "1.1.1"]
        label = _field_label("deadline")
        deadline = [c for c in preview.row_diffs(plan, [row])[row.row] if c.label == label]
    assert (deadline[0].old, deadline[0].new) == ("IV квартал 2025 года", "2026 год")


def test_the_filter_shows_changes_and_errors_by_default_on_a_long_file_and_counts_each_action(
    client, setup
):
    programme, _bodies = setup
    titles = [f"Мероприятие {n}" for n in range(1, 15)]
    imported(programme, plan_rows(*(measure_row(f"1.1.{n}.", t) for n, t in enumerate(titles, 1))))
    rows = plan_rows(*(measure_row(f"1.1.{n}.", t) for n, t in enumerate(titles, 1)))
    rows[3][1] = "Мероприятие 2, изменённое"  # 1.1.2 changes
    rows.append(measure_row("1.1.20.", "Новое мероприятие"))  # new
    rows.append(measure_row("1.1.21.", "С ошибкой", deadline="когда-нибудь"))  # error
    client.force_login(editor_of(programme))
    url = preview_url_after_upload(client, programme, rows)

    html = client.get(url).content.decode()
    shown = set(re.findall(r'id="row-(\d+)"', html))
    assert len(shown) == 3  # the change, the new row and the error: not the 14 unchanged rows
    assert "changed: 1" in html and "new: 1" in html and "unchanged: 15" in html
    assert "rows with errors: 1" in html
    assert "когда-нибудь" in html and "column D (Deadline)" in html
    assert "Мероприятие 2" in html and "Мероприятие 2, изменённое" in html  # old → new
    assert "only changes and errors (3)" in html and "all rows (18)" in html

    html = client.get(url + "?show=all").content.decode()
    assert len(set(re.findall(r'id="row-(\d+)"', html))) == 18


def test_a_long_file_is_shown_a_page_at_a_time(client, setup, monkeypatch):
    programme, _bodies = setup
    monkeypatch.setattr(preview, "PAGE_SIZE", 5)
    rows = plan_rows(*(measure_row(f"1.1.{n}.", f"Мероприятие {n}") for n in range(1, 13)))
    client.force_login(editor_of(programme))
    url = preview_url_after_upload(client, programme, rows)
    html = client.get(url).content.decode()
    assert len(re.findall(r'id="row-\d+"', html)) == 5
    assert "rows 1–5 of 14" in html and "Page 1 of 3" in html
    html = client.get(url + "?show=changes&page=3").content.decode()
    assert len(re.findall(r'id="row-\d+"', html)) == 4 and "Page 3 of 3" in html


def test_the_preview_runs_a_fixed_number_of_queries_whatever_the_rows(client, setup):
    programme, _bodies = setup
    client.force_login(editor_of(programme))
    counts = []
    for size in (3, 40):
        rows = plan_rows(*(measure_row(f"1.1.{n}.", f"Мероприятие {n}") for n in range(1, size)))
        imported(programme, rows)
        for row in rows[2:]:
            row[1] += " (изменено)"
            row[4] = "Минфин"
        url = preview_url_after_upload(client, programme, rows)
        client.get(url)  # the rows are read and kept at the first preview
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url + "?show=all").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# --- a decision per name ---------------------------------------------------------------------


TYPO = "Министерство финансв"


def typo_rows():
    return plan_rows(
        measure_row("1.1.1.", "Разработка методики", executors=TYPO),
        measure_row("1.1.2.", "Мониторинг", executors="МЭК"),
    )


def test_the_editor_uses_the_existing_body_the_typo_means(client, setup):
    programme, bodies = setup
    client.force_login(editor_of(programme))
    url = preview_url_after_upload(client, programme, typo_rows())
    html = client.get(url).content.decode()
    assert "Use the existing body “Министерство финансов — Ministry of Finance”" in html
    assert f"Create a new body “{TYPO}”" in html
    assert "Create all" not in html

    field = decision_field(TYPO)
    response = client.post(url, {"action": "decide", field: f"use:{bodies['minfin'].pk}"})
    assert response.status_code == 302
    html = client.get(url + "?show=all").content.decode()
    assert "Unknown body" not in html
    assert re.search(rf'name="{field}" value="use:{bodies["minfin"].pk}"[^>]*checked', html)

    before = ResponsibleBody.objects.count()
    response = client.post(url, {"action": "apply", field: f"use:{bodies['minfin'].pk}"})
    assert response.status_code == 200
    assert Measure.objects.get(number="1.1.1").lead_body == bodies["minfin"]
    assert ResponsibleBody.objects.count() == before  # no body from a typo


def test_the_import_waits_for_a_decision_on_every_name(client, setup):
    programme, _bodies = setup
    client.force_login(editor_of(programme))
    url = preview_url_after_upload(client, programme, typo_rows())
    for data in ({"action": "apply"}, {"action": "apply", "skip_failed_rows": "1"}):
        response = client.post(url, data)
        assert response.status_code == 400
        assert f"Choose what “{TYPO}” means" in response.content.decode()
    assert not Measure.objects.exists()


@pytest.mark.parametrize("forged", ["lsg", "other", "nonsense"])
def test_a_body_not_offered_for_the_name_is_refused_and_nothing_is_saved(client, setup, forged):
    programme, bodies = setup
    other = BodyFactory(name_ru="Министерство юстиции")
    value = {
        "lsg": f"use:{bodies['lsg'].pk}",  # a real body, not offered for this name
        "other": f"use:{other.pk}",
        "nonsense": "use:999999",
    }[forged]
    client.force_login(editor_of(programme))
    url = preview_url_after_upload(client, programme, typo_rows())
    before = ResponsibleBody.objects.count()
    for action in ("decide", "apply"):
        response = client.post(url, {"action": action, decision_field(TYPO): value})
        assert response.status_code == 400
        assert "choose one of the bodies offered for this name" in response.content.decode()
    assert not Measure.objects.exists()
    assert ResponsibleBody.objects.count() == before


def test_a_new_body_is_created_with_the_import_and_undone_with_it(client, setup, monkeypatch):
    programme, _bodies = setup
    client.force_login(editor_of(programme))
    url = preview_url_after_upload(client, programme, typo_rows())
    field = decision_field(TYPO)

    from measures import views_io
    from measures.services import EditConflict

    def conflict(*args, **kwargs):
        raise EditConflict(Measure(number="1.1.1"), 1)

    monkeypatch.setattr(views_io, "apply_plan", conflict)
    response = client.post(url, {"action": "apply", field: "new"})
    assert response.status_code == 302
    assert not ResponsibleBody.objects.filter(name_ru=TYPO).exists()  # undone with the import

    monkeypatch.undo()
    response = client.post(url, {"action": "apply", field: "new"})
    assert response.status_code == 200
    body = ResponsibleBody.objects.get(name_ru=TYPO)
    assert Measure.objects.get(number="1.1.1").lead_body == body


# --- who may ---------------------------------------------------------------------------------


def test_only_the_programmes_editor_sees_and_confirms_the_preview(client, setup):
    programme, bodies = setup
    client.force_login(editor_of(programme))
    url = preview_url_after_upload(client, programme, typo_rows())
    field = decision_field(TYPO)
    data = {"action": "apply", field: f"use:{bodies['minfin'].pk}"}

    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    response = client.post(url, data)
    assert response.status_code == 302 and "login" in response["Location"]

    client.force_login(editor_of(ProgrammeFactory()))
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert not Measure.objects.exists()

    client.force_login(editor_of(programme))  # another session of an editor: not its upload
    assert client.post(url, data).status_code == 302
    assert not Measure.objects.exists()
