"""Production: every secret from the environment, HTTPS everywhere, compressed and fingerprinted static files."""

import os

from .base import *  # noqa: F403
from .base import database_from_url, env_bool, require_env

DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Issue 9: no secret nor database address but from the environment; two-factor for the admin; HSTS preload.
DATABASES = {"default": database_from_url(require_env("DATABASE_URL"))}
PORTAIL_2FA_REQUIRED = env_bool("PORTAIL_2FA_REQUIRED", True)
PORTAIL_PROXY_COUNT = int(os.environ.get("PORTAIL_PROXY_COUNT", "1"))  # behind the HTTPS proxy
