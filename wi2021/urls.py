from django.urls import path

from . import views_pip

app_name = "wi2021"

urlpatterns = [
    # PIP (S-24…S-30); `overzicht` is a placeholder until the overview helper's S-18 is merged.
    path("personen/<int:persoon>/", views_pip.overzicht, name="overzicht"),
    path("personen/<int:persoon>/pip/doorgeven/<int:stap>/", views_pip.pip_doorgeven, name="pip_doorgeven"),
    path("personen/<int:persoon>/pip/wijzigen/<int:stap>/", views_pip.pip_wijzigen, name="pip_wijzigen"),
    path("personen/<int:persoon>/pip/verwijderen/", views_pip.pip_verwijderen, name="pip_verwijderen"),
]
