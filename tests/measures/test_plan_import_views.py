"""The browser flow of the import: upload → preview → (create bodies) → confirm, and who may."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measures.models import Measure
from measures.plan_io import uploads
from measures.views_io import decision_field
from programs.models import ProgrammeStatus, ResponsibleBody
from programs.roles import MEMBERS, REPORTERS
from tests.edit_helpers import editor_of, user_in
from tests.factories import ProgrammeFactory
from tests.measures.plan_files import (
    BAD_ROWS,
    GOOD_ROWS,
    make_programme_and_bodies,
    realistic_rows,
    workbook_bytes,
)

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _private_upload_dir(settings, tmp_path):
    settings.PLAN_IMPORT_DIR = tmp_path / "plan-imports"


@pytest.fixture
def programme():
    return make_programme_and_bodies()[0]


def import_url(programme):
    return f"/en{reverse('measures:plan_import', args=[programme.code])[3:]}"


def upload(client, programme, data: bytes, name="plan.xlsx"):
    return client.post(
        import_url(programme), {"file": SimpleUploadedFile(name, data, content_type=XLSX)}
    )


def test_anonymous_is_sent_to_log_in(client, programme):
    response = client.get(import_url(programme))
    assert response.status_code == 302
    assert "login" in response["Location"]
    response = upload(client, programme, workbook_bytes(realistic_rows()))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Measure.objects.exists()


@pytest.mark.parametrize(
    "make_user",
    [
        lambda p: editor_of(ProgrammeFactory()),  # an editor of another programme
        lambda p: user_in(REPORTERS),
        lambda p: user_in(MEMBERS),
    ],
    ids=["editor-of-another-programme", "reporter", "member"],
)
def test_other_users_are_refused(client, programme, make_user):
    client.force_login(make_user(programme))
    assert client.get(import_url(programme)).status_code == 403
    assert upload(client, programme, workbook_bytes(realistic_rows())).status_code == 403
    assert not Measure.objects.exists()


def test_import_of_a_draft_is_hidden_from_those_who_may_not_see_drafts(client):
    """programs.permissions.editable_programme_or_deny: 404 unseen, 403 seen but not editable."""
    draft = ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    for user, status in (
        (user_in(REPORTERS), 404),
        (editor_of(ProgrammeFactory()), 403),
        (editor_of(draft), 200),
    ):
        client.force_login(user)
        assert client.get(import_url(draft)).status_code == status


def test_editor_uploads_previews_and_nothing_is_applied_while_errors_remain(client, programme):
    client.force_login(editor_of(programme))
    assert client.get(import_url(programme)).status_code == 200
    response = upload(client, programme, workbook_bytes(realistic_rows()))
    assert response.status_code == 302
    preview_url = response["Location"]
    response = client.get(preview_url)
    assert response.status_code == 200
    html = response.content.decode()
    for row in range(6, 20):
        assert f'id="row-{row}"' in html  # every row of the file is listed
    assert "когда-нибудь" in html and "column D (Deadline)" in html
    assert "Министерство чудес" in html and "column E (Responsible executors)" in html
    assert "12,3,4" in html and "column H (Amount, thousand KGS)" in html
    assert "appears twice" in html
    assert not Measure.objects.exists()

    response = client.post(preview_url, {"action": "apply"})
    assert response.status_code == 400
    assert "Nothing was imported" in response.content.decode()
    assert not Measure.objects.exists()

    # Skipping failed rows does not skip the decision on a name that matches no body.
    response = client.post(preview_url, {"action": "apply", "skip_failed_rows": "1"})
    assert response.status_code == 400
    assert "Choose what “Министерство чудес” means" in response.content.decode()
    assert not Measure.objects.exists() and not ResponsibleBody.objects.filter(
        name_ru="Министерство чудес"
    )

    wonders = decision_field("Министерство чудес")
    response = client.post(
        preview_url, {"action": "apply", "skip_failed_rows": "1", wonders: "new"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skipped rows" in html
    for number in BAD_ROWS - {"1.2.2"}:
        assert f"<td>{number}</td>" in html
    assert set(Measure.objects.values_list("number", flat=True)) == GOOD_ROWS | {"1.2.2"}
    assert Measure.objects.get(number="1.2.2").lead_body.name_ru == "Министерство чудес"
    # The upload is gone once applied.
    assert client.get(preview_url).status_code == 302


def test_a_new_body_is_created_only_with_the_import(client, programme):
    client.force_login(editor_of(programme))
    preview_url = upload(client, programme, workbook_bytes(realistic_rows()))["Location"]
    wonders = decision_field("Министерство чудес")
    response = client.post(preview_url, {"action": "decide", wonders: "new"})
    assert response.status_code == 302
    html = client.get(preview_url + "?show=all").content.decode()
    # The preview reads the file as the decision makes it, but creates nothing yet.
    assert "Unknown body “Министерство чудес”" not in html
    assert 'value="new" checked' in html or 'checked value="new"' in html or "checked" in html
    assert not ResponsibleBody.objects.filter(name_ru="Министерство чудес").exists()


def test_a_file_that_is_not_a_workbook_is_refused_next_to_the_field(client, programme):
    client.force_login(editor_of(programme))
    response = upload(client, programme, b"=cmd|' /C calc'!A0\n", name="plan.xlsx")
    assert response.status_code == 400
    assert "This is not an Excel workbook (.xlsx)." in response.content.decode()
    response = upload(client, programme, b"PK\x03\x04" + b"0" * 100, name="plan.xlsx")
    assert response.status_code == 400


def test_a_too_large_file_is_refused(client, programme, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1000)
    client.force_login(editor_of(programme))
    response = upload(client, programme, workbook_bytes(realistic_rows()))
    assert response.status_code == 400
    assert "larger than" in response.content.decode()


def test_another_session_cannot_use_the_upload(client, programme):
    editor = editor_of(programme)
    client.force_login(editor)
    preview_url = upload(client, programme, workbook_bytes(realistic_rows()))["Location"]
    from django.test import Client

    other = Client()
    other.force_login(editor)
    response = other.post(preview_url, {"action": "apply", "skip_failed_rows": "1"})
    assert response.status_code == 302
    assert not Measure.objects.exists()


def test_the_plan_page_offers_export_and_import(client, programme):
    html = client.get(f"/en/plan/?programme={programme.code}").content.decode()
    assert "/en/plan/export/xlsx/" in html and "DOCX" in html
    assert "Import from Excel" not in html
    client.force_login(editor_of(programme))
    html = client.get(f"/en/plan/?programme={programme.code}").content.decode()
    assert "Import from Excel" in html


def _plain_workbook() -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["just", "some", "data"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_without_the_plans_headers_is_a_clear_refusal(client, programme):
    """Review M4: the preview answered 500 (AttributeError) for a workbook the importer refused."""
    client.force_login(editor_of(programme))
    response = upload(client, programme, _plain_workbook())
    # The file is read once, on upload, so the refusal comes on the upload form itself.
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html or "field-error" in html
    assert "header" in html.lower()  # the message says what is missing: the plan's header row
    assert not Measure.objects.exists()


def test_a_simultaneous_import_of_the_same_file_is_refused_not_a_500(
    client, programme, monkeypatch
):
    from django.db import IntegrityError

    from measures import views_io

    def raced(*args, **kwargs):
        raise IntegrityError(
            'duplicate key value violates unique constraint "measure_number_unique"'
        )

    client.force_login(editor_of(programme))
    preview_url = upload(client, programme, workbook_bytes(realistic_rows()))["Location"]
    monkeypatch.setattr(views_io, "apply_plan", raced)
    response = client.post(
        preview_url,
        {"action": "apply", "skip_failed_rows": "1", decision_field("Министерство чудес"): "new"},
        follow=True,
    )
    assert response.status_code == 200
    assert not ResponsibleBody.objects.filter(name_ru="Министерство чудес").exists()
    assert "someone imported the same measures at the same moment" in response.content.decode()
