"""/api/v1/: the machine coupling. Anything else under /api/ is a JSON 404, never the portal's HTML page."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path, register_converter

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from inburgering.constants import MUT_ROLLEN, Wet

from . import (
    downloads,
    personen,
    signalen,
    wi2007,
    wi2013,
    wi2021,
    wi2021_aanbod,
    wi2021_map_pvt,
    wi2021_uren,
)
from .basis import Id, NietGevondenView

register_converter(Id, "id")

app_name = "api"


def _signalen(wet: str) -> list:
    lijst, status = signalen.views_voor(wet)
    prefix = wet.lower()
    routes = [path(f"{prefix}/signalen/", lijst.as_view(), name=f"{prefix}-signalen")]
    if MUT_ROLLEN[wet]:  # Wi2007 is read only: no role may change its signals, in the screens neither
        routes.append(path(f"{prefix}/signalen/status/", status.as_view(), name=f"{prefix}-signalen-status"))
    return routes


# Wi2021 aanbod, MAP, PVT and uren join here (see the extension point in api/wi2021.py).
P21 = "wi2021/personen/<id:persoon_id>/"
WI2021_KAMERS: list = [
    path("wi2021/instellingen/", wi2021_aanbod.InstellingenView.as_view(), name="wi2021-instellingen"),
    path(f"{P21}aanbod/", wi2021_aanbod.AanbodView.as_view(), name="wi2021-aanbod"),
    path(f"{P21}aanbod/<id:aanbod_id>/", wi2021_aanbod.AanbodItemView.as_view(), name="wi2021-aanbod-item"),
    path(f"{P21}map/", wi2021_map_pvt.MapView.as_view(), name="wi2021-map"),
    path(f"{P21}pvt/", wi2021_map_pvt.PvtView.as_view(), name="wi2021-pvt"),
    path(f"{P21}uren/", wi2021_uren.UrenView.as_view(), name="wi2021-uren"),
    path(f"{P21}uren/instelling/", wi2021_uren.InstellingUrenView.as_view(), name="wi2021-uren-instelling"),
]


v1 = [
    path("schema/", login_not_required(SpectacularAPIView.as_view(api_version="v1")), name="schema"),
    path(
        "docs/",
        login_not_required(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="api/swagger_ui.html", title="PIB API"
            )
        ),
        name="docs",
    ),
    path("personen/zoeken/", personen.ZoekView.as_view(), name="personen-zoeken"),
    path("wi2007/personen/<id:persoon_id>/", wi2007.PersoonView.as_view(), name="wi2007-persoon"),
    path("wi2013/personen/<id:persoon_id>/", wi2013.PersoonView.as_view(), name="wi2013-persoon"),
    path("wi2013/personen/<id:persoon_id>/pvt/", wi2013.PvtView.as_view(), name="wi2013-pvt"),
    path("wi2013/personen/<id:persoon_id>/factuur/", wi2013.FactuurView.as_view(), name="wi2013-factuur"),
    path("wi2021/personen/<id:persoon_id>/", wi2021.PersoonView.as_view(), name="wi2021-persoon"),
    path("wi2021/personen/<id:persoon_id>/pip/", wi2021.PipView.as_view(), name="wi2021-pip"),
    *WI2021_KAMERS,
    *(p for wet in Wet.values for p in _signalen(wet)),
    path("downloads/", downloads.LijstView.as_view(), name="downloads"),
    path("downloads/<id:bestand_id>/", downloads.BestandView.as_view(), name="download"),
    path("downloads/documenten/<slug:sleutel>/", downloads.DocumentView.as_view(), name="document"),
]

urlpatterns = [
    path("v1/", include(v1)),
    re_path(r"^", NietGevondenView.as_view()),
]
