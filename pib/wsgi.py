import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

# Never a silent fallback to the dev settings (DEBUG, an insecure key): a server names its settings.
if not os.environ.get("DJANGO_SETTINGS_MODULE"):
    raise ImproperlyConfigured("DJANGO_SETTINGS_MODULE is not set (production: pib.settings.production)")
application = get_wsgi_application()
