"""All settings of Open Inburgering. Every environment variable is listed in docs/configuration.md."""

import ipaddress
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/openinburgering
REPO_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(REPO_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
DEMO_MODE = env_bool("DEMO_MODE", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "template_partials",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "mozilla_django_oidc",
    "django_tasks",
    "django_tasks_db",
    "django_countries",  # its Dutch country names (Nationaliteit, Geboorteland)
    "openinburgering.core",
    "openinburgering.gemeenten",
    "openinburgering.accounts",
    "openinburgering.aanbod",
    "openinburgering.inkoop",
    "openinburgering.letters",
    "openinburgering.dossiers",
    "openinburgering.intake",
    "openinburgering.pip",
    "openinburgering.voortgang",
    "openinburgering.termijnen",
    "openinburgering.taken",
    "openinburgering.ontzorgen",
    "openinburgering.uitkeringen",
    "openinburgering.betalingen",
    "openinburgering.duo",
    "openinburgering.logboek",
    "openinburgering.api",
    "openinburgering.start",
    "openinburgering.werkplek",
    "openinburgering.portaal",
    "openinburgering.demo",
]

MIDDLEWARE = [
    "openinburgering.core.middleware.ForwardedHeadersMiddleware",  # first: nothing reads a forged header
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "openinburgering.core.middleware.TraceIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "openinburgering.accounts.middleware.SessionIdleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "openinburgering.accounts.middleware.PasswordChoiceRequiredMiddleware",
    "openinburgering.accounts.middleware.RequireTwoFactorMiddleware",
    "openinburgering.accounts.middleware.LeerlingOnlyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "openinburgering.letters.middleware.LetterTemplateIncompleteMiddleware",
]

ROOT_URLCONF = "openinburgering.urls"
WSGI_APPLICATION = "openinburgering.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "openinburgering.core.context_processors.product",
            ],
            # {% partialdef %} everywhere without {% load %}; built into Django 6 (drop this line there).
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DB_ENGINE = env_str("DB_ENGINE", "sqlite")
if DB_ENGINE not in ("sqlite", "postgresql"):
    raise ImproperlyConfigured(f"DB_ENGINE must be 'sqlite' or 'postgresql', got {DB_ENGINE!r}.")
if DB_ENGINE == "postgresql":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": env_str("DB_NAME", "openinburgering"),
            "USER": env_str("DB_USER", "postgres"),
            "PASSWORD": env_str("DB_PASSWORD", ""),
            "HOST": env_str("DB_HOST", "127.0.0.1"),
            "PORT": env_int("DB_PORT", 5432),
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            # Parallel query off by default: a page's query fanning out over extra workers took longer
            # (their start-up, ~10 ms) and took cores from the other requests (bench/README.md).
            "OPTIONS": {"options": f"-c max_parallel_workers_per_gather={env_int('DB_PARALLEL_WORKERS', 0)}"},
            "TEST": {"NAME": env_str("DB_TEST_NAME", "test_openinburgering")},
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("DB_NAME", str(VAR_DIR / "db.sqlite3")),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
# Two roles on PostgreSQL (docs/configuration.md): DB_USER runs the application and owns nothing;
# `migrate` connects as DB_MIGRATE_USER, the owner, and then grants DB_USER its rights (only INSERT and
# SELECT on the processing log). Empty: DB_USER does both (development, tests).
DB_MIGRATE_USER = env_str("DB_MIGRATE_USER", "")
DB_MIGRATE_PASSWORD = env_str("DB_MIGRATE_PASSWORD", "")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering-index columns (Index(include=…)) speed up PostgreSQL; SQLite ignores them, as intended.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Background work ---------------------------------------------------------------------------
# Django's task API (django-tasks on 5.2) with the database-backed worker (`manage.py db_worker`),
# so one machine needs nothing else. A task only drains rows of our own tables (a betaalrun's
# settlements, later the DUO outbox), so a lost or repeated task loses and doubles nothing.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# --- Reverse proxy ------------------------------------------------------------------------------
# Addresses (or networks, CIDR) of our own reverse proxies. Only requests whose peer is one of these
# may set X-Forwarded-For or a forwarded client certificate (core/proxy.py); from anyone else those
# headers are ignored.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
try:
    for _proxy in TRUSTED_PROXIES:
        ipaddress.ip_network(_proxy, strict=False)
except ValueError as _error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES must list IP addresses or networks: {_error}") from None

# --- Authentication, two-factor, lock-out, sessions -------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "openinburgering.accounts.backends.PersonModelBackend",  # ModelBackend, refusing system accounts
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "openinburgering.accounts.password_validation.MinimumLengthValidator",  # its message in Dutch
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "home"  # start.views.home sends each role to its own start page
LOGOUT_REDIRECT_URL = "two_factor:login"

# Two-factor (TOTP) is required for every staff login unless switched off (the demo only).
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Open Inburgering")
TWO_FACTOR_PATCH_ADMIN = False

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Lock on the client's address, not the proxy's: X-Forwarded-For is read only from TRUSTED_PROXIES.
AXES_CLIENT_IP_CALLABLE = "openinburgering.core.proxy.client_ip"

# Idle timeout: the session lives SESSION_IDLE_TIMEOUT_MINUTES after the last request, renewed by
# accounts.middleware.SessionIdleMiddleware at most every SESSION_RENEW_SECONDS (so it may end up to that
# much sooner, never later).
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_MINUTES * 60
SESSION_RENEW_SECONDS = 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Optional single sign-on with OpenID Connect (mozilla-django-oidc). Users must exist already:
# the functioneel beheerder assigns roles and scope; OIDC only proves who someone is.
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("openinburgering.accounts.oidc.ScopedOIDCBackend")
    OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "") or None
    OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
    OIDC_CREATE_USER = False
    # The identity provider is trusted to have applied its own second factor.
    OIDC_COUNTS_AS_SECOND_FACTOR = env_bool("OIDC_COUNTS_AS_SECOND_FACTOR", True)

