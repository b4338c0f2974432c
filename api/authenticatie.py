"""Who calls: `Authorization: Applicatiesleutel <sleutel>`, the key's gemeente and roles as an
`inburgering.access.Toegang`, and a request budget per key."""

from django.conf import settings
from django.utils import timezone

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.throttling import SimpleRateThrottle

from inburgering.access import Toegang

from . import fouten
from .models import Applicatiesleutel

SCHEMA = "Applicatiesleutel"


def toegang_voor_sleutel(sleutel: Applicatiesleutel) -> Toegang:
    """The same permission object the screens get from the middleware: one gemeente, the key's roles."""
    rollen = frozenset(sleutel.rollen)
    return Toegang(gemeente=sleutel.gemeente, rollen=rollen, per_gemeente={sleutel.gemeente_id: rollen})


class ApplicatiesleutelAuthenticatie(BaseAuthentication):
    """Sets `request.user` to the key (the actor of the services) and `request.auth` to its Toegang."""

    def authenticate(self, request):
        delen = get_authorization_header(request).split()
        if not delen or delen[0].decode("latin-1").lower() != SCHEMA.lower():
            return None  # no key at all: NotAuthenticated (401, sleutel_ontbreekt) from the permission check
        if len(delen) != 2:
            raise fouten.SleutelFout(fouten.SLEUTEL_ONGELDIG)
        try:
            tekst = delen[1].decode("ascii")
        except UnicodeDecodeError:
            raise fouten.SleutelFout(fouten.SLEUTEL_ONGELDIG) from None
        sleutel = self._sleutel(tekst)
        return sleutel, toegang_voor_sleutel(sleutel)

    def _sleutel(self, tekst: str) -> Applicatiesleutel:
        prefix, _, _ = tekst.partition(".")
        sleutel = (
            Applicatiesleutel.objects.select_related("gemeente").filter(prefix=prefix).first()
            if prefix
            else None
        )
        # One answer for an unknown prefix and a wrong secret: the prefix alone proves nothing.
        if sleutel is None or not sleutel.is_valid(tekst):
            raise fouten.SleutelFout(fouten.SLEUTEL_ONGELDIG)
        if sleutel.revoked:
            raise fouten.SleutelFout(fouten.SLEUTEL_INGETROKKEN)
        if sleutel.expiry_date <= timezone.now():
            raise fouten.SleutelFout(fouten.SLEUTEL_VERLOPEN)
        if not sleutel.gemeente.actief:
            raise fouten.SleutelFout(fouten.GEMEENTE_INACTIEF)
        return sleutel

    def authenticate_header(self, request) -> str:
        return f'{SCHEMA} realm="api"'


class PerSleutel(SimpleRateThrottle):
    """A budget per key (PIB_API_LIMIET, e.g. "120/min"), counted in the shared cache (Redis in production),
    so every gunicorn worker counts the same calls."""

    scope = "applicatiesleutel"

    def get_rate(self) -> str:
        return settings.PIB_API_LIMIET

    def get_cache_key(self, request, view) -> str | None:
        if not isinstance(request.user, Applicatiesleutel):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.prefix}


class ApplicatiesleutelSchema(OpenApiAuthenticationExtension):
    target_class = ApplicatiesleutelAuthenticatie
    name = SCHEMA

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "De applicatiesleutel van uw gemeente, voorafgegaan door het woord 'Applicatiesleutel': "
                "`Authorization: Applicatiesleutel <sleutel>`. Een beheerder geeft hem uit in het beheer "
                "(Applicatiesleutels); hij wordt één keer getoond."
            ),
        }
