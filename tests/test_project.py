"""The project as a whole: settings per environment, Django's checks, lint."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_python(code, **env):
    environment = {
        key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


SETUP = "import django; django.setup(); from django.conf import settings; "


def print_settings(*expressions):
    return SETUP + "print(" + ", ".join(f"settings.{expression}" for expression in expressions) + ")"


@pytest.mark.parametrize(
    ("module", "extra_env", "expected_debug"),
    [
        ("portail.settings.dev", {}, "True"),
        ("portail.settings.test", {}, "False"),
        ("portail.settings.production", {"SECRET_KEY": "x" * 60, "DATABASE_URL": "sqlite:///unused.sqlite3"}, "False"),
    ],
)
def test_settings_load_in_each_environment(module, extra_env, expected_debug, tmp_path):
    result = run_python(
        print_settings("DEBUG"), DJANGO_SETTINGS_MODULE=module, PORTAIL_VAR_DIR=str(tmp_path), **extra_env
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == expected_debug


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_python(
        print_settings("DEBUG"), DJANGO_SETTINGS_MODULE="portail.settings.production", PORTAIL_VAR_DIR=str(tmp_path)
    )

    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        ("sqlite:////srv/portail/db.sqlite3", "django.db.backends.sqlite3", "/srv/portail/db.sqlite3"),
        ("postgres://portail@db.internal:5432/portail", "django.db.backends.postgresql", "portail"),
    ],
)
def test_database_url_chooses_the_database(url, engine, name, tmp_path):
    code = print_settings("DATABASES['default']['ENGINE']", "DATABASES['default']['NAME']")
    result = run_python(
        code, DJANGO_SETTINGS_MODULE="portail.settings.dev", DATABASE_URL=url, PORTAIL_VAR_DIR=str(tmp_path)
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [engine, name]


def test_dev_uses_sqlite_under_var_by_default(tmp_path):
    code = print_settings("DATABASES['default']['NAME']", "CACHES['default']['BACKEND']")
    result = run_python(
        code,
        DJANGO_SETTINGS_MODULE="portail.settings.dev",
        PORTAIL_VAR_DIR=str(tmp_path),
        DATABASE_URL="",
        REDIS_URL="",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / "portail.sqlite3"), "django.core.cache.backends.locmem.LocMemCache"]


def test_redis_url_switches_on_the_redis_cache(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )
    result = run_python(
        code,
        DJANGO_SETTINGS_MODULE="portail.settings.dev",
        PORTAIL_VAR_DIR=str(tmp_path),
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    assert result.stdout.strip() == "portail.redis_cache.RedisCache"


def test_django_system_checks_are_clean():
    from django.core.management import call_command

    call_command("check", fail_level="WARNING")


def test_no_missing_migrations(db):
    from django.core.management import call_command

    call_command("makemigrations", check=True, dry_run=True)


def test_ruff_finds_nothing():
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run([str(ruff), "check", "."], cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stdout + result.stderr
