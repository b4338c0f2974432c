from django.urls import path

from . import views

app_name = "wi2013"

urlpatterns = [
    path("zoeken/", views.zoeken, name="zoeken"),
    path("gevonden/", views.gevonden, name="gevonden"),
    path("personen/<int:persoon>/", views.persoon, name="persoon"),
    path("personen/<int:persoon>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("personen/<int:persoon>/factuur/toevoegen/", views.factuur_toevoegen, name="factuur_toevoegen"),
    path("personen/<int:persoon>/factuur/wijzigen/", views.factuur_wijzigen, name="factuur_wijzigen"),
    path(
        "personen/<int:persoon>/factuur/verwijderen/", views.factuur_verwijderen, name="factuur_verwijderen"
    ),
]
