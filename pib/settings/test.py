"""`make test`: SQLite unless DATABASE_URL points at PostgreSQL; tasks eager unless a test starts a worker."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# Most tests log in with force_login; the two-factor tests switch it on themselves.
PIB_TWEE_FACTOR = False
