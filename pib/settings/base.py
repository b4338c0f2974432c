"""Settings shared by every environment; each environment module only overrides what differs."""

from datetime import timedelta
from pathlib import Path

import drf_spectacular_sidecar
import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tables2",
    "django_filters",
    "rest_framework",
    "rest_framework_api_key",
    "drf_spectacular",
    "inburgering",
    "signalen",
    "wi2007",
    "wi2013",
    "wi2021",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "inburgering.middleware.SessieVerlengenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "inburgering.middleware.GeenCacheMiddleware",
    # Before any view or lookup: a NUL byte in a parameter is a 500 on PostgreSQL otherwise. Under /api/ the
    # API's JSON error body instead of the HTML page.
    "api.middleware.ApiStuurtekenMiddleware",
    "inburgering.middleware_invoer.StuurtekenMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "inburgering.middleware.TweeFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "inburgering.middleware.ActiveGemeenteMiddleware",
    # AxesMiddleware must be last: it turns a lockout into the Dutch lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "pib.urls"
WSGI_APPLICATION = "pib.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inburgering.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Issue 8 item 7: the application connects as a role that does not own the tables (DATABASE_URL), so it can
# neither empty the audit trail nor switch its triggers off; `migrate` and `grant_app_role` connect as the
# owner (DATABASE_MIGRATE_URL) because manage.py sets PIB_DATABASE_OWNER for them.
DATABASE_APP_ROLE = DATABASES["default"].get("USER", "")
if env.bool("PIB_DATABASE_OWNER", default=False) and env.str("DATABASE_MIGRATE_URL", default=""):
    DATABASES["default"] = env.db("DATABASE_MIGRATE_URL")
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", 0)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT compilation: the portal's queries are short, and PostgreSQL compiles any query whose estimated
    # cost passes jit_above_cost, which cost 28-40 ms per signal-list page at a million persons (issue 15).
    # cursor_tuple_fraction=1: the server-side cursors are the streamed extracts, which read every row; the
    # default (0.1) plans them for their first rows, e.g. walking all persons in name order (issue 15:
    # the Wi2021 extract of Groningen 1.8 s instead of 0.3 s at a million persons).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c cursor_tuple_fraction=1"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Django's own "nl" formats drop leading zeros (j-n-Y); the manuals write dd-mm-jjjj everywhere.
FORMAT_MODULE_PATH = ["pib.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Swagger UI for /api/v1/docs/ from the drf-spectacular-sidecar package, served by us (no CDN). Only this
    # folder: the package's Redoc bundle (5 MB, unused) would slow every collectstatic down.
    ("drf_spectacular_sidecar/swagger-ui-dist", Path(drf_spectacular_sidecar.__file__).parent / "static"
     / "drf_spectacular_sidecar" / "swagger-ui-dist"),
]  # fmt: skip
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Source maps (swagger-ui's are 2 MB) are for developer tools only: not worth compressing at build time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ["map", "jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz",
                                       "xz", "br", "woff", "woff2", "pdf"]  # fmt: skip
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inburgering:start"
LOGOUT_REDIRECT_URL = "login"

# A-9 / issue: the session ends after 15 minutes without activity; every request renews it.
SESSION_COOKIE_AGE = 15 * 60
# Sessions read from the cache, written through to the database (as production always did): a page costs
# no session query (issue 15). Production's cache is Redis, shared by every process.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Sliding expiry without a write per request: inburgering.middleware.SessieVerlengenMiddleware extends the
# session at most once a minute (issue 15).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Issue 8 item 2: scripts and styles only from our own files, never inline (the admin too). A template that
# truly needs an inline script gives it nonce="{{ request.csp_nonce }}"; the nonce then joins script-src.
# The TOTP QR code is an SVG data: URI (inburgering/tweefactor.py), hence img-src data:.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# every account logs in with a password and a TOTP code (authenticator app). `make run` switches it
# off for the embedded demo; production always has it on.
PIB_TWEE_FACTOR = env.bool("PIB_TWEE_FACTOR", default=True)
OTP_TOTP_ISSUER = "Portal Inburgering"

