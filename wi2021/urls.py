from django.urls import path

from . import views_contactpersonen, views_pip, views_zoeken

app_name = "wi2021"

urlpatterns = [
    path("zoeken/", views_zoeken.zoeken, name="zoeken"),
    path("gevonden/", views_zoeken.gevonden, name="gevonden"),
    # Stand-in until wi2021/views_overzicht.py is merged: the lead points this name at the real S-18.
    path("personen/<int:persoon>/", views_zoeken.overzicht_voorlopig, name="overzicht"),
    path("personen/<int:persoon>/pip/doorgeven/<int:stap>/", views_pip.pip_doorgeven, name="pip_doorgeven"),
    path("personen/<int:persoon>/pip/wijzigen/<int:stap>/", views_pip.pip_wijzigen, name="pip_wijzigen"),
    path("personen/<int:persoon>/pip/verwijderen/", views_pip.pip_verwijderen, name="pip_verwijderen"),
    # Contactpersonen 2021 (S-04…S-13)
    path("contactpersonen/", views_contactpersonen.contactpersonen, name="contactpersonen"),
    path("contactpersonen/toevoegen/", views_contactpersonen.toevoegen, name="contactpersoon_toevoegen"),
    path(
        "contactpersonen/<int:contactpersoon>/wijzigen/",
        views_contactpersonen.wijzigen,
        name="contactpersoon_wijzigen",
    ),
    path(
        "contactpersonen/<int:contactpersoon>/verwijderen/",
        views_contactpersonen.verwijderen,
        name="contactpersoon_verwijderen",
    ),
    path("contactpersonen/<int:contactpersoon>/caseload/", views_contactpersonen.caseload, name="caseload"),
    path(
        "contactpersonen/<int:contactpersoon>/caseload/historie/",
        views_contactpersonen.caseload_historie,
        name="caseload_historie",
    ),
    path(
        "contactpersonen/<int:contactpersoon>/caseload/overdragen/",
        views_contactpersonen.caseload_overdragen,
        name="caseload_overdragen",
    ),
    path(
        "personen/<int:persoon>/contactpersoon/koppelen/",
        views_contactpersonen.koppelen,
        name="contactpersoon_koppelen",
    ),
    path(
        "personen/<int:persoon>/contactpersoon/ontkoppelen/",
        views_contactpersonen.ontkoppelen,
        name="contactpersoon_ontkoppelen",
    ),
]
