"""Find a person by BSN, the number a CVS knows. The BSN goes in the body, never in a URL (issue 8 item 9);
the answer is the id the other endpoints take. Whether the key's gemeente may see the person is decided by
the law's own check — the same one its person endpoint uses — so the lookup reveals nothing more."""

from django.http import Http404
from django.urls import reverse

from rest_framework import serializers
from rest_framework.response import Response

from inburgering.access import persoon_voor
from inburgering.bsn import normalize_bsn, validate_bsn
from inburgering.constants import Wet
from inburgering.messages import FS603
from inburgering.models import AuditActie, Persoon
from wi2013.selectors import persoon_wi2013

from . import fouten
from .basis import ApiView, operatie
from .serializers import Tekst
from .wi2021 import Wi2021View


class ZoekSerializer(serializers.Serializer):
    bsn = Tekst(max_length=20, help_text="Het burgerservicenummer: 9 cijfers die de elfproef doorstaan.")

    def validate_bsn(self, waarde: str) -> str:
        bsn = normalize_bsn(waarde)
        validate_bsn(bsn)
        return bsn


class GevondenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    wet = serializers.ChoiceField(choices=Wet.choices)
    url = serializers.CharField(help_text="Het pad van de persoon onder zijn wet.")


def _zichtbaar(view: ApiView, persoon: Persoon) -> None:
    """Raises 404 (FS 617) unless the law's person endpoint would show this person to the key."""
    if persoon.wet == Wet.WI2007:
        persoon_voor(toegang=view.toegang, wet=Wet.WI2007, pk=persoon.pk)
    elif persoon.wet == Wet.WI2013:
        persoon_wi2013(toegang=view.toegang, pk=persoon.pk)
    elif persoon.wet == Wet.WI2021 and view.toegang.mag_lezen(Wet.WI2021):
        Wi2021View.situatie(view, persoon.pk)
    else:
        raise Http404(fouten.FS617)


class ZoekView(ApiView):
    @operatie(
        naam="personen_zoeken",
        samenvatting="Persoon zoeken op BSN",
        beschrijving="Geeft het id en de wet van de persoon, als uw gemeente de persoon onder die wet mag "
        "raadplegen. Het BSN staat in de body, nooit in een URL.",
        meldingen=[
            (400, "FS 603", FS603),
            (404, "FS 617", fouten.FS617),
            (404, "FS 636", "(Wi2021) FS 636"),
            (403, "FS 655", "(Wi2021) FS 655"),
        ],  # fmt: skip
        request=ZoekSerializer,
        antwoorden={200: GevondenSerializer},
        tags=["Personen"],
    )
    def post(self, request):
        invoer = ZoekSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        bsn = invoer.validated_data["bsn"]
        persoon = Persoon.objects.filter(bsn=bsn).only("id", "wet", "bsn").first()
        gevonden = persoon is not None and bool(persoon.wet)
        self.audit(actie=AuditActie.ZOEKEN, bsn=bsn, omschrijving="Zoeken persoon op BSN")
        if not gevonden:
            raise Http404(fouten.FS617)
        _zichtbaar(self, persoon)
        url = reverse(f"api:{persoon.wet.lower()}-persoon", kwargs={"persoon_id": persoon.pk})
        return Response(GevondenSerializer({"id": persoon.pk, "wet": persoon.wet, "url": url}).data)
