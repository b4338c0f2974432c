"""Control characters in request parameters are refused before any view sees them.

PostgreSQL cannot store or even compare a NUL byte in a string: every lookup with one raises, so a NUL in
any GET or POST value would be a 500 on every page that queries with it. The other C0 control characters
(except tab, newline and carriage return) never come from a keyboard either, and would end up in CSV
exports and e-mails. One check here covers every form, filter, list parameter and the admin.
"""

import re

from django.shortcuts import render

STUURTEKEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def bevat_stuurteken(querydict) -> bool:
    return any(
        STUURTEKEN.search(sleutel) or any(STUURTEKEN.search(waarde) for waarde in waarden)
        for sleutel, waarden in querydict.lists()
    )


class StuurtekenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if bevat_stuurteken(request.GET) or (request.method == "POST" and bevat_stuurteken(request.POST)):
            return render(request, "400_stuurteken.html", status=400)
        return self.get_response(request)
