import time

from django.conf import settings
from django.utils.cache import add_never_cache_headers

from .access import GEEN_TOEGANG_CONTEXT, SESSION_KEY, toegang_voor


class GeenCacheMiddleware:
    """Issue 8 item 9: what a logged-in user sees is personal data (person screens, PDFs, CSVs, search
    results, extracts), so no browser or proxy may keep a copy: `Cache-Control: no-store` on every
    response to an authenticated user. One rule for all pages, so a new page cannot forget it. Static
    files hold no personal data and stay cacheable (WhiteNoise serves them before this runs anyway)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            add_never_cache_headers(response)
        return response


class SessieVerlengenMiddleware:
    """The idle timeout (SESSION_COOKIE_AGE, 15 min) slides with use, but the session row is rewritten at
    most once a minute instead of on every request (SESSION_SAVE_EVERY_REQUEST would cost each page a
    BEGIN/UPDATE/COMMIT; issue 15). So a session ends 14 to 15 minutes after the last request."""

    SLEUTEL = "_pib_verlengd"
    INTERVAL = 60  # seconds

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        sessie = getattr(request, "session", None)
        if sessie is not None and not sessie.is_empty() and not sessie.modified:
            nu = int(time.time())
            if nu - sessie.get(self.SLEUTEL, 0) >= self.INTERVAL:
                sessie[self.SLEUTEL] = nu
        return response


class ActiveGemeenteMiddleware:
    """Puts the user's active gemeente and roles on the request (`request.toegang`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.toegang = toegang_voor(user, request.session.get(SESSION_KEY))
            # Only a change is written: an unchanged value would mark the session modified and cost every
            # request a session UPDATE (see SessieVerlengenMiddleware).
            if (
                request.toegang.gemeente is not None
                and request.session.get(SESSION_KEY) != request.toegang.gemeente.id
            ):
                request.session[SESSION_KEY] = request.toegang.gemeente.id
        else:
            request.toegang = GEEN_TOEGANG_CONTEXT
        return self.get_response(request)


class TweeFactorMiddleware:
    """A-9: a logged-in user must also pass the TOTP step before any page (admin included)."""

    # The accessibility statement is public: the login and code pages link to it in their footer.
    VRIJ = ("/inloggen/", "/uitloggen/", "/static/", "/healthz", "/toegankelijkheid/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.http import urlencode

        user = getattr(request, "user", None)
        if (
            settings.PIB_TWEE_FACTOR
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(self.VRIJ)
        ):
            return redirect(reverse("tweefactor") + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)
