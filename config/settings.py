"""Settings of the Digital-Hub-Portal.

Every value comes from the environment (12-factor). The defaults are the embedded
development set-up: SQLite, console email, Celery tasks in-process, local-memory cache.
Production sets DEBUG=false and must then give SECRET_KEY and ALLOWED_HOSTS; without
them the portal refuses to start. README.md lists every variable.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# --- secrets and hosts: required in production -------------------------------------
_DEV_SECRET_KEY = "dev-only-secret-key-never-used-in-production-0123456789abcdef"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS",
    default=["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else [],
)
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- applications -----------------------------------------------------------------
INSTALLED_APPS = [
    "modeltranslation",  # before the admin, which it extends
    "accounts",
    "config.apps.PortalAdminConfig",  # django.contrib.admin, cockpit start page
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",  # allauth.usersessions shows "vor 5 Minuten"
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",  # second factor: TOTP with recovery codes, WebAuthn security keys
    "allauth.usersessions",  # "My sessions", with "log out everywhere"
    "auditlog",  # who changed which booking, registration, appointment, closure, hours
    "django_filters",
    "hubportal",
    "notifications",
    "pages",
    "hubs",
    "events",
    "coworking",
    "funding",
    "figures",
    "showroom",
    "config",  # the project on top: demo and bench commands
]

MIDDLEWARE = [
    "hubportal.logs.AccessLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "hubportal.middleware.ContentSecurityPolicyMiddleware",
    "hubportal.middleware.QueryWithoutNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The public JSON API may be read from any origin (config/api.py).
    "hubportal.middleware.ApiCorsMiddleware",
    # Anonymous visitors' public pages from the shared cache (hubportal/pagecache.py).
    "hubportal.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # allauth's "My sessions", recorded once a minute per session and client.
    "accounts.middleware.UserSessionsMiddleware",
    # Staff, advisors and superusers: second factor before any staff page, idle timeout.
    "accounts.middleware.PrivilegedAccountMiddleware",
    # Anonymous POSTs are rate-limited per client (behind the proxy: see TRUSTED_PROXY_COUNT).
    "hubportal.middleware.AnonymousPostLimitMiddleware",
    "accounts.middleware.AuditMiddleware",  # who acted, and from where (staff)
    # Each person's own overview pages, once every check above has passed (pagecache.py).
    "hubportal.pagecache.PrivatePageCacheMiddleware",
    # A refusal no view caught: a 400 page with its message, not a 500.
    "hubportal.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates", BASE_DIR / "hubportal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # `when` (dates in the page's language) and `translated` in every template.
            "builtins": ["hubportal.templatetags.portal"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- database: DATABASE_URL picks PostgreSQL, otherwise SQLite --------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: each gunicorn or Celery process keeps one (compose: 60 s),
# checked before reuse. Through PgBouncer in transaction mode, server-side cursors
# must be off (README, "Scaling out").
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool("PGBOUNCER", default=False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a write is in progress. IMMEDIATE transactions
    # take the write lock when they begin, so booking paths that read, check and
    # write are serialised; the timeout makes a second writer wait for its turn
    # instead of failing with "database is locked". (PostgreSQL uses row locks and
    # constraints for the same.)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )
    # Tests use a file, not memory, so that threads in concurrency tests share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: broker and cache when REDIS_URL is set ------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "hubportal.cache.RedisCache",  # Django's, one client per process
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hubportal",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions: read from the shared cache, written through to the database (so they
# survive a Redis restart); the database alone without Redis.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Anonymous visitors' public pages, and each person's own overview pages, are served
# from this cache, rendered at most once a minute and after every change
# (hubportal/pagecache.py). Off while developing, so a template edit shows at once;
# the tests run with it on (tests/conftest.py).
PAGE_CACHE = env.bool("PAGE_CACHE", default=not DEBUG)

# --- Celery (config/celery.py reads the CELERY_* names) -----------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without Redis there is no worker: tasks run in-process, right where they are sent.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Europe/Berlin"
# Reliability, chosen on purpose:
# - acks_late + reject_on_worker_lost: a task is acknowledged only when it has finished,
#   so one whose worker dies is delivered again. That is safe because every task is
#   idempotent (an email is claimed in the database before it is sent).
# - prefetch 1: a worker holds one unacknowledged task at a time, so a slow SMTP server
#   does not strand a queue of tasks on one busy worker.
# - visibility timeout 1 h: Redis hands an unacknowledged task to another worker only
#   after this; it is far longer than any task may run (time limits below), so a
#   running task is never duplicated. We use no ETA/countdown tasks (they would have to
#   fit into this window): retries and reminders are scheduled in the database.
# - time limits: a hung SMTP connection is killed after 60 s (soft limit 45 s).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_TIME_LIMIT = 60
CELERY_TASK_SOFT_TIME_LIMIT = 45
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True

# --- accounts ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Digital Hubs] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str(
    "ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http" if DEBUG else "https"
)
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
# Sign-up also asks for first and last name (and, optionally, the organisation).
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
# "Remember me" is offered to citizens; staff sessions end with the browser (middleware).
ACCOUNT_SESSION_REMEMBER = None
# Rate limits (allauth's syntax: amount/period/per, per ip, key or user). allauth's own
# actions, plus the portal's: every anonymous POST, guest registrations (per client
# and per address) and "send the confirmation again". Behind a proxy the client's
# address comes from the forwarded header (TRUSTED_PROXY_COUNT / TRUSTED_CLIENT_IP_HEADER).
# Failed logins: the per-client part stops guessing from one place; the per-account
# part (…/key) may not lock a person out: an account with a second factor passes with
# the right password and its factor, others lift it by resetting the password
# (accounts/adapters.py).
_LOGIN_FAILED = env.str("RATE_LIMIT_LOGIN_FAILED", default="10/m/ip,5/300s/key").split(",")
ACCOUNT_RATE_LIMITS = {
    "login": env.str("RATE_LIMIT_LOGIN", default="30/m/ip"),
    "login_failed": ",".join(r for r in _LOGIN_FAILED if not r.endswith("/key")),
    "login_failed_account": ",".join(r for r in _LOGIN_FAILED if r.endswith("/key")),
    "signup": env.str("RATE_LIMIT_SIGNUP", default="20/m/ip"),
    "reset_password": env.str("RATE_LIMIT_RESET_PASSWORD", default="20/m/ip,5/m/key"),
    "anonymous_post": env.str("RATE_LIMIT_ANONYMOUS_POST", default="60/m/ip"),
    # Per connection generous (a town hall's colleagues behind one address): the share
    # below keeps one connection or mail domain from taking an event's places.
    "guest_registration": env.str("RATE_LIMIT_GUEST_REGISTRATION", default="60/h/ip,5/h/key"),
    "send_again": env.str("RATE_LIMIT_SEND_AGAIN", default="10/h/ip,3/h/key"),
}
# The client's address for every limit, the session record and the audit trail
# (hubportal/clients.py): the header the proxy in front overwrites with it (compose:
# X-Real-IP, deploy/nginx.conf), or else how many proxies append to X-Forwarded-For.
# Left empty / 0, the connection's address is the client's.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default="") or None
if ALLAUTH_TRUSTED_CLIENT_IP_HEADER and ALLAUTH_TRUSTED_PROXY_COUNT:
    raise ImproperlyConfigured("Set TRUSTED_CLIENT_IP_HEADER or TRUSTED_PROXY_COUNT, not both.")
# The public JSON API (config/api.py): requests per client, counted in the shared
# cache; the client behind the proxy as above.
API_RATE = env.str("API_RATE", default="120/m")
# Second factor (allauth.mfa). Staff, advisors and superusers must set one up before a
# staff or advisor page opens (accounts/middleware.py).
MFA_ADAPTER = "accounts.mfa.MFAAdapter"
# Second factors' secrets are encrypted with these Fernet keys (the first encrypts);
# empty: keys derived from SECRET_KEY and SECRET_KEY_FALLBACKS (accounts/mfa.py).
MFA_ENCRYPTION_KEYS = env.list("MFA_ENCRYPTION_KEYS", default=[])
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Digital Hubs")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# A staff, advisor or superuser session ends after this many idle minutes, and with
# the browser; citizens' sessions last SESSION_COOKIE_AGE (they may tick "remember me").
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
# However active: a staff session ends this long after its login (a shift, not a week).
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=10)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=14 * 24 * 3600)
# "My sessions" shows when each was last seen; accounts.middleware records it
# (once a minute) in place of allauth's middleware, which would on every request.
USERSESSIONS_TRACK_ACTIVITY = True
LOGIN_REDIRECT_URL = "home"
LOGIN_URL = "account_login"

# --- email: console by default, SMTP (or any backend) from EMAIL_URL -------------------
# e.g. smtp://user:password@mail.example:587 or smtp+tls://... or smtp+ssl://...
_email = env.email_url("EMAIL_URL", default="consolemail://")
# The console writes whole emails, password-reset links included, into the logs. In
# production that needs an explicit ALLOW_CONSOLE_EMAIL=true (a try-out without mail).
if (
    not DEBUG
    and _email["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    and not env.bool("ALLOW_CONSOLE_EMAIL", default=False)
):
    raise ImproperlyConfigured(
        "EMAIL_URL must be set when DEBUG is off (console email would log every message; "
        "ALLOW_CONSOLE_EMAIL=true allows it on purpose)."
    )
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# A message still "sending" this long after a worker claimed it is stuck (the worker
# stopped): it is shown to staff and, unless they chose otherwise, sent once more.
OUTBOX_STUCK_MINUTES = env.int("OUTBOX_STUCK_MINUTES", default=15)
# A guest's event place is held this long until the address is confirmed (then it goes
# to the waiting list); a guest address may hold at most this many unconfirmed
# registrations at once.
GUEST_HOLD_MINUTES = env.int("GUEST_HOLD_MINUTES", default=30)
GUEST_OPEN_REGISTRATIONS_PER_ADDRESS = env.int("GUEST_OPEN_REGISTRATIONS_PER_ADDRESS", default=3)
# No one connection and no one mail domain (free-mail providers aside) holds more than
# this share of an event's places, waiting list and unconfirmed ones included; at
# least EVENT_SHARE_MIN (a family, a small team). Staff register more by hand.
EVENT_SHARE_PER_SOURCE = env.float("EVENT_SHARE_PER_SOURCE", default=0.25)
EVENT_SHARE_MIN = env.int("EVENT_SHARE_MIN", default=4)
# A link in an email that acts for a person (cancel, move, confirm) stops working when
# what it acts on is cancelled, and this many days after it ended.
SIGNED_LINK_GRACE_DAYS = env.int("SIGNED_LINK_GRACE_DAYS", default=7)
# The privacy notice's controller and data-protection officer (name, address, email),
# shown on /pages/privacy/; empty shows a placeholder staff must fill.
PRIVACY_CONTROLLER = env.str("PRIVACY_CONTROLLER", default="")
PRIVACY_DPO = env.str("PRIVACY_DPO", default="")
# Retention (accounts/privacy.py, swept daily): registrations, bookings and
# appointments are anonymised this many days after they ended (names, addresses,
# questions, advisor notes); outbox emails and the audit trail are deleted after theirs.
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=180)
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=90)
# The network's figures (figures/): counts of people below this are not published.
# The showroom (showroom/): the largest file staff may upload, in MB (kept in the database).
SHOWROOM_MAX_UPLOAD_MB = env.int("SHOWROOM_MAX_UPLOAD_MB", default=50)
FIGURES_SUPPRESS_BELOW = env.int("FIGURES_SUPPRESS_BELOW", default=5)
FIGURES_LICENCE = {
    "id": "dl-de/by-2-0",
    "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
    "attribution": env.str("FIGURES_ATTRIBUTION", default="Digital Hubs / dataport.kommunal"),
}
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=365)
# The advisor's private calendar feed covers appointments ended at most this long ago.
ADVISOR_FEED_DAYS_BACK = env.int("ADVISOR_FEED_DAYS_BACK", default=90)
# The portal's public address, for links in emails (which have no request).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Digital Hubs <noreply@digital-hubs.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- language and time ---------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# The portal's catalogue, then its German overrides of django-allauth's texts ("Sie"
# instead of "du"); both outrank every app's own catalogue.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
USE_I18N = True
# Content in both languages (django-modeltranslation): each app's translation.py names
# the fields staff write in German and, optionally, English (`title_de`, `title_en`).
# An English page shows the German text where no English one is written, marked
# lang="de" (templatetags/portal.py: `translated`).
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_LANGUAGES = ("de", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
# Staff see "Grund (Deutsch)" and "Grund (Englisch)" rather than "Grund [de]".
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = lambda name, lang: format_lazy(  # noqa: E731
    "{} ({})", name, dict(LANGUAGES)[lang]
)
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

# --- static files: KERN UX from npm, served by whitenoise ------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# The apps' own static/ folders are found by the app finder; KERN UX comes from npm.
STATICFILES_DIRS = [("kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist")]
# Single files of other npm packages: the showroom's 3D viewer (with its source map,
# which the bundle names).
MODEL_VIEWER = BASE_DIR / "node_modules" / "@google" / "model-viewer" / "dist"
NODE_STATIC_FILES = {
    "model-viewer/model-viewer.min.js": MODEL_VIEWER / "model-viewer.min.js",
    "model-viewer/model-viewer.min.js.map": MODEL_VIEWER / "model-viewer.min.js.map",
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "hubportal.staticfinders.NodeFilesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- security -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Over HTTPS the cookies carry the __Host- prefix: the browser then keeps them to this
# host, path / and HTTPS only, so no sibling subdomain can set or read them.
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    LANGUAGE_COOKIE_NAME = "__Host-language"
if CSRF_COOKIE_SECURE:
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- audit trail (django-auditlog): changes to these models, with who and when -----------
# Personal and health (Art. 9) fields are masked: the trail records that they changed,
# never their values; rows holding them are named by kind and number, never by the
# person's name (hubportal/audit.py). A person's entries are forgotten with the row
# (sweep, account deletion); the whole trail is purged after AUDIT_RETENTION_DAYS.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False  # staff's client address (accounts.middleware.AuditMiddleware)
_PERSONAL = ["name", "email", "phone"]
_HEALTH = ["access_needs", "access_note"]  # support asked for at an event (Art. 9)
_NOT_IN_TRAIL = ["question", "advisor_notes", "organisation", "role", "updated", "created"]


def _masked(*fields):
    return {
        "mask_fields": [*_PERSONAL, *fields],
        "mask_callable": "hubportal.audit.mask",
        "exclude_fields": _NOT_IN_TRAIL,
    }


AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {"model": "coworking.booking", **_masked()},
    {"model": "events.registration", **_masked(*_HEALTH, "source")},
    {"model": "funding.appointment", **_masked()},
    {"model": "hubs.openingexception"},
    {"model": "hubs.schedule"},
    {"model": "hubs.scheduleinterval"},
    {"model": "events.event", "exclude_fields": ["updated", "created"]},
    # Who runs what: hubs (widget origins, published figures), their staff, accounts
    # and their rights, advisors, exhibits, workspaces, booking rules, pages and
    # reminder settings.
    {"model": "hubs.hub", "exclude_fields": ["updated", "created"]},
    {"model": "hubs.hubstaff"},
    {
        "model": "accounts.user",
        "mask_fields": ["name", "email"],
        "mask_callable": "hubportal.audit.mask",
        "exclude_fields": ["password", "last_login", "date_joined"],
        "m2m_fields": ["groups", "user_permissions"],
    },
    {"model": "funding.advisor", "exclude_fields": ["photo", "photo_updated_at", "feed_token"]},
    {"model": "showroom.exhibit", "exclude_fields": ["data", "created", "updated"]},
    {"model": "coworking.workspace"},
    {"model": "coworking.workspaceblock"},
    {"model": "coworking.bookingpolicy"},
    {"model": "pages.page", "exclude_fields": ["updated"]},
    {"model": "notifications.hubreminder"},
)

# --- logging: to stderr, where containers collect it ------------------------------------
# The logs never hold a query string, a client address, a link's token or an email's
# body (hubportal/logs.py). ACCESS_LOG writes one line per request (method, path,
# status, duration); gunicorn's own access log stays off.
ACCESS_LOG = env.bool("ACCESS_LOG", default=not DEBUG)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_paths": {"()": "hubportal.logs.RedactRequestPaths"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_paths"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
