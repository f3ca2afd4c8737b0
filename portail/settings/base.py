"""Settings shared by every environment. Everything that differs between machines comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .scaleout import media_storage, replica_database

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("PORTAIL_VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_from_url(url):
    """Parse DATABASE_URL (``sqlite:///ABS/PATH`` or ``postgres://…``) into a Django database dict."""
    try:
        config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database address Django understands: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Several requests and the test server share the file: wait for a lock instead of failing at once.
        config.setdefault("OPTIONS", {})["timeout"] = 20
    return config


INSTALLED_APPS = [
    "portail",
    "dictionnaire",
    "dictionnaire.search",
    "fiches",
    "boussole",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "portail.users_app.PortailUsersAppConfig",  # wagtail.users, roles with their descriptions
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "wagtail.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portail.pages.SiteRootPathsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portail.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portail.context_processors.site_sections",
                "portail.context_processors.reading_preferences",
                "portail.context_processors.cache_generations",
            ],
        },
    },
]

WSGI_APPLICATION = "portail.wsgi.application"

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'portail.sqlite3'}"
DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Scale-out: a PostgreSQL read replica when DATABASE_REPLICA_URL is set (reads there, writes on the primary).
_replica = replica_database(os.environ, database_from_url)
if _replica:
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["portail.db_router.PrimaryReplicaRouter"]

# Cache: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portail.redis_cache.RedisCache",  # Django's, with one client per connection pool
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portail"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portail"}}

# Search: Wagtail's database backend for pages; ELASTICSEARCH_URL switches on the scale-out backend.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The dictionary's search engine: "auto" = Elasticsearch if ELASTICSEARCH_URL, else PostgreSQL's or embedded.
DICTIONNAIRE_SEARCH_BACKEND = os.environ.get("DICTIONNAIRE_SEARCH_BACKEND", "auto")
DICTIONNAIRE_SEARCH_ES_INDEX = os.environ.get("DICTIONNAIRE_SEARCH_ES_INDEX", "dictionnaire-termes")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French first, English and Arabic (right to left) through wagtail-localize.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("Français")),
    ("en", _("English")),
    ("ar", _("العربية")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    # Uploads on S3-compatible storage when AWS_STORAGE_BUCKET_NAME is set (the `s3` extra), on disk otherwise.
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "portail.errors.csrf_failure"  # a French page in the site's layout, with a way back

# E-mails leave the request (portail/mail.py): Django's backend queues them, PORTAIL_EMAIL_BACKEND sends them.
EMAIL_BACKEND = "portail.mail.QueuedEmailBackend"
PORTAIL_EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Portail inclusion numérique <ne-pas-repondre@localhost>")
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "contact@localhost")

# Wagtail
WAGTAIL_SITE_NAME = "Portail de l'inclusion numérique intergénérationnelle"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# Demo data: an administrator account is created only where this is switched on (dev).
DEMO_CREATE_ADMIN = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}


def require_env(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in this environment.")
    return value


# --- Platform security (issue 9): uploads, login lockout, two-factor, Content Security Policy -----------------
# Kept in one block so that it merges easily; see portail/security/ and portail/uploads.py.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "axes", "csp"]
_SECURITY_MIDDLEWARE_INDEX = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
MIDDLEWARE.insert(_SECURITY_MIDDLEWARE_INDEX + 1, "portail.security.csp.CSPMiddleware")
_AUTH_MIDDLEWARE_INDEX = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_AUTH_MIDDLEWARE_INDEX + 1 : _AUTH_MIDDLEWARE_INDEX + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "portail.security.twofactor.AdminTwoFactorMiddleware",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes asks
# Kept copies of public pages are served before the sessions (after security headers, CSP and static files).
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1, "portail.cache.PublicResponseCacheMiddleware"
)
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# Uploads: images are decoded by Pillow, re-encoded without their metadata (EXIF, GPS); see portail/uploads.py.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "portail.uploads.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portail.uploads.SafeDocumentForm"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party avatars in the admin (privacy, and the CSP stays 'self')
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin does not call releases.wagtail.org (the CSP allows only the site)

# Login lockout (django-axes): over 15 minutes, 5 failed attempts for one user name from one address, 10 from one
# address whatever the user names, or 10 for one user name whatever the addresses lock the sign-in for 15 minutes.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_HANDLER = "portail.security.lockout.TieredLockoutHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
#: The limits of the address-wide and account-wide counts (portail/security/lockout.py).
PORTAIL_LOCKOUT_LIMITS = {
    "ip_address": int(os.environ.get("PORTAIL_LOCKOUT_ADDRESS_LIMIT", "10")),
    "username": int(os.environ.get("PORTAIL_LOCKOUT_ACCOUNT_LIMIT", "10")),
}
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not recorded (no personal data beyond need)
AXES_LOCKOUT_CALLABLE = "portail.security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portail.security.lockout.client_ip"
#: How many reverse proxies in front of the site append to X-Forwarded-For (0: use the connection's address).
#: Login lockout and the public forms' rate limits (portail/abuse.py) count by the address this gives.
PORTAIL_PROXY_COUNT = int(os.environ.get("PORTAIL_PROXY_COUNT", "0"))

# Two-factor authentication (django-otp, TOTP) for everyone who can reach the Wagtail admin.
PORTAIL_2FA_REQUIRED = env_bool("PORTAIL_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = "Portail inclusion numérique"

# Content Security Policy (django-csp 4): no inline script or style on the public site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # The boussole's Leaflet map loads OpenStreetMap tiles.
        "img-src": ["'self'", "data:", "https://tile.openstreetmap.org"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
#: Origins allowed to frame the widgets /widget/dictionnaire/ and /widget/annuaire/ (``*``: any; they are read-only and
#: set no cookie). Every other page keeps refusing to be framed. E.g. ``https://centre-social.example.org``.
PORTAIL_WIDGET_FRAME_ANCESTORS = env_list("PORTAIL_WIDGET_FRAME_ANCESTORS", "*")
#: The Wagtail admin still needs inline scripts and styles, and frames its own previews: relaxed under /admin/ only.
PORTAIL_ADMIN_CSP_REPLACE = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https://tile.openstreetmap.org"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}


# --- Pilotage (issue 18): background tasks, periodic jobs, daily figures ----------------------------------------
# Background work goes through django-tasks (Wagtail's own task framework) with the database backend of
# django-tasks-db: no broker to run, the same on SQLite and PostgreSQL. `manage.py run_worker` runs the queued tasks
# and the periodic jobs (pilotage/jobs.py); `manage.py run_periodic_jobs` runs the due jobs once, for cron.
INSTALLED_APPS += ["django_tasks_db", "pilotage"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
#: Where the daily backup job writes its archives (7 daily and 4 weekly are kept).
PORTAIL_BACKUP_DIR = Path(os.environ.get("PORTAIL_BACKUP_DIR", VAR_DIR / "backups"))
