"""The real URLconf, plus stand-ins for the Wi2021 routes other branches bring (search, PIP wizard) while
they are not merged, so the overview's links can be reversed. A route that exists is never replaced."""

from django.http import HttpResponse
from django.urls import include, path

from pib.urls import urlpatterns as pib_urlpatterns
from wi2021.urls import urlpatterns as wi2021_urlpatterns


def _elders(request, **kwargs):
    return HttpResponse("elders gebouwd")


_ELDERS = (
    ("zoeken/", "zoeken"),
    ("personen/<int:persoon>/pip/doorgeven/<int:stap>/", "pip_doorgeven"),
    ("personen/<int:persoon>/pip/wijzigen/<int:stap>/", "pip_wijzigen"),
    ("personen/<int:persoon>/pip/verwijderen/", "pip_verwijderen"),
)
_bestaand = {p.name for p in wi2021_urlpatterns}
_aangevuld = [*wi2021_urlpatterns, *(path(r, _elders, name=n) for r, n in _ELDERS if n not in _bestaand)]

# The first include of a namespace wins, so this one shadows the real one in pib.urls.
urlpatterns = [path("wi2021/", include((_aangevuld, "wi2021"))), *pib_urlpatterns]
