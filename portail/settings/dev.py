"""Local development: DEBUG on, a secret generated once and kept under var/, e-mails on the console."""

import os
import secrets

from .base import *  # noqa: F403
from .base import STATIC_ROOT, VAR_DIR, env_bool, env_list

DEBUG = True


def _local_secret_key():
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],0.0.0.0")
PORTAIL_EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_CREATE_ADMIN = True

# WhiteNoise serves from the finders in development; the folder only has to exist.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Two-factor authentication for the admin is off in development (set PORTAIL_2FA_REQUIRED=1 to try it).
PORTAIL_2FA_REQUIRED = env_bool("PORTAIL_2FA_REQUIRED", False)
