from django.urls import path

from . import views_map_pvt, views_pip, views_uren, views_zoeken

app_name = "wi2021"

urlpatterns = [
    path("zoeken/", views_zoeken.zoeken, name="zoeken"),
    path("gevonden/", views_zoeken.gevonden, name="gevonden"),
    # Stand-in until wi2021/views_overzicht.py is merged: the lead points this name at the real S-18.
    path("personen/<int:persoon>/", views_zoeken.overzicht_voorlopig, name="overzicht"),
    path("personen/<int:persoon>/pip/doorgeven/<int:stap>/", views_pip.pip_doorgeven, name="pip_doorgeven"),
    path("personen/<int:persoon>/pip/wijzigen/<int:stap>/", views_pip.pip_wijzigen, name="pip_wijzigen"),
    path("personen/<int:persoon>/pip/verwijderen/", views_pip.pip_verwijderen, name="pip_verwijderen"),
    # MAP and PVT (S-37…S-42) and the uren (S-43, S-44).
    path("personen/<int:persoon>/map/doorgeven/", views_map_pvt.map_doorgeven, name="map_doorgeven"),
    path("personen/<int:persoon>/map/wijzigen/", views_map_pvt.map_wijzigen, name="map_wijzigen"),
    path("personen/<int:persoon>/map/verwijderen/", views_map_pvt.map_verwijderen, name="map_verwijderen"),
    path("personen/<int:persoon>/pvt/doorgeven/", views_map_pvt.pvt_doorgeven, name="pvt_doorgeven"),
    path("personen/<int:persoon>/pvt/wijzigen/", views_map_pvt.pvt_wijzigen, name="pvt_wijzigen"),
    path("personen/<int:persoon>/pvt/verwijderen/", views_map_pvt.pvt_verwijderen, name="pvt_verwijderen"),
    path(
        "personen/<int:persoon>/uren/gemeente/<str:soort>/", views_uren.uren_doorgeven, name="uren_doorgeven"
    ),
    path("personen/<int:persoon>/uren/instelling/", views_uren.uren_instelling, name="uren_instelling"),
]
