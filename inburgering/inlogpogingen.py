"""Brute-force protection on top of django-axes (A-9, issue 8 item 4).

Axes itself counts failures per account name only (AXES_LOCKOUT_PARAMETERS = ["username"]), so a success
resets only that name. A whole gemeente may sit behind one address, so the address gets its own, much
higher limit (PIB_IP_FAILURE_LIMIT) instead of sharing the account-name limit.
"""

import ipaddress

from django.conf import settings
from django.db.models import Sum

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out


def client_ip(request) -> str:
    """The address that connected to the outermost of PIB_PROXY_COUNT trusted proxies.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the client is the PIB_PROXY_COUNT-th
    entry from the right; entries further left come from the client and can be forged. (django-ipware counts
    proxies differently and falls back to the proxy's own address on a longer chain, which would put every
    user behind one lock.)
    """
    adres = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PIB_PROXY_COUNT
    if proxies > 0:
        keten = [deel.strip() for deel in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        keten = [deel for deel in keten if deel]
        if len(keten) >= proxies and _is_ip(keten[-proxies]):
            adres = keten[-proxies]
    return adres


def _is_ip(waarde: str) -> bool:
    try:
        ipaddress.ip_address(waarde)
    except ValueError:
        return False
    return True


class PerNaamEnAdresHandler(AxesDatabaseHandler):
    """Axes' database handler plus the separate per-address limit."""

    def _adres_geblokkeerd(self, request) -> bool:
        fouten = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
        ).aggregate(n=Sum("failures_since_start"))["n"]
        return (fouten or 0) >= settings.PIB_IP_FAILURE_LIMIT

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self._adres_geblokkeerd(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out or not self._adres_geblokkeerd(request):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )
