from .access import GEEN_TOEGANG_CONTEXT, SESSION_KEY, toegang_voor


class ActiveGemeenteMiddleware:
    """Puts the user's active gemeente and roles on the request (`request.toegang`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.toegang = toegang_voor(user, request.session.get(SESSION_KEY))
            if request.toegang.gemeente is not None:
                request.session[SESSION_KEY] = request.toegang.gemeente.id
        else:
            request.toegang = GEEN_TOEGANG_CONTEXT
        return self.get_response(request)


class TweeFactorMiddleware:
    """A-9: a logged-in user must also pass the TOTP step before any page (admin included)."""

    VRIJ = ("/inloggen/", "/uitloggen/", "/static/", "/healthz")

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
