"""The real URLconf plus one person view built only from the permission layer, to prove A-3/A-4."""

from django.http import HttpResponse
from django.urls import path

from inburgering.access import persoon_voor, rol_vereist, vereis_muteren
from inburgering.constants import Wet
from pib.urls import urlpatterns as pib_urlpatterns


@rol_vereist(Wet.WI2021)
def persoon_test_view(request, bsn):
    persoon = persoon_voor(toegang=request.toegang, wet=Wet.WI2021, bsn=bsn)
    if request.method == "POST":
        vereis_muteren(actor=request.user, gemeente=request.toegang.gemeente, wet=Wet.WI2021)
        return HttpResponse("gewijzigd")
    return HttpResponse(persoon.achternaam)


urlpatterns = [path("test/persoon/<str:bsn>/", persoon_test_view, name="test_persoon"), *pib_urlpatterns]
