from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from inburgering import tweefactor
from inburgering import views as inburgering_views
from inburgering.forms_auth import InlogForm

admin.site.site_header = "PIB beheer"
admin.site.site_title = "PIB beheer"
admin.site.index_title = "Beheer Portal Inburgering"

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(authentication_form=InlogForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("inloggen/code/", tweefactor.tweefactor, name="tweefactor"),
    path("inloggen/reservecode/", tweefactor.reservecode, name="tweefactor_reservecode"),
    path("inloggen/annuleren/", tweefactor.afbreken, name="tweefactor_afbreken"),
    path("healthz", inburgering_views.healthz, name="healthz"),
    path("beheer/", admin.site.urls),
    path("api/", include("api.urls")),
    path("signalen/", include("signalen.urls")),
    path("downloads/", include("inburgering.downloads.urls")),
    path("wi2007/", include("wi2007.urls")),
    path("wi2013/", include("wi2013.urls")),
    path("wi2021/", include("wi2021.urls")),
    path("", include("inburgering.urls")),
]

handler400 = "inburgering.views.fout_400"
handler403 = "inburgering.views.fout_403"
handler404 = "inburgering.views.fout_404"
handler500 = "inburgering.views.fout_500"
