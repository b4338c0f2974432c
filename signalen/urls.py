from django.urls import path

from . import views

app_name = "signalen"

urlpatterns = [
    path("<slug:wet>/zoeken/", views.zoeken, name="zoeken"),
    path("<slug:wet>/", views.selecteren, name="selecteren"),
    path("<slug:wet>/download/", views.download, name="download"),
]
