from django.urls import path

from . import views

app_name = "wi2007"

urlpatterns = [
    path("zoeken/", views.zoeken, name="zoeken"),
    path("gevonden/", views.gevonden, name="gevonden"),
    path("personen/<int:persoon>/", views.persoon, name="persoon"),
    path("personen/<int:persoon>/pdf/", views.persoon_pdf_view, name="persoon_pdf"),
]
