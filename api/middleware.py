from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

from inburgering.middleware_invoer import bevat_stuurteken

from .fouten import STUURTEKEN

PREFIX = "/api/"


class ApiStuurtekenMiddleware:
    """Placed before `StuurtekenMiddleware`: under /api/ a control character in a parameter gets the API's
    JSON error body (400, code "stuurteken") instead of the portal's HTML page. JSON bodies are checked by
    the serializers (`api.serializers.Tekst`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(PREFIX) and (
            bevat_stuurteken(request.GET) or (request.method == "POST" and bevat_stuurteken(request.POST))
        ):
            response = JsonResponse(
                {"code": STUURTEKEN.code, "melding": STUURTEKEN.melding, "velden": {}}, status=400
            )
            add_never_cache_headers(response)
            return response
        return self.get_response(request)
