"""The load mix of `make load` (load/run.py starts the server and runs this headless).

Readers (most users): the home page, the action plan with filters, measure, unit and programme
pages, in Kyrgyz, Russian and English. Partners: API lists with filters, a sync by cursor from a
date, CSV exports (a large one followed as a job until its file is downloaded). Editors (the demo account `editor`): open a measure of their programme and save
it as it is, through the same form and checks a person uses. What pages exist is read once from
the API, so the mix follows whatever database it runs on. Any answer but the expected one counts
as an error (`make load` then exits non-zero).
"""

from __future__ import annotations

import itertools
import os
import random
import threading
import time

from locust import HttpUser, between, task
from lxml import html

LANGUAGES = ("ky", "ru", "en")
EDITOR = ("editor", "demo12345")  # the demo account (seed_demo)
EDITORS = int(os.environ.get("LOAD_EDITORS", "1"))
_catalogue: dict | None = None
_catalogue_lock = threading.Lock()
_editor_turn = itertools.count()
# A partner's script waiting for a large export: how often it asks, and for how long at most.
EXPORT_POLL_SECONDS = 3
EXPORT_WAIT_SECONDS = 120


def catalogue(client) -> dict:
    """Measures, units and programmes of the database, asked from the API once per run: up to 100
    measures of every programme (the first page of the whole plan would be the first programme's
    only, and a large plan's programmes would never be read)."""
    global _catalogue  # noqa: PLW0603 - one catalogue for every simulated user
    with _catalogue_lock:
        if _catalogue is None:
            codes = [
                p["code"]
                for p in client.get(
                    "/api/v1/programmes/?page_size=100&lang=en",
                    name="/api/v1/programmes/ (catalogue)",
                ).json()["results"]
            ]
            measures = []
            for code in codes:
                measures += client.get(
                    f"/api/v1/measures/?programme={code}&page_size=100&lang=en",
                    name="/api/v1/measures/ (catalogue)",
                ).json()["results"]
            units = client.get(
                "/api/v1/units/?page_size=200&lang=en", name="/api/v1/units/ (catalogue)"
            ).json()["results"]
            if not measures:
                raise RuntimeError("load: the database has no measures; seed it first")
            _catalogue = {
                "measures": [(m["programme"], m["number"]) for m in measures],
                "programmes": sorted({m["programme"] for m in measures}),
                "units": [u["soate"] for u in units] or ["41700000000000"],
            }
        return _catalogue


class Reader(HttpUser):
    weight = 6
    wait_time = between(0.5, 2)

    def on_start(self):
        self.data = catalogue(self.client)

    def lang(self) -> str:
        return random.choice(LANGUAGES)  # noqa: S311 - a load mix, not a secret

    @task(3)
    def home(self):
        self.client.get(f"/{self.lang()}/", name="/<lang>/")

    @task(4)
    def plan(self):
        programme = random.choice(self.data["programmes"])  # noqa: S311
        unit = random.choice(self.data["units"])  # noqa: S311
        query = random.choice(  # noqa: S311
            [
                f"programme={programme}",
                f"programme={programme}&unit={unit}",
                f"programme={programme}&status=in_progress",
                f"programme={programme}&q=water",
                f"programme={programme}&page=2",
            ]
        )
        with self.client.get(
            f"/{self.lang()}/plan/?{query}", name="/<lang>/plan/?filters", catch_response=True
        ) as response:
            # A second page past the end is a 404 on a small plan: not an error of the portal.
            if response.status_code == 404 and "page=2" in query:
                response.success()

    @task(4)
    def measure(self):
        code, number = random.choice(self.data["measures"])  # noqa: S311
        self.client.get(f"/{self.lang()}/plan/{code}/{number}/", name="/<lang>/plan/<measure>/")

    @task(2)
    def unit(self):
        soate = random.choice(self.data["units"])  # noqa: S311
        self.client.get(f"/{self.lang()}/territory/{soate}/", name="/<lang>/territory/<unit>/")

    @task(1)
    def programme(self):
        code = random.choice(self.data["programmes"])  # noqa: S311
        self.client.get(f"/{self.lang()}/programmes/{code}/", name="/<lang>/programmes/<code>/")

    @task(1)
    def plan_export(self):
        code = random.choice(self.data["programmes"])  # noqa: S311
        self.client.get(
            f"/{self.lang()}/plan/export/xlsx/?programme={code}&status=in_progress",
            name="/<lang>/plan/export/xlsx/",
        )


