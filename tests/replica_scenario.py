"""The portal against a primary and a paused replica: who reads what. Run by test_replica.py as
``python -m tests.replica_scenario`` with DATABASE_URL (primary) and DATABASE_REPLICA_URL set.

It makes a measure, waits until the replica has it, pauses the replica's replay, and changes the
measure's title through the editor's form. From then on the primary holds the new title and the
replica the old one, so every response shows which database it was read from. It prints what it
saw as JSON on its last line; the test asserts on that.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regionalprogram.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from measures.models import Measure  # noqa: E402
from programs.roles import PARTNERS  # noqa: E402
from regionalprogram.api.models import ApiToken, RateCounter  # noqa: E402
from tests.edit_helpers import editor_of, measure_post_data, user_in  # noqa: E402
from tests.factories import MeasureFactory  # noqa: E402

OLD = "Road repair in Naryn (before the edit)"
NEW = "Road repair in Naryn (after the edit)"
PASSWORD = "replica-scenario-9"  # noqa: S105 - a throwaway cluster's account


def sql(alias: str, statement: str, params=()):
    with connections[alias].cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()


def wait_until_replica_has_everything() -> None:
    (lsn,) = sql("default", "SELECT pg_current_wal_lsn()::text")
    deadline = time.monotonic() + 30
    while not sql("replica", "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])[0]:
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.05)


def pause_replay() -> None:
    sql("replica", "SELECT pg_wal_replay_pause()")
    while sql("replica", "SELECT pg_get_wal_replay_pause_state()")[0] != "paused":
        time.sleep(0.05)


def title_shown(response, *, api: bool = False) -> str:
    """Which of the two titles the response shows: "old", "new", "old+new" (an editor's page
    lists the change), or what went wrong."""
    if response.status_code != 200:
        return f"status {response.status_code}"
    text = json.dumps(response.json(), ensure_ascii=False) if api else response.content.decode()
    shown = [name for name, title in (("old", OLD), ("new", NEW)) if title in text]
    return "+".join(shown) or "neither"


def main() -> dict:
    seen: dict = {"aliases": sorted(settings.DATABASES)}
    measure = MeasureFactory(number="1.1.1", title_en=OLD, title_ky=OLD, title_ru=OLD)
    editor = editor_of(measure.programme)
    editor.set_password(PASSWORD)
    editor.save()
    partner = user_in(PARTNERS)
    _token, key = ApiToken.issue(user=partner, name="replica scenario")
    wait_until_replica_has_everything()
    pause_replay()

    with translation.override("en"):
        page = reverse("measures:measure_detail", args=[measure.programme.code, measure.number])
        edit = reverse("measures:measure_edit", args=[measure.programme.code, measure.number])
        login, logout = reverse("login"), reverse("logout")
    api = "/api/v1/measures/?lang=en"

    # The editor logs in and saves a new title through the form.
    editor_client = Client()
    response = editor_client.post(login, {"username": editor.username, "password": PASSWORD})
    seen["login"] = response.status_code
    data = measure_post_data(
        measure, **{f"measure-title_{lang}": NEW for lang in ["en", "ky", "ru"]}
    )
    seen["edit"] = editor_client.post(edit, data).status_code
    seen["primary_holds"] = Measure.objects.using("default").get(pk=measure.pk).title_en
    seen["replica_holds"] = Measure.objects.using("replica").get(pk=measure.pk).title_en

    # Logged in: the primary.
    seen["editor_page"] = title_shown(editor_client.get(page))
    # Nobody logged in and nothing sent: the replica, page and API alike.
    seen["anonymous_page"] = title_shown(Client().get(page))
    seen["anonymous_api"] = title_shown(Client().get(api), api=True)
    # A partner's token: the replica for the data; the token's own check and its "last used" write
    # go to the primary (the replica is read-only: a write there would have failed the request).
    token_client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    seen["token_api"] = title_shown(token_client.get(api), api=True)
    seen["token_last_used_on_primary"] = (
        ApiToken.objects.using("default").get(user=partner).last_used_at is not None
    )
    seen["token_last_used_on_replica"] = (
        ApiToken.objects.using("replica").get(user=partner).last_used_at is not None
    )
    seen["rate_counters_on_primary"] = RateCounter.objects.using("default").count()

    # The editor logs out (a POST): for REPLICA_STICKY_SECONDS this browser still reads the
    # primary, so the public page shows the change just made; then the replica again.
    seen["logout"] = editor_client.post(logout).status_code
    seen["after_logout_page"] = title_shown(editor_client.get(page))
    seen["after_logout_api"] = title_shown(editor_client.get(api), api=True)
    time.sleep(settings.REPLICA_STICKY_SECONDS + 0.5)
    seen["after_the_window_page"] = title_shown(editor_client.get(page))

    # Replay resumed: the replica catches up and everybody sees the change.
    sql("replica", "SELECT pg_wal_replay_resume()")
    wait_until_replica_has_everything()
    seen["after_catching_up_page"] = title_shown(Client().get(page))
    seen["replica_in_recovery"] = sql("replica", "SELECT pg_is_in_recovery()")[0]

    # The replica goes down: the public pages stay up, read from the primary.
    stop_replica()
    seen["replica_down_page"] = title_shown(Client().get(page))
    seen["replica_down_api"] = title_shown(Client().get(api), api=True)
    return seen


def stop_replica() -> None:
    """PostgreSQL's fast shutdown (SIGINT to the postmaster), which ends our connection too."""
    (folder,) = sql("replica", "SHOW data_directory")
    connections["replica"].close()
    pid = int((Path(folder) / "postmaster.pid").read_text().split()[0])
    os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError("the replica did not stop")


if __name__ == "__main__":
    print(json.dumps(main()))  # noqa: T201