# --- Internationalisation: the interface is Dutch ---------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

# --- Static files: our own CSS plus the NL Design System packages installed by `npm ci` --------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("nlds/component-library-css", REPO_DIR / "node_modules/@utrecht/component-library-css/dist"),
    ("nlds/design-tokens", REPO_DIR / "node_modules/@utrecht/design-tokens/dist"),
    # The icons that dist/background-image-icon.css points at ("./pijltje.svg") ship in src/, not dist/:
    # collected beside it, so the manifest storage finds them and the icons work.
    ("nlds/design-tokens", REPO_DIR / "node_modules/@utrecht/design-tokens/src"),
    ("nlds/noto-sans", REPO_DIR / "node_modules/@fontsource-variable/noto-sans"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- API --------------------------------------------------------------------------------------
# A system account's token expires this many days after it is made (docs/configuration.md).
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
if API_TOKEN_DAYS < 1:
    raise ImproperlyConfigured("API_TOKEN_DAYS must be at least 1.")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "openinburgering.accounts.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["openinburgering.accounts.api_permissions.IsStaffUser"],
    "DEFAULT_RENDERER_CLASSES": ["djangorestframework_camel_case.render.CamelCaseJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["djangorestframework_camel_case.parser.CamelCaseJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "openinburgering.core.rest.problems.problem_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "openinburgering.core.rest.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Open Inburgering API",
    "DESCRIPTION": (
        "REST API of Open Inburgering, the regiesysteem for the Wet inburgering 2021. "
        "Every endpoint answers only with data in the caller's scope (gemeenten or aanbieder). "
        "Errors are application/problem+json."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its docs page are for those who may use the API: a token, or a session with 2FA.
    "SERVE_PERMISSIONS": ["openinburgering.accounts.api_permissions.IsStaffUser"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "CAMELIZE_NAMES": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_ADD_EXPLICIT_BLANK_NULL_CHOICE": False,
}

# --- DUO koppeling ----------------------------------------------------------------------------
# The Notificatie API DUO calls: POST /<DUO_NOTIFICATIES_PREFIX>/notificaties (docs/configuration.md).
DUO_NOTIFICATIES_PREFIX = env_str("DUO_NOTIFICATIES_PREFIX", "/duo/").strip("/")
DUO_NOTIFICATIES_PREFIX += "/" if DUO_NOTIFICATIES_PREFIX else ""
DUO_OIN = env_str("DUO_OIN", "")  # the only bron accepted
DUO_EIGEN_OINS = env_list("DUO_EIGEN_OINS", [])  # the doel OINs accepted: ours
# The header in which our proxy forwards DUO's verified client certificate (URL-encoded PEM), believed only
# from TRUSTED_PROXIES; its subject's serialNumber must be DUO_OIN (duo/clientcert.py).
DUO_CLIENT_CERT_HEADER = env_str("DUO_CLIENT_CERT_HEADER", "")
DUO_CLIENT_CERT_REQUIRED = False  # production: True, and the system check duo.E001–E003 requires the set-up
# Outbound (the outbox, docs/configuration.md): empty DUO_BASE_URL = nothing is sent, messages wait.
DUO_BASE_URL = env_str("DUO_BASE_URL", "")
DUO_CLIENT_CERT_FILE = env_str("DUO_CLIENT_CERT_FILE", "")  # PKIoverheid certificate (PEM) for mTLS
DUO_CLIENT_KEY_FILE = env_str("DUO_CLIENT_KEY_FILE", "")  # its key; empty when the cert file holds both
DUO_CA_FILE = env_str("DUO_CA_FILE", "")  # CA bundle to trust DUO by; empty = the system store
DUO_TIMEOUT_CONNECT = env_int("DUO_TIMEOUT_CONNECT", 5)  # seconds
DUO_TIMEOUT_READ = env_int("DUO_TIMEOUT_READ", 30)  # seconds
DUO_OUTBOX_BACKOFF_BASE = env_int("DUO_OUTBOX_BACKOFF_BASE", 30)  # seconds before the first retry, doubling
DUO_OUTBOX_BACKOFF_CAP = env_int("DUO_OUTBOX_BACKOFF_CAP", 300)  # seconds, the longest wait between tries
DUO_OUTBOX_PROBE_INTERVAL = env_int("DUO_OUTBOX_PROBE_INTERVAL", 30)  # seconds; while DUO is down, probe this often
DUO_OUTBOX_RETRY_AFTER_MAX = env_int("DUO_OUTBOX_RETRY_AFTER_MAX", 3600)  # seconds, the longest Retry-After honoured
DUO_OUTBOX_CONFLICT_POGINGEN = env_int("DUO_OUTBOX_CONFLICT_POGINGEN", 5)  # 409s in a row before VASTGELOPEN
DUO_OUTBOX_ALERT_AFTER = env_int("DUO_OUTBOX_ALERT_AFTER", 24)  # hours a message may wait before an alert

# The BRP (Haal Centraal BRP API Personen), read when DUO announces a new inburgeringsplichtige
# (docs/configuration.md). Empty = no BRP: such a notificatie becomes a task to register the person by hand.
BRP_BASE_URL = env_str("BRP_BASE_URL", "")  # e.g. https://brp.example.nl/haalcentraal/api/brp
BRP_API_KEY = env_str("BRP_API_KEY", "")  # sent as X-API-KEY
BRP_TIMEOUT = env_int("BRP_TIMEOUT", 10)  # seconds

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # seven INFO lines per rendered letter otherwise
        "fontTools": {"level": "WARNING"},
    },
}
