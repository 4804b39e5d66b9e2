"""A visitor opens a programme's dashboard in a real browser: the charts are drawn (one bar per
non-zero figure) and the table under each chart holds the same numbers; on a phone nothing
scrolls sideways."""

from decimal import Decimal

import pytest

from measures.models import FundingSource
from tests.browser.conftest import screenshot
from tests.factories import FundingLineFactory, MeasureFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def measures():
    first = MeasureFactory(number="1.1.1", title_en="Water for villages")
    programme = first.programme
    second = MeasureFactory(
        number="1.1.2", objective=first.objective, title_en="Roads", sample=True
    )
    FundingLineFactory(
        measure=first,
        source=FundingSource.REPUBLICAN,
        year=2026,
        planned_amount=Decimal("1578500.0"),
        actual_amount=Decimal("328412.5"),
    )
    FundingLineFactory(
        measure=second, source=FundingSource.LOCAL, year=2027, planned_amount=Decimal("2500.0")
    )
    return programme


def test_the_programme_dashboard_draws_its_figures(live_server, page, measures):
    code = measures.code
    page.goto(f"{live_server.url}/ru/programmes/{code}/dashboard/")
    chart = page.locator("#funding-by-source")
    # Republican: planned and spent; local: planned only (nothing spent draws no bar).
    assert chart.locator("svg rect.bar").count() == 3
    assert chart.get_attribute("data-bars") == "3"
    drawn = sorted(
        chart.locator("svg rect.bar").evaluate_all("els => els.map(e => e.dataset.value)")
    )
    assert drawn == ["1578500.0", "2500.0", "328412.5"]
    cells = chart.locator("table tbody td").all_inner_texts()
    assert cells == ["1\xa0578\xa0500,0", "328\xa0412,5", "2\xa0500,0", "0,0"]
    # The values written beside the bars are the table's.
    written = chart.locator("svg text.bar-value").all_text_contents()
    assert sorted(written) == sorted(cells)
    status = page.locator("#status-by-direction")
    assert status.locator("svg rect.bar").count() >= 1
    totals = status.locator("table tbody td:last-child").all_inner_texts()
    assert totals == ["2"]
    assert page.locator("p.sample-note .sample-flag").count() == 1
    screenshot(page, "dashboard-ru")


def test_the_dashboard_fits_a_phone(live_server, new_page, measures):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/en/programmes/{measures.code}/dashboard/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("svg rect.bar").count() >= 4
    screenshot(page, "dashboard-phone")
