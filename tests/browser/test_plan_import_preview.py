"""In a real browser, at a desk (1366 px) and on a phone (390 px): an editor uploads a plan with one
typo'd body and one changed measure, sees old → new, picks the existing body and imports."""

from __future__ import annotations

import pytest
from django.urls import reverse

from measures.models import Measure
from measures.plan_io.importer import apply_plan, build_plan
from programs.models import ResponsibleBody
from tests.browser.conftest import login, screenshot
from tests.browser.test_forms_fit import WIDTHS, fits
from tests.edit_helpers import editor_of
from tests.measures.plan_files import make_programme_and_bodies, workbook_bytes
from tests.measures.test_plan_import_preview import measure_row, plan_rows

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_editor_picks_the_existing_body_for_a_typo_and_imports(
    live_server, new_page, tmp_path, settings, width
):
    import io

    settings.PLAN_IMPORT_DIR = tmp_path / "plan-imports"
    programme, bodies = make_programme_and_bodies()
    editor = editor_of(programme, username="planeditor")
    editor.set_password("pass12345")
    editor.save()
    plan = build_plan(
        programme,
        io.BytesIO(workbook_bytes(plan_rows(measure_row("1.1.1.", "Разработка методики")))),
    )
    apply_plan(plan)
    changed = plan_rows(
        measure_row("1.1.1.", "Разработка единой методики"),
        measure_row("1.1.2.", "Мониторинг", executors="Министерство финансв"),
    )
    upload = tmp_path / "plan.xlsx"
    upload.write_bytes(workbook_bytes(changed))

    page = new_page(viewport={"width": width, "height": 900})
    login(page, live_server, "planeditor")
    page.goto(f"{live_server.url}/en{reverse('measures:plan_import', args=[programme.code])[3:]}")
    page.set_input_files("input[type=file]", str(upload))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    row = page.locator("tr.action-update")
    assert "Разработка методики" in row.locator("del").first.inner_text()
    assert "Разработка единой методики" in row.locator("ins").first.inner_text()
    assert page.get_by_text("Create a new body “Министерство финансв”").is_visible()
    fits(page)
    screenshot(page, f"plan-import-preview-{width}")

    page.get_by_label("Use the existing body “Министерство финансов — Ministry of Finance”").check()
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("Skipped rows").count() == 0
    fits(page)
    assert Measure.objects.get(number="1.1.2").lead_body == bodies["minfin"]
    assert Measure.objects.get(number="1.1.1").title_ru == "Разработка единой методики"
    assert not ResponsibleBody.objects.filter(name_ru="Министерство финансв").exists()
