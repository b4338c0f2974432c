from django.urls import path

from . import views

app_name = "downloads"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/", views.download, name="download"),
    path("documenten/<slug:sleutel>/", views.document, name="document"),
]
