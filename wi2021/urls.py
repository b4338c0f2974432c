from django.urls import path

from . import views_overzicht

app_name = "wi2021"

urlpatterns = [
    # S-18 and its history pages (S-19, S-20, S-31).
    path("personen/<int:persoon>/", views_overzicht.overzicht, name="overzicht"),
    path(
        "personen/<int:persoon>/doelgroep/historie/",
        views_overzicht.doelgroep_historie,
        name="doelgroep_historie",
    ),
    path(
        "personen/<int:persoon>/inburgeringsplicht/historie/",
        views_overzicht.plicht_historie,
        name="plicht_historie",
    ),
    path("personen/<int:persoon>/pip/historie/", views_overzicht.pip_historie, name="pip_historie"),
]
