"""The database itself refuses a malformed classifier code, whatever path the write takes."""

import pytest
from django.db import IntegrityError, transaction

from regions.models import AdministrativeUnit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["4170200000000", "41802000000000", "4170200000000A", ""])
def test_bad_classifier_code_is_refused_by_the_database(code):
    unit = UnitFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        # update() skips the model's normalisation: only the CHECK constraint stands in the way.
        AdministrativeUnit.objects.filter(pk=unit.pk).update(soate=code)
    unit.refresh_from_db()
    assert unit.soate.startswith("417")


def test_letters_in_a_code_are_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        AdministrativeUnit.objects.bulk_create(
            [AdministrativeUnit(soate="417O2000000000", level="oblast", name="x", tree_path="x/")]
        )
