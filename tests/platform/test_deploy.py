"""Deploy-ready: production settings pass ``check --deploy``, secrets come from the environment, headers are
strict (CSP without inline code, HSTS, nosniff, referrer policy), errors never show a stack trace."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates")), *sorted(ROOT.glob("*/*/templates"))]


def production_env(**overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SECRET_KEY"))}
    env.update(
        DJANGO_SETTINGS_MODULE="portail.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portail.example.org",
        DATABASE_URL="postgres://portail:motdepasse@db.internal:5432/portail",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_any_warning_and_are_strict():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING'); "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_PRELOAD, s.SECURE_CONTENT_TYPE_NOSNIFF, s.SECURE_REFERRER_POLICY, s.PORTAIL_2FA_REQUIRED, "
        "s.AXES_ENABLED, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=production_env(), capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert result.stdout.split()[-12:] == [
        "False",
        "True",
        "True",
        "True",
        "31536000",
        "True",
        "True",
        "same-origin",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
    ]


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_production_takes_its_secrets_from_the_environment_only(missing):
    result = manage("check", **{missing: None})

    assert result.returncode != 0
    assert f"{missing} is required" in result.stderr


INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I),
    "event handler attribute": re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[^>]+\sstyle\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def test_the_project_templates_have_no_inline_script_handler_or_style():
    offences = []
    templates = [path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html")]
    assert len(templates) > 20
    for path in templates:
        source = path.read_text()
        for what, pattern in INLINE.items():
            if pattern.search(source):
                offences.append(f"{path.relative_to(ROOT)}: {what}")

    assert offences == []


def assert_strict_csp(response):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["img-src"] == "'self' data: https://tile.openstreetmap.org"
    assert directives["frame-ancestors"] == "'none'" and directives["form-action"] == "'self'"
    assert directives["object-src"] == "'none'"


def test_hsts_on_https(settings, db):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    response = Client().get("/page-qui-n-existe-pas/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_strict_csp(response)


def test_the_admin_keeps_working_under_a_policy_relaxed_for_it_only(superuser, admin_client_for):
    response = admin_client_for(superuser).get("/admin/")

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "frame-ancestors 'self'" in policy
    assert "default-src 'self'" in policy and "gravatar" not in response.content.decode()


def test_errors_show_a_plain_page_without_any_trace(settings, db):
    settings.ROOT_URLCONF = "tests.platform.boom_urls"
    settings.DEBUG = False

    response = Client(raise_request_exception=False).get("/boom/")

    assert response.status_code == 500
    body = response.content.decode()
    assert "Un problème est survenu" in body
    for leak in ("Traceback", "RuntimeError", "motdepasse", "DATABASE_URL", "boom_urls"):
        assert leak not in body
