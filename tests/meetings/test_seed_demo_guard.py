"""seed_demo never puts the published demo password into a database that was not made for it
(review H1): not with DEBUG off, not into a database with accounts or on a server named by
DATABASE_URL without the explicit opt-in, never into an account the demo did not make."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from meetings.models import DemoDatabase
from programs.models import Programme

pytestmark = pytest.mark.django_db

OPT_IN = "--i-know-this-is-not-production"


def seed(*args):
    with translation.override("en"):
        call_command("seed_demo", *args, stdout=StringIO(), stderr=StringIO())


def nothing_written():
    return not Programme.objects.exists() and not DemoDatabase.objects.exists()


def test_debug_off_refuses_even_with_the_opt_in(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        seed(OPT_IN)
    assert nothing_written()


def test_a_database_on_a_server_without_the_opt_in_is_refused(settings):
    settings.DEBUG, settings.EMBEDDED_DATABASE = True, False
    with pytest.raises(CommandError, match="not made for the demo"):
        seed()
    assert nothing_written()


def test_an_embedded_database_with_accounts_is_refused(settings):
    settings.DEBUG, settings.EMBEDDED_DATABASE = True, True
    get_user_model().objects.create_user("someone", password="Real-Strong-Pass-2026!")
    with pytest.raises(CommandError, match="not made for the demo"):
        seed()
    assert nothing_written()


def test_real_accounts_are_never_reset_even_with_the_opt_in(settings):
    settings.DEBUG = True
    User = get_user_model()
    admin = User.objects.create_user("admin", password="Real-Strong-Pass-2026!")
    User.objects.create_user("editor", password="Editor-Strong-Pass-2026!")
    with pytest.raises(CommandError, match="admin, editor"):
        seed(OPT_IN)
    admin.refresh_from_db()
    assert admin.check_password("Real-Strong-Pass-2026!") and not admin.is_superuser
    assert User.objects.get(username="editor").check_password("Editor-Strong-Pass-2026!")
    assert nothing_written()


def test_a_fresh_embedded_database_is_marked_and_seeded_then_runs_again(settings):
    settings.DEBUG, settings.EMBEDDED_DATABASE = True, True
    seed()
    mark = DemoDatabase.objects.get()
    assert mark.how == DemoDatabase.How.FRESH
    assert {"admin", "editor", "mec-reporting"} <= set(mark.accounts)
    assert get_user_model().objects.get(username="admin").check_password("demo12345")
    # Marked now: a second run needs no opt-in although the database has accounts.
    settings.EMBEDDED_DATABASE = False
    seed()
    assert DemoDatabase.objects.count() == 1


def test_an_account_made_after_the_demo_with_a_demo_name_is_left_alone(settings):
    settings.DEBUG = True
    seed(OPT_IN)
    assert DemoDatabase.objects.get().how == DemoDatabase.How.OPT_IN
    User = get_user_model()
    mark = DemoDatabase.objects.get()
    mark.accounts = [name for name in mark.accounts if name != "partner"]
    mark.save()
    partner = User.objects.get(username="partner")
    partner.set_password("Partner-Own-Pass-2026!")
    partner.save()
    with pytest.raises(CommandError, match="partner"):
        seed()
    partner.refresh_from_db()
    assert partner.check_password("Partner-Own-Pass-2026!")
