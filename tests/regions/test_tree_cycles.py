"""A loop in the territory tree or between bodies is a form error, not a 500 or a stored cycle
(review L5); the admin's forms call the same clean()."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from programs.models import ResponsibleBody
from regions.models import AdministrativeUnit
from tests.factories import BodyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


NARYN = "41704000000000"
AT_BASHY = "41704220000000"


def test_an_oblast_cannot_take_its_own_district_as_parent():
    oblast = AdministrativeUnit.objects.get(soate=NARYN)
    oblast.parent = AdministrativeUnit.objects.get(soate=AT_BASHY)
    with pytest.raises(ValidationError) as error:
        oblast.full_clean()
    assert "loop" in error.value.message_dict["parent"][0]
    assert AdministrativeUnit.objects.get(soate=NARYN).parent_id is None


def test_two_bodies_cannot_be_each_others_parent():
    first, second = BodyFactory(), BodyFactory()
    first.parent = second
    first.full_clean()
    first.save()
    second.parent = first
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "loop" in error.value.message_dict["parent"][0]
    assert ResponsibleBody.objects.get(pk=second.pk).parent_id is None


def test_the_admin_form_refuses_a_unit_loop_with_a_message():
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    oblast = AdministrativeUnit.objects.get(soate=NARYN)
    model_admin = site._registry[AdministrativeUnit]
    request = RequestFactory().get("/")
    request.user = None
    form_class = model_admin.get_form(request, oblast, fields=None)
    data = {f: v for f, v in form_class(instance=oblast).initial.items() if v is not None}
    data["parent"] = AdministrativeUnit.objects.get(soate=AT_BASHY).pk
    form = form_class(data, instance=oblast)
    assert not form.is_valid()
    assert "parent" in form.errors
