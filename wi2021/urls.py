from django.urls import path

from . import views_aanbod, views_pip, views_zoeken

app_name = "wi2021"

urlpatterns = [
    path("zoeken/", views_zoeken.zoeken, name="zoeken"),
    path("gevonden/", views_zoeken.gevonden, name="gevonden"),
    # Stand-in until wi2021/views_overzicht.py is merged: the lead points this name at the real S-18.
    path("personen/<int:persoon>/", views_zoeken.overzicht_voorlopig, name="overzicht"),
    path("personen/<int:persoon>/pip/doorgeven/<int:stap>/", views_pip.pip_doorgeven, name="pip_doorgeven"),
    path("personen/<int:persoon>/pip/wijzigen/<int:stap>/", views_pip.pip_wijzigen, name="pip_wijzigen"),
    path("personen/<int:persoon>/pip/verwijderen/", views_pip.pip_verwijderen, name="pip_verwijderen"),
    # Inburgeringsaanbod (S-32…S-36)
    path("personen/<int:persoon>/aanbod/", views_aanbod.aanbod, name="aanbod"),
    path("personen/<int:persoon>/aanbod/toevoegen/", views_aanbod.aanbod_toevoegen, name="aanbod_toevoegen"),
    path(
        "personen/<int:persoon>/aanbod/<int:aanbod>/wijzigen/",
        views_aanbod.aanbod_wijzigen,
        name="aanbod_wijzigen",
    ),
    path(
        "personen/<int:persoon>/aanbod/<int:aanbod>/verwijderen/",
        views_aanbod.aanbod_intrekken,
        name="aanbod_intrekken",
    ),
    path("personen/<int:persoon>/aanbod/historie/", views_aanbod.aanbod_historie, name="aanbod_historie"),
]
