"""Production: refuses to start without SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS and CELERY_BROKER_URL.

The cache is CACHE_URL, else the Redis broker; the image build (collectstatic, no Redis) sets CACHE_URL.
"""

from django.core.exceptions import ImproperlyConfigured

import environ

from .base import *  # noqa: F403

REQUIRED = ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "CELERY_BROKER_URL")
missing = [name for name in REQUIRED if not env.str(name, default="")]
if missing:
    raise ImproperlyConfigured(f"Production settings need these environment variables: {', '.join(missing)}")

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = False

# Sessions and cached counters are shared by every gunicorn and worker process, so never a per-process cache.
CACHE_URL = env.str("CACHE_URL", default="") or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else ""
)
if not CACHE_URL:
    raise ImproperlyConfigured(
        "Production settings need CACHE_URL when CELERY_BROKER_URL is not a redis:// URL"
    )
CACHES = {"default": environ.Env.cache_url_config(CACHE_URL)}

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# TLS ends at the load balancer in front of gunicorn.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DEMO_DATA_ALLOWED = False
PIB_TWEE_FACTOR = True  # never without the second factor
