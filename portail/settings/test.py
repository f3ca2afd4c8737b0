"""Test runs: fast hashing, e-mails in memory, plain static storage, no admin account from demo data."""

import os

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-any-real-site"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAIL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once in tests (a test that wants the queue overrides TASKS with the database backend).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Several suites may share one PostgreSQL server: TEST_DATABASE_NAME gives each its own test database.
if os.environ.get("TEST_DATABASE_NAME") and DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

# Test databases are thrown away: PostgreSQL need not wait for each commit to reach the disk.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"

# Login lockout and two-factor are switched on by the tests that check them (`settings` fixture), so that the
# other tests can sign in with client.force_login.
AXES_ENABLED = False
PORTAIL_2FA_REQUIRED = False

# The demo accounts' passwords noted for `make run` (portail/demo_accounts.py): never the developer's own file.
DEMO_ACCOUNTS_FILE = VAR_DIR / "test-demo-accounts.json"  # noqa: F405
