"""The shared outcome of a person search (seed 001 §3.5, seed 002 §3.2, seed 000 §3.2):
no hit → a message, one hit → the person screen, more → "Gevonden personen", 20 per page."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from django_tables2 import RequestConfig

from .tables import BegrensdePaginator


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
    terug = reverse(zoek_url) + "?" + urlencode(
        {k: v for k, v in request.GET.items() if k not in ("sort", "page", "zoek")}
    )  # fmt: skip
    return render(request, template, {"table": table, "terug": terug})
