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
