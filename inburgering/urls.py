from django.urls import path

from . import views

app_name = "inburgering"

urlpatterns = [
    path("", views.start, name="start"),
    path("gemeente/kiezen/", views.gemeente_kiezen, name="gemeente_kiezen"),
    path("onder-welke-wet/", views.wet_zoeken, name="wet_zoeken"),
    path("contact/", views.contact, name="contact"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
]
