"""Legal acts are named the official way: issuer, date, number and kind, in each language."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from programs.models import LegalActKind
from regionalprogram.templatetags.portal import act_label, annex_reference
from tests.factories import LegalActFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolution_135():
    return LegalActFactory(
        kind=LegalActKind.RESOLUTION,
        number="135",
        date=datetime.date(2025, 3, 18),
        issuer_genitive_ky="Кыргыз Республикасынын Министрлер Кабинетинин",
        issuer_genitive_ru="Кабинета Министров Кыргызской Республики",
        issuer_genitive_en="of the Cabinet of Ministers of the Kyrgyz Republic",
    )


@pytest.mark.parametrize(
    "lang, name",
    [
        (
            "ru",
            "Постановление Кабинета Министров Кыргызской Республики от 18 марта 2025 года № 135",
        ),
        (
            "ky",
            "Кыргыз Республикасынын Министрлер Кабинетинин 2025-жылдын 18-мартындагы № 135 токтому",
        ),
        (
            "en",
            "Resolution of the Cabinet of Ministers of the Kyrgyz Republic No. 135 of 18 March 2025",
        ),
    ],
)
def test_official_name(resolution_135, lang, name):
    with translation.override(lang):
        assert act_label(resolution_135) == name


@pytest.mark.parametrize(
    "lang, line",
    [
        (
            "ru",
            "Приложение к постановлению Кабинета Министров Кыргызской Республики "
            "от 18 марта 2025 года № 135",
        ),
        (
            "ky",
            "Кыргыз Республикасынын Министрлер Кабинетинин 2025-жылдын 18-мартындагы "
            "№ 135 токтомуна тиркеме",
        ),
        (
            "en",
            "Annex to Resolution of the Cabinet of Ministers of the Kyrgyz Republic "
            "No. 135 of 18 March 2025",
        ),
    ],
)
def test_annex_line(resolution_135, lang, line):
    with translation.override(lang):
        assert annex_reference(resolution_135) == line


def test_without_a_genitive_issuer_the_kind_stands_alone_in_kyrgyz():
    act = LegalActFactory(kind=LegalActKind.ORDER, number="4", date=datetime.date(2024, 1, 17))
    act.issuer_genitive_ky = act.issuer_genitive_ru = act.issuer_genitive_en = ""
    with translation.override("ky"):
        assert act_label(act) == "2024-жылдын 17-январындагы № 4 буйрук"
    with translation.override("ru"):
        assert act_label(act) == "Приказ от 17 января 2024 года № 4"