class Partner(HttpUser):
    weight = 3
    wait_time = between(0.5, 2)

    def on_start(self):
        self.data = catalogue(self.client)

    @task(4)
    def measures(self):
        code = random.choice(self.data["programmes"])  # noqa: S311
        unit = random.choice(self.data["units"])  # noqa: S311
        lang = random.choice((*LANGUAGES, "all"))  # noqa: S311
        self.client.get(
            f"/api/v1/measures/?programme={code}&unit={unit}&lang={lang}",
            name="/api/v1/measures/?filters",
        )

    @task(2)
    def sync(self):
        # A partner's nightly sync: everything changed since a date, page by cursor.
        response = self.client.get(
            "/api/v1/measures/?pagination=cursor&updated_since=2025-01-01T00:00:00Z&page_size=50",
            name="/api/v1/measures/?sync",
        )
        following = response.json().get("next") if response.ok else None
        if following:
            self.client.get(following, name="/api/v1/measures/?sync (next)")

    @task(2)
    def reports(self):
        self.client.get("/api/v1/reports/?lang=en", name="/api/v1/reports/")

    @task(2)
    def units(self):
        self.client.get("/api/v1/units/?lang=ru", name="/api/v1/units/")

    @task(1)
    def export(self):
        """A whole programme as CSV, as the API guide's script asks for it: a small one comes at
        once; a large one answers 202 with a job, asked again every few seconds (while this user
        waits, as a script would) until its file is ready, then downloaded."""
        code = random.choice(self.data["programmes"])  # noqa: S311
        response = self.client.get(
            f"/api/v1/measures/?programme={code}&format=csv", name="/api/v1/measures/?format=csv"
        )
        if response.status_code != 202:
            return
        status = response.json()
        deadline = time.monotonic() + EXPORT_WAIT_SECONDS
        while status["download"] is None and status["status"] != "failed":
            if time.monotonic() > deadline:
                return  # the run ends before the file: the job stays for the next question
            time.sleep(EXPORT_POLL_SECONDS)
            status = self.client.get(status["url"], name="/api/v1/exports/<key>/").json()
        if status["status"] == "failed":
            raise RuntimeError(status["message"])
        self.client.get(status["download"], name="/api/v1/exports/<key>/file/")


def form_values(content: bytes, field: str) -> list[tuple[str, str]]:
    """What a browser sends with the page's form that holds ``field`` (not the header's forms)."""
    for form in html.fromstring(content).forms:
        if field in form.inputs:
            return list(form.form_values())
    return []


class Editor(HttpUser):
    # Editors are few; at least one whatever the number of users (LOAD_EDITORS, 1).
    fixed_count = EDITORS
    wait_time = between(2, 5)

    def on_start(self):
        self.data = catalogue(self.client)
        page = self.client.get("/en/accounts/login/", name="/<lang>/accounts/login/")
        values = dict(form_values(page.content, "username"))
        with self.client.post(
            "/en/accounts/login/",
            data={**values, "username": EDITOR[0], "password": EDITOR[1]},
            name="/<lang>/accounts/login/ (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused ({response.status_code})")
        # Each editor saves only measures of its own share, so two never save one at once (that
        # would be a correct 409 of the edit-conflict check, not a fault under load).
        turn = next(_editor_turn) % EDITORS
        self.measures = self.data["measures"][turn::EDITORS] or self.data["measures"]

    @task
    def save_measure(self):
        code, number = random.choice(self.measures)  # noqa: S311
        path = f"/en/plan/{code}/{number}/edit/"
        with self.client.get(path, name="/<lang>/plan/<measure>/edit/", catch_response=True) as got:
            if got.status_code == 403:  # a measure of a programme this editor does not edit
                got.success()
                return
            values = form_values(got.content, "measure-version")
            if not values:
                got.failure("no measure form on the edit page")
                return
        with self.client.post(
            path,
            data=values,
            name="/<lang>/plan/<measure>/edit/ (save)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"not saved ({response.status_code})")
