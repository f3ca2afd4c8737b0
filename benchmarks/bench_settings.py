"""Production settings for the load test on 127.0.0.1 over plain HTTP (no TLS proxy in front of gunicorn).

Only what plain HTTP on one address needs changes: cookies without ``Secure``, no HTTPS redirect, and the
per-address rate limits off (every simulated visitor comes from 127.0.0.1).
"""

from portail.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
RATELIMIT_ENABLE = False
