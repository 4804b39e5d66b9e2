"""Settings read the whole environment, check every value, and refuse to start on a bad one.

Each case imports the settings module in a child process with only the variables given, as a server
does when it starts, so the module-level checks run for real and nothing leaks between cases.
"""

from __future__ import annotations

import json
import re
import subprocess  # noqa: S404 - importing the settings as a server does is the point
import sys

import pytest

from tests.subprocesses import PROJECT_DIR

# No server is reached: settings only parse the URL.
DATABASE_URL = "postgres://portal@127.0.0.1:5432/portal"
DEVELOPMENT = {"DEBUG": "1", "DATABASE_URL": DATABASE_URL}
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "settings-test-" + "x" * 50,
    "DATABASE_URL": DATABASE_URL,
    "PORTAL_URL": "https://regions.example.kg",
}
SHOWN = [
    "DEBUG",
    "PORTAL_URL",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "EMAIL_BACKEND",
    "MAIL_DELIVERY_BACKEND",
    "EMAIL_TIMEOUT",
    "DEFAULT_FROM_EMAIL",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "PLAN_IMPORT_DIR",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "SECURE_HSTS_SECONDS",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_TIME",
    "TRUSTED_PROXY_COUNT",
]
SCRIPT = f"""
import json
from regionalprogram import settings as s
shown = {{name: getattr(s, name) for name in {SHOWN!r}}}
shown["THROTTLE"] = s.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
shown["LOG_LEVEL"] = s.LOGGING["root"]["level"]
shown["CONN_MAX_AGE"] = s.DATABASES["default"]["CONN_MAX_AGE"]
shown["SECURE_PROXY_SSL_HEADER"] = s.SECURE_PROXY_SSL_HEADER
print(json.dumps(shown, default=str))
"""


