"""Person searches: the criteria stay out of URLs, and the shared 0/1/many outcome.

A BSN in a URL lands in server logs, proxies and the browser history. So a search form POSTs; the
criteria are kept in the session under a random key and the browser is sent (303) to a result page
that carries only that key (`?zoekopdracht=…`). Sorting and paging links keep the key.

Outcome (seed 001 §3.5, seed 002 §3.2, seed 000 §3.2): no hit → a message, one hit → the person
screen, more → "Gevonden personen", 20 per page.
"""

import secrets

from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from django_tables2 import RequestConfig

from .tables import BegrensdePaginator

PARAMETER = "zoekopdracht"
SESSIE_SLEUTEL = "pib_zoekopdrachten"
# Enough for several tabs and "back" clicks; older searches of the session are dropped.
BEWAARD = 20
VERLOPEN = "Uw zoekopdracht is niet meer beschikbaar. Vul de zoekcriteria opnieuw in."


class HttpResponseSeeOther(HttpResponseRedirect):
    """After a POST the browser must GET the result page, so a reload does not resubmit."""

    status_code = 303


def bewaar_zoekopdracht(request, soort: str, data: QueryDict) -> str:
    """Store what was typed (minus the CSRF token) for `soort` (e.g. "wi2007") under a new random key."""
    criteria = {k: v for k, v in data.lists() if k != "csrfmiddlewaretoken"}
    opdrachten = dict(request.session.get(SESSIE_SLEUTEL, {}))
    sleutel = secrets.token_urlsafe(12)
    opdrachten[sleutel] = {"soort": soort, "criteria": criteria}
    request.session[SESSIE_SLEUTEL] = dict(list(opdrachten.items())[-BEWAARD:])
    return sleutel


def zoekopdracht(request, soort: str) -> QueryDict | None:
    """The criteria of `?zoekopdracht=` when the key belongs to this session and this kind of search."""
    opdracht = request.session.get(SESSIE_SLEUTEL, {}).get(request.GET.get(PARAMETER, ""))
    if not opdracht or opdracht["soort"] != soort:
        return None
    data = QueryDict(mutable=True)
    for naam, waarden in opdracht["criteria"].items():
        data.setlist(naam, waarden)
    return data


def met_zoekopdracht(url: str, sleutel: str) -> str:
    return f"{url}?{urlencode({PARAMETER: sleutel})}"


def naar_resultaat(request, soort: str, resultaat_url: str) -> HttpResponseSeeOther:
    """The POST of a valid search form: keep the criteria, send the browser to the result page."""
    return HttpResponseSeeOther(
        met_zoekopdracht(resultaat_url, bewaar_zoekopdracht(request, soort, request.POST))
    )


def zoekresultaat(
    request, qs, *, tabel, persoon_url: str, zoek_url: str, template: str
) -> HttpResponse | None:
    """None when nothing was found (the search page then says so)."""
    eerste = list(qs.values_list("pk", flat=True)[:2])
    if not eerste:
        return None
    if len(eerste) == 1:
        return redirect(persoon_url, persoon=eerste[0])
    table = tabel(qs.order_by("achternaam", "voornamen", "pk"))
    RequestConfig(request, paginate={"per_page": 20, "paginator_class": BegrensdePaginator}).configure(table)
    # "Terug naar zoeken" shows the form with the same criteria filled in.
    terug = met_zoekopdracht(reverse(zoek_url), request.GET.get(PARAMETER, ""))
    return render(request, template, {"table": table, "terug": terug})
