"""Wi2007 by machine, read only as in the portal: the person screen (7-2) with every tab as the screen
and its PDF show it (`wi2007.weergave`: labels, order and display rules in one place)."""

from dataclasses import asdict

from rest_framework import serializers
from rest_framework.response import Response

from inburgering.constants import Wet
from inburgering.models import AuditActie
from wi2007 import selectors
from wi2007.weergave import tabs

from . import fouten
from .basis import ApiView, operatie
from .serializers import PersoonSerializer, SignaaltellingenSerializer


class RijSerializer(serializers.Serializer):
    label = serializers.CharField()
    waarde = serializers.CharField()


class TabelSerializer(serializers.Serializer):
    koppen = serializers.ListField(child=serializers.CharField())
    rijen = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))
    leeg = serializers.CharField(help_text="De tekst die het scherm toont als de tabel leeg is.")


class TabSerializer(serializers.Serializer):
    sleutel = serializers.CharField()
    titel = serializers.CharField()
    rijen = RijSerializer(many=True)
    blokken = serializers.ListField(child=RijSerializer(many=True), help_text="Eén blok per voorziening e.d.")
    tabel = TabelSerializer(allow_null=True)
    leeg = serializers.CharField()


class Wi2007PersoonsschermSerializer(serializers.Serializer):
    persoon = PersoonSerializer()
    signalen = SignaaltellingenSerializer()
    tabs = TabSerializer(many=True)


def _tab(tab) -> dict:
    rij = lambda paar: {"label": paar[0], "waarde": paar[1]}  # noqa: E731
    return {
        "sleutel": tab.sleutel,
        "titel": tab.titel,
        "rijen": [rij(p) for p in tab.rijen],
        "blokken": [[rij(p) for p in blok] for blok in tab.blokken],
        "tabel": asdict(tab.tabel) if tab.tabel else None,
        "leeg": tab.leeg,
    }


class PersoonView(ApiView):
    wet = Wet.WI2007

    @operatie(
        naam="wi2007_persoon_raadplegen",
        samenvatting="Raadplegen persoon WI2007",
        beschrijving="Het persoonsscherm (7-2) met alle tabbladen als label/waarde, zoals het scherm ze toont.",
        meldingen=[(404, "FS 617", fouten.FS617), (403, "geen_rol", fouten.GEEN_LEESROL.melding)],
        antwoorden={200: Wi2007PersoonsschermSerializer},
        tags=["Wi2007"],
    )
    def get(self, request, persoon_id: int):
        persoon, data = selectors.persoonsscherm(toegang=self.toegang, pk=persoon_id)
        self.audit(actie=AuditActie.BEKIJKEN, persoon=persoon, omschrijving="Persoonsscherm WI2007")
        antwoord = {
            "persoon": persoon,
            "signalen": data["signalen"],
            "tabs": [_tab(t) for t in tabs(persoon, data["gegevens"])],
        }
        return Response(Wi2007PersoonsschermSerializer(antwoord).data)
