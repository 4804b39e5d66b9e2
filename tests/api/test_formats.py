"""CSV and XLSX on every list, conditional GET (ETag, Last-Modified, 304) and languages."""

import csv
import io

import pytest
from openpyxl import load_workbook

from measures.models import Measure
from tests.api.fixtures import add_reports, build_plan
from tests.api.test_endpoints import LISTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    plan = build_plan()
    add_reports(plan)
    return plan


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def read_xlsx(response):
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    return [dict(zip(header, row, strict=False)) for row in body]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_exports_csv_and_xlsx(api, plan, name):
    csv_response = api.get(f"/api/v1/{name}/?format=csv")
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "attachment" in csv_response["Content-Disposition"]
    assert read_csv(csv_response)
    xlsx_response = api.get(f"/api/v1/{name}/?format=xlsx")
    assert xlsx_response.status_code == 200
    assert xlsx_response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert read_xlsx(xlsx_response)


def test_csv_uses_the_same_filters_and_flattens_the_measure(api, plan):
    rows = read_csv(api.get("/api/v1/measures/?format=csv&unit=41704000000000&lang=en"))
    assert [row["key"] for row in rows] == ["REG-2025-2030/1.1.2"]
    row = rows[0]
    assert row["title"] == "Water pipe in Naryn"
    assert row["deadline.text"] == "IV квартал 2026"
    assert row["lead_body.name"].startswith("Ministry")
    assert "41704220000000" in row["target_units"]


def test_xlsx_with_all_languages_has_a_column_per_language(api, plan):
    rows = read_xlsx(api.get("/api/v1/measures/?format=xlsx&unit=41704000000000&lang=all"))
    assert rows[0]["title.ky"] == "Нарында суу түтүгү"
    assert rows[0]["title.ru"] == "Водопровод в Нарыне"
    assert rows[0]["title.en"] == "Water pipe in Naryn"


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)"])
def test_formula_looking_cells_are_neutralised(api, plan, payload):
    Measure.objects.filter(pk=plan.naryn_measure.pk).update(title_en=payload)
    url = "/api/v1/measures/?unit=41704000000000&lang=en&format="
    assert read_csv(api.get(url + "csv"))[0]["title"] == "'" + payload
    assert read_xlsx(api.get(url + "xlsx"))[0]["title"] == "'" + payload


def test_export_streams_large_results_in_chunks(api, plan, monkeypatch):
    from regionalprogram.api import export

    monkeypatch.setattr(export, "EXPORT_CHUNK", 1)
    response = api.get("/api/v1/measures/?format=csv")
    assert response.streaming
    assert len(read_csv(response)) == 2


@pytest.mark.parametrize(
    "url", ["/api/v1/measures/", "/api/v1/measures/REG-2025-2030/1.1.2/", "/api/v1/units/"]
)
def test_repeat_request_with_etag_answers_304(api, plan, url):
    first = api.get(url)
    assert first.status_code == 200
    assert first["ETag"]
    again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_repeat_request_with_if_modified_since_answers_304(api, plan):
    first = api.get("/api/v1/measures/REG-2025-2030/1.1.2/")
    assert first["Last-Modified"]
    again = api.get(
        "/api/v1/measures/REG-2025-2030/1.1.2/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert again.status_code == 304


def test_a_change_makes_a_new_etag(api, plan):
    first = api.get("/api/v1/measures/")
    body = plan.naryn_measure.lead_body
    body.name_ky = "Жаңы аталыш"
    body.save()
    again = api.get("/api/v1/measures/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_language_from_accept_language_and_from_lang(api, plan):
    url = "/api/v1/measures/REG-2025-2030/1.1.2/"
    assert api.get(url).json()["title"] == "Нарында суу түтүгү"
    assert api.get(url, HTTP_ACCEPT_LANGUAGE="ru").json()["title"] == "Водопровод в Нарыне"
    assert api.get(url + "?lang=en", HTTP_ACCEPT_LANGUAGE="ru").json()["title"] == (
        "Water pipe in Naryn"
    )
    assert api.get(url + "?lang=all").json()["title"] == {
        "ky": "Нарында суу түтүгү",
        "ru": "Водопровод в Нарыне",
        "en": "Water pipe in Naryn",
    }


def test_language_falls_back_to_kyrgyz_then_russian(api, plan):
    Measure.objects.filter(pk=plan.naryn_measure.pk).update(title_en="")
    url = "/api/v1/measures/REG-2025-2030/1.1.2/?lang=en"
    assert api.get(url).json()["title"] == "Нарында суу түтүгү"
    Measure.objects.filter(pk=plan.naryn_measure.pk).update(title_ky="")
    assert api.get(url).json()["title"] == "Водопровод в Нарыне"


def test_responses_vary_by_language_and_credentials(api, plan):
    vary = api.get("/api/v1/measures/")["Vary"]
    for header in ("Accept-Language", "Authorization"):
        assert header in vary


@pytest.mark.parametrize("payload", ["Proposal;=6+6;x", ";=1+1", "a;@SUM(A1)"])
def test_csv_cells_stay_whole_for_an_excel_that_splits_on_semicolons(api, plan, payload):
    """Kyrgyz and Russian Excel read ";" as the list separator (review L7): each cell is quoted,
    and one that starts with ";" is neutralised too, so no piece of a cell becomes a formula."""
    Measure.objects.filter(pk=plan.naryn_measure.pk).update(title_en=payload)
    response = api.get("/api/v1/measures/?unit=41704000000000&lang=en&format=csv")
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    for line in text.splitlines():
        # Split the way such an Excel splits: at ";" outside quotes; no piece starts a formula.
        pieces, piece, quoted = [], "", False
        for char in line:
            if char == '"':
                quoted = not quoted
            elif char == ";" and not quoted:
                pieces.append(piece)
                piece = ""
                continue
            piece += char
        pieces.append(piece)
        assert not [p for p in pieces if p.lstrip('"').startswith(("=", "+", "-", "@"))], line
    title = read_csv(api.get("/api/v1/measures/?unit=41704000000000&lang=en&format=csv"))[0]
    assert title["title"] == ("'" + payload if payload.startswith(";") else payload)