def load_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter whose environment holds only ``env``.

    The development .env that `make` writes is read for missing variables, so every case sets DEBUG.
    """
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", SCRIPT],
        cwd=PROJECT_DIR,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def loaded(env: dict[str, str]) -> dict:
    result = load_settings(env)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def refusal(result: subprocess.CompletedProcess) -> str:
    """The ImproperlyConfigured message the start stopped with."""
    assert result.returncode != 0, f"settings loaded: {result.stdout}"
    match = re.search(
        r"^django\.core\.exceptions\.ImproperlyConfigured: (.*)$", result.stderr, re.M
    )
    assert match, result.stderr[-2000:]
    return match.group(1)


BAD_VALUES = [
    ("DEBUG", "maybe"),
    ("TESTING", "2"),
    ("SECURE_SSL_REDIRECT", "sometimes"),
    ("SESSION_COOKIE_SECURE", "y"),
    ("CSRF_COOKIE_SECURE", "secure"),
    ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "all"),
    ("SECURE_HSTS_PRELOAD", "please"),
    ("SECURE_HSTS_SECONDS", "a year"),
    ("SECURE_HSTS_SECONDS", "-1"),
    ("ALLOWED_HOSTS", "regions.example.kg,https://regions.example.kg"),
    ("CSRF_TRUSTED_ORIGINS", "regions.example.kg"),
    ("PORTAL_URL", "regions.example.kg"),
    ("PORTAL_URL", "ftp://regions.example.kg"),
    ("PORTAL_URL", "https://regions.example.kg/ky/"),
    ("PORTAL_URL", "https://regions.example.kg:99999"),
    ("DATABASE_URL", "mysql://portal@db.example.kg/portal"),
    ("DATABASE_URL", "not a url"),
    ("DATABASE_REPLICA_URL", "mysql://portal@db2.example.kg/portal"),
    ("DATABASE_REPLICA_URL", "not a url"),
    ("REPLICA_STICKY_SECONDS", "0"),
    ("REPLICA_STICKY_SECONDS", "ten"),
    ("EMBEDDED_PGDATA", ".pgdata"),
    ("DB_CONN_MAX_AGE", "1m"),
    ("DB_CONN_MAX_AGE", "-5"),
    ("STATIC_ROOT", "staticfiles"),
    ("MEDIA_ROOT", "media"),
    ("PLAN_IMPORT_DIR", "tmp/plan-imports"),
    ("EMAIL_BACKEND", "smtp"),
    ("DEFAULT_FROM_EMAIL", "noreply"),
    ("EMAIL_HOST", "smtp://mail.example.kg"),
    ("EMAIL_PORT", "smtp"),
    ("EMAIL_PORT", "70000"),
    ("EMAIL_TIMEOUT", "0"),
    ("EMAIL_USE_TLS", "starttls"),
    ("EMAIL_USE_SSL", "ssl"),
    ("API_THROTTLE_ANON", "60 per minute"),
    ("API_THROTTLE_USER", "0/minute"),
    ("API_THROTTLE_TOKEN", "600/month"),
    ("LOG_LEVEL", "LOUD"),
    ("AXES_FAILURE_LIMIT", "five"),
    ("AXES_FAILURE_LIMIT", "0"),
    ("AXES_COOLOFF_MINUTES", "0.5"),
    ("TRUSTED_PROXY_COUNT", "-1"),
    ("REDIS_URL", "localhost:6379"),
    ("CACHE_TABLE", "Portal-Cache"),
    ("S3_BUCKET", "Portal_Files"),
    ("S3_ENDPOINT_URL", "minio.example.kg:9000"),
    ("S3_ADDRESSING_STYLE", "sideways"),
]


@pytest.mark.parametrize(("name", "value"), BAD_VALUES)
def test_a_bad_value_stops_the_start_naming_the_variable(name, value):
    message = refusal(load_settings({**PRODUCTION, name: value}))
    assert message.startswith(name), message


def test_production_settings_load_with_portal_url():
    shown = loaded(PRODUCTION)
    assert shown["DEBUG"] is False
    assert shown["PORTAL_URL"] == "https://regions.example.kg"


def test_portal_url_is_required_without_debug():
    without = {name: value for name, value in PRODUCTION.items() if name != "PORTAL_URL"}
    message = refusal(load_settings(without))
    assert message.startswith("PORTAL_URL must be set when DEBUG is off"), message


def test_development_has_a_local_portal_url():
    assert loaded(DEVELOPMENT)["PORTAL_URL"] == "http://127.0.0.1:8000"


def test_plan_workbooks_wait_in_a_git_ignored_folder_of_the_project_by_default():
    # Not the machine's temporary folder, which every installation on the host shared.
    folder = PROJECT_DIR / "plan-imports"
    for env in (DEVELOPMENT, PRODUCTION):
        assert loaded(env)["PLAN_IMPORT_DIR"] == str(folder)
    ignored = subprocess.run(  # noqa: S603 - a fixed git command
        ["git", "check-ignore", "-q", str(folder / "upload.xlsx")],  # noqa: S607
        cwd=PROJECT_DIR,
        check=False,
    )
    assert ignored.returncode == 0


def test_forwarded_proto_is_trusted_only_behind_a_proxy():
    # Straight to gunicorn, "X-Forwarded-Proto: https" from the client would skip the HTTPS
    # redirect and pass for a secure request; behind our own proxy, the proxy writes it.
    assert loaded(PRODUCTION)["SECURE_PROXY_SSL_HEADER"] is None
    assert loaded({**PRODUCTION, "TRUSTED_PROXY_COUNT": "0"})["SECURE_PROXY_SSL_HEADER"] is None
    behind = loaded({**PRODUCTION, "TRUSTED_PROXY_COUNT": "1"})
    assert behind["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_connections_persist_in_production_only():
    # runserver opens a thread, and with it a connection, per request: kept 60 s, a burst of new
    # clients ran PostgreSQL out of connections ("too many clients already").
    assert loaded(DEVELOPMENT)["CONN_MAX_AGE"] == 0
    assert loaded(PRODUCTION)["CONN_MAX_AGE"] == 60
    # Either may still be set on purpose.
    assert loaded({**DEVELOPMENT, "DB_CONN_MAX_AGE": "30"})["CONN_MAX_AGE"] == 30
    assert loaded({**PRODUCTION, "DB_CONN_MAX_AGE": "0"})["CONN_MAX_AGE"] == 0


def test_the_cache_is_postgresql_s_own_table_unless_redis_is_named():
    # Shared by every app node either way: no per-process memory (LocMemCache) by default.
    script = "from regionalprogram import settings as s; import json; print(json.dumps(s.CACHES))"
    environments = (PRODUCTION, {**PRODUCTION, "REDIS_URL": "redis://cache.example.kg:6379/1"})
    database, redis = (
        json.loads(
            subprocess.run(  # noqa: S603
                [sys.executable, "-c", script],
                cwd=PROJECT_DIR,
                env={"PATH": "/usr/bin:/bin", **env},
                capture_output=True,
                text=True,
                timeout=60,
                check=True,
            ).stdout.splitlines()[-1]
        )["default"]
        for env in environments
    )
    assert database == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    }
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.example.kg:6379/1",
    }


def test_a_bucket_moves_uploads_and_plan_imports_to_object_storage():
    script = "from regionalprogram import settings as s; import json; print(json.dumps(s.STORAGES))"

    def storages(env):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script],
            cwd=PROJECT_DIR,
            env={"PATH": "/usr/bin:/bin", **env},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return json.loads(result.stdout.splitlines()[-1])

    local = storages(PRODUCTION)
    assert local["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert local["plan_imports"]["BACKEND"] == "regionalprogram.storage.PlanImportFolderStorage"
    bucket = storages(
        {
            **PRODUCTION,
            "S3_BUCKET": "portal-files",
            "S3_ENDPOINT_URL": "https://minio.example.kg:9000",
            "S3_ACCESS_KEY_ID": "portal",
            "S3_SECRET_ACCESS_KEY": "s3cret",
        }
    )
    for name, folder, overwrite in (
        ("default", "media", False),
        ("plan_imports", "plan-imports", True),
    ):
        assert bucket[name]["BACKEND"] == "storages.backends.s3.S3Storage"
        options = bucket[name]["OPTIONS"]
        assert options["bucket_name"] == "portal-files"
        assert options["endpoint_url"] == "https://minio.example.kg:9000"
        assert (options["location"], options["file_overwrite"]) == (folder, overwrite)
        assert options["default_acl"] is None and options["querystring_auth"] is True


def test_secret_key_is_required_without_debug():
    without = {name: value for name, value in PRODUCTION.items() if name != "SECRET_KEY"}
    assert refusal(load_settings(without)) == "SECRET_KEY must be set when DEBUG is off."


def test_tls_and_ssl_together_are_refused():
    env = {**PRODUCTION, "EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}
    assert "EMAIL_USE_TLS and EMAIL_USE_SSL" in refusal(load_settings(env))


def test_good_values_reach_their_settings():
    shown = loaded(
        {
            **PRODUCTION,
            "PORTAL_URL": "https://regions.example.kg:8443/",
            "ALLOWED_HOSTS": "regions.example.kg, .gov.kg",
            "CSRF_TRUSTED_ORIGINS": "https://regions.example.kg,https://*.gov.kg",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "DEFAULT_FROM_EMAIL": "Portal <noreply@regions.example.kg>",
            "EMAIL_HOST": "mail.example.kg",
            "EMAIL_PORT": "587",
            "EMAIL_HOST_USER": "portal",
            "EMAIL_HOST_PASSWORD": "s3cret",
            "EMAIL_USE_TLS": "true",
            "EMAIL_TIMEOUT": "20",
            "PLAN_IMPORT_DIR": "/srv/portal/imports",
            "STATIC_ROOT": "/srv/portal/static",
            "MEDIA_ROOT": "/srv/portal/media",
            "SECURE_HSTS_SECONDS": "3600",
            "AXES_FAILURE_LIMIT": "3",
            "AXES_COOLOFF_MINUTES": "90",
            "TRUSTED_PROXY_COUNT": "1",
            "DB_CONN_MAX_AGE": "0",
            "API_THROTTLE_ANON": "10/second",
            "API_THROTTLE_USER": "100/hour",
            "API_THROTTLE_TOKEN": "5000/day",
            "LOG_LEVEL": "warning",
        }
    )
    assert shown == {
        "DEBUG": False,
        "PORTAL_URL": "https://regions.example.kg:8443",
        "ALLOWED_HOSTS": ["regions.example.kg", ".gov.kg"],
        "CSRF_TRUSTED_ORIGINS": ["https://regions.example.kg", "https://*.gov.kg"],
        # The portal queues every mail; the variable names the transport the outbox sends by.
        "EMAIL_BACKEND": "regionalprogram.mail.OutboxBackend",
        "MAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_TIMEOUT": 20,
        "DEFAULT_FROM_EMAIL": "Portal <noreply@regions.example.kg>",
        "EMAIL_HOST": "mail.example.kg",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "portal",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "PLAN_IMPORT_DIR": "/srv/portal/imports",
        "STATIC_ROOT": "/srv/portal/static",
        "MEDIA_ROOT": "/srv/portal/media",
        "SECURE_HSTS_SECONDS": 3600,
        "AXES_FAILURE_LIMIT": 3,
        "AXES_COOLOFF_TIME": 1.5,
        "TRUSTED_PROXY_COUNT": 1,
        "THROTTLE": {"anon": "10/second", "user": "100/hour", "token": "5000/day"},
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": 0,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def settings_variables() -> set[str]:
    source = (PROJECT_DIR / "regionalprogram" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r"\b_?env(?:_\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", source))


def test_the_readme_production_table_lists_every_variable_settings_read():
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Running in production", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    names = settings_variables()
    assert {"PORTAL_URL", "DATABASE_URL", "EMAIL_HOST", "API_THROTTLE_ANON"} <= names
    assert sorted(name for name in names if f"`{name}`" not in table) == []


def test_only_settings_read_the_environment():
    readers = [
        path.relative_to(PROJECT_DIR).as_posix()
        for folder in ("regionalprogram", "regions", "programs", "measures", "meetings")
        for path in (PROJECT_DIR / folder).rglob("*.py")
        if re.search(r"os\.environ|os\.getenv", path.read_text(encoding="utf-8"))
    ]
    # wsgi.py only names the settings module, as manage.py does.
    assert sorted(readers) == ["regionalprogram/settings.py", "regionalprogram/wsgi.py"]