# Brute-force protection (A-9, issue 8 item 4): five wrong passwords lock that account name for 15 minutes and
# a success clears only its own name. An address is locked on its own, only after PIB_IP_FAILURE_LIMIT failures:
# a whole gemeente may log in from one address. See inburgering/inlogpogingen.py.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
PIB_IP_FAILURE_LIMIT = env.int("PIB_IP_FAILURE_LIMIT", default=50)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for "ip_address" above; the per-address limit is in the handler instead, with its own limit.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_HANDLER = "inburgering.inlogpogingen.PerNaamEnAdresHandler"
# The number of trusted reverse proxies in front of gunicorn (load balancer = 1); with 0, X-Forwarded-For is
# ignored. The same client address goes into the audit trail.
PIB_PROXY_COUNT = env.int("PIB_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "inburgering.inlogpogingen.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Machinekoppeling (api/, issue 13): only the applicatiesleutel authenticates; each view sets its own
# classes, these defaults cover the schema and the Swagger page (public documentation, no data).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.fouten.fout_antwoord",
    "UNAUTHENTICATED_USER": None,
    "URL_FORMAT_OVERRIDE": None,
}
# Requests per applicatiesleutel, counted in the shared cache (DRF rate: "120/min", "5000/hour").
PIB_API_LIMIET = env.str("PIB_API_LIMIET", default="120/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "Portal Inburgering — machinekoppeling",
    "DESCRIPTION": (
        "REST-API voor cliëntvolgsystemen (CVS) van gemeenten: Wi2007, Wi2013 en Wi2021 via dezelfde regels, "
        "meldingen, rollen en audit trail als de schermen. Zie docs/api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": True,
    # api.basis.Id: a positive bigint.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "format": "int64", "minimum": 1, "maximum": 2**63 - 1}
    },
    # Swagger UI from the sidecar package's files (STATICFILES_DIRS): no CDN, no inline script (CSP).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Wi2021 aanbod and uren: several choice sets share a field name ("status", "soort").
    "ENUM_NAME_OVERRIDES": {
        "AanbodStatusEnum": "wi2021.models.AanbodStatus",
        "SoortInstellingEnum": "wi2021.constants.SoortInstelling",
        "UrensoortEnum": "wi2021.models.Urensoort",
        "GemeenteUrensoortEnum": "api.wi2021_uren.GEMEENTE_UREN_KEUZES",
    },
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Portal Inburgering <noreply@pib.example>")
# Where the contact form is delivered: the mailbox of the Servicecentrum Inburgering.
SCI_EMAIL = env("SCI_EMAIL", default="sci@duo.nl")
SCI_TELEFOON = "050 599 9191"
# Where links in e-mails point (the weekly signal e-mail links to the pre-filtered signal search, D-27).
PIB_PORTAAL_URL = env("PIB_PORTAAL_URL", default="http://127.0.0.1:8000")
# Wi2021 D-26: shift of the Z-route certificate on DUO's pre-printed waardepapier, "x,y" in millimetres
# (positive = right/down), for a printer that feeds the paper slightly off.
PIB_Z_CERTIFICAAT_VERSCHUIVING_MM = tuple(
    float(d) for d in env.list("PIB_Z_CERTIFICAAT_VERSCHUIVING_MM", default=["0", "0"])
)

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged only after it ran, so a crashed worker hands it to another;
# therefore every task must be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # S-7: closed signals are deleted a week after closing; daily, before the working day starts.
    "signalen-afgehandeld-verwijderen": {
        "task": "signalen.tasks.verwijder_afgehandelde_signalen",
        "schedule": crontab(hour=2, minute=15),
    },
    # S-7: signals nobody took up for a quarter are purged once per quarter (1 Jan/Apr/Jul/Oct).
    "signalen-kwartaalschoning": {
        "task": "signalen.tasks.schoon_niet_opgepakte_signalen",
        "schedule": crontab(hour=2, minute=30, day_of_month=1, month_of_year="1,4,7,10"),
    },
    # S-9: deadline rules (SS126, SS602, SS004, ...) once a day, after the nightly chain feeds.
    "signalen-termijnregels": {
        "task": "signalen.tasks.termijnregels_dagelijks",
        "schedule": crontab(hour=4, minute=0),
    },
    # Wi2007: ISI Actief/Definitief depends on age and time abroad; recompute before the rules run.
    "wi2007-herkomst": {
        "task": "wi2007.tasks.herkomst_herberekenen",
        "schedule": crontab(hour=3, minute=30),
    },
    # 13-3: PVT registrations become final two weeks after registration (a final reason is cleared for a
    # second overrun); before the deadline rules (04:00) and the extracts (05:00) so both see the final state.
    "wi2013-registraties-definitief": {
        "task": "wi2013.tasks.registraties_definitief_maken",
        "schedule": crontab(hour=3, minute=30),
    },
    # Outbox: every minute, (re)dispatch due e-mail — retries whose backoff passed, claims of dead workers,
    # and rows whose dispatch message was lost — so no mail depends on a single broker message.
    "uitgaande-mail-vegen": {
        "task": "inburgering.outbox.tasks.veeg_uitgaande_mail",
        "schedule": crontab(),
    },
    # Wi2021 R-PIP-10 / D-06: an initial PIP registered on day D becomes final on D+14, just after midnight,
    # so the termijn (and SS102) exist before the deadline rules (04:00) and the extracts (05:00) run.
    "wi2021-pips-definitief": {
        "task": "wi2021.tasks.pips_definitief_maken",
        "schedule": crontab(hour=0, minute=30),
    },
    # Wi2021 R-Z-4 / D-06: an eindgesprek Z-route registered on day D becomes final on D+14 (the plicht ends,
    # the certificate is issued, SS141), before the deadline rules and the extracts see the person.
    "wi2021-eindgesprekken-definitief": {
        "task": "wi2021.tasks.eindgesprekken_definitief_maken",
        "schedule": crontab(hour=0, minute=40),
    },
    # Wi2021 D-27: the weekly signal e-mail per contactpersoon, Monday 07:00 (CELERY_TIMEZONE is Amsterdam), after
    # the nightly chain feeds and deadline rules, so the week's signals are all in.
    "wi2021-weekmail-contactpersonen": {
        "task": "wi2021.tasks.weekmail_contactpersonen",
        "schedule": crontab(hour=7, minute=0, day_of_week=1),
    },
    # Wi2021 R-CP-9 / D-27: the koppelingen digest, at most one e-mail per contactpersoon per day, after office hours.
    "wi2021-koppelmail-contactpersonen": {
        "task": "wi2021.tasks.koppelmail_contactpersonen",
        "schedule": crontab(hour=18, minute=0),
    },
    # A contactpersoon mail run whose worker died is finished by the next worker (same period, same keys).
    "wi2021-mailrondes-hervatten": {
        "task": "wi2021.tasks.mailrondes_hervatten",
        "schedule": crontab(minute="*/5"),
    },
    # Downloads: the extracts hold data up to and including yesterday, ready before 07:00.
    "downloads-nachtelijke-extracten": {
        "task": "inburgering.downloads.tasks.bouw_nachtelijke_extracten",
        "schedule": crontab(hour=5, minute=0),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint and fontTools narrate every PDF step at INFO; only their problems matter.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
DEMO_DATA_ALLOWED = True
