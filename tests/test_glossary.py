"""The catalogues use the terms of docs/glossary.md: one word per concept, the right Russian plurals,
and the import still reads the official table's old Kyrgyz header."""

from __future__ import annotations

import gettext as gettext_module
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from measures.plan_io.layout import recognise_header

ROOT = Path(__file__).resolve().parents[1]


def catalogue_strings(lang: str) -> list[str]:
    """Every translated string of the portal's own compiled catalogue (not Django's) of ``lang``."""
    path = ROOT / "locale" / lang / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as mo:
        return list(gettext_module.GNUTranslations(mo)._catalog.values())


@pytest.mark.parametrize(
    ("lang", "msgid", "term"),
    [
        ("ky", "objective", "милдет"),
        ("ky", "Objective / Measure", "Милдет / Иш-чаранын аталышы"),
        ("ky", "agenda item", "күн тартибинин маселеси"),
        ("ky", "Action plan", "Иш-чаралар планы"),
        ("ky", "co-executor", "тең аткаруучу"),
        ("ky", "Co-executors", "Тең аткаруучулар"),
        ("ky", "unit of measure", "өлчөө бирдиги"),
        ("ky", "Edit", "Түзөтүү"),
        ("ky", "correction", "оңдоо"),
        ("ky", "amendment of minutes", "протоколго киргизилген өзгөртүү"),
        ("ky", "adopted", "бекитилген"),
        ("ky", "delayed", "кечигүү менен аткарылууда"),
        ("ky", "legal act", "укуктук акт"),
        ("ky", "Expected result / indicator", "Күтүлүүчү натыйжа / көрсөткүч"),
        ("ky", "Cancel", "Баш тартуу"),
        ("ky", "progress report", "аткаруу боюнча отчет"),
        ("ru", "objective", "задача"),
        ("ru", "Action plan", "План мероприятий"),
        ("ru", "adopted", "утверждена"),
        ("ru", "delayed", "выполняется с нарушением срока"),
        ("ru", "legal act", "правовой акт"),
        ("ru", "attachment", "приложение"),
        ("ru", "amendment of minutes", "поправка к протоколу"),
        ("ru", "measure indicator", "индикатор мероприятия"),
        ("ru", "Add an indicator", "Добавить индикатор"),
        ("ru", "socio-economic indicator", "социально-экономический показатель"),
        ("ru", "progress report", "отчёт о ходе выполнения"),
        ("en", "adopted", "approved"),
    ],
)
def test_catalogue_uses_the_glossary_term(lang, msgid, term):
    with translation.override(lang):
        assert gettext(msgid) == term


@pytest.mark.parametrize(
    ("lang", "wrong"),
    [
        ("ky", "иш-аракеттер план"),  # the Cabinet's plan, not the programme's
        ("ky", "биргелешкен аткаруучу"),
        ("ky", "ченемдик укуктук"),
        ("ky", "көрсөтмө"),
        ("ky", "отурум"),
        ("ky", "хэш"),
        ("ky", "саясаты бөлүмү"),  # an unverified unit of the ministry
        ("ru", "нормативн"),
        ("ru", "Кабинету министров"),  # "Министров" with a capital, as in acts
        ("ru", "вложени"),
        ("ru", "лежит вне"),
        ("ru", "управление политики"),  # an unverified unit of the ministry
    ],
)
def test_catalogue_has_no_rejected_wording(lang, wrong):
    # A lower-case pattern matches in any case; one with capitals matches exactly.
    offending = [
        text
        for text in catalogue_strings(lang)
        if wrong in (text.lower() if wrong.islower() else text)
    ]
    assert offending == []


def test_objective_and_agenda_item_are_different_words_in_kyrgyz():
    with translation.override("ky"):
        assert gettext("Add objective") != gettext("Add an item")
        assert "маселе" not in gettext("Directions and objectives").lower()
        assert "маселе" in gettext("Agenda item").lower()


def test_approved_is_not_accepted_in_kyrgyz():
    # A programme is approved by a resolution; a report is accepted by the ministry.
    with translation.override("ky"):
        assert gettext("adopted") != gettext("accepted")


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Приглашение отправлено 1 члену."),
        (2, "Приглашение отправлено 2 членам."),
        (5, "Приглашение отправлено 5 членам."),
        (11, "Приглашение отправлено 11 членам."),
        (21, "Приглашение отправлено 21 члену."),
        (24, "Приглашение отправлено 24 членам."),
    ],
)
def test_russian_invitation_count_takes_the_right_plural(count, expected):
    with translation.override("ru"):
        text = ngettext(
            "The invitation has been sent to %(count)d member.",
            "The invitation has been sent to %(count)d members.",
            count,
        ) % {"count": count}
    assert text == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "У 1 действующего члена есть адрес электронной почты."),
        (3, "У 3 действующих членов есть адрес электронной почты."),
        (7, "У 7 действующих членов есть адрес электронной почты."),
        (31, "У 31 действующего члена есть адрес электронной почты."),
    ],
)
def test_russian_members_with_e_mail_take_the_right_plural(count, expected):
    with translation.override("ru"):
        text = ngettext(
            "%(counter)s current member has an e-mail address.",
            "%(counter)s current members have an e-mail address.",
            count,
        ) % {"counter": count}
    assert text == expected


def test_kyrgyz_act_kind_is_nominative_where_the_issuer_stands_apart():
    # K14: the possessive form only after an issuer in the genitive ("…Президентинин … № 350
    # Жарлыгы"); an act named without its issuer takes the bare kind.
    with translation.override("ky"):
        assert pgettext("legal act named without its issuer", "Decree") == "жарлык"
        assert pgettext("legal act named without its issuer", "Order") == "буйрук"
        assert pgettext("legal act in a dated phrase", "Decree") == "Жарлыгы"


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Милдет / Иш-чаранын аталышы", "title"),
        ("Маселе / Иш-чаранын аталышы", "title"),  # files written before the glossary
        ("Задача / Наименование мероприятия", "title"),
        ("Күтүлүүчү натыйжа / көрсөткүч", "result"),
        ("Күтүлүүчү натыйжа / индикатор", "result"),
    ],
)
def test_import_reads_the_new_and_the_old_kyrgyz_headers(header, column):
    assert recognise_header(header) == column


def test_the_glossary_is_in_the_repository_and_linked_from_the_readme():
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert "| милдет | задача | objective |" in glossary
    assert "docs/glossary.md" in (ROOT / "README.md").read_text(encoding="utf-8")
