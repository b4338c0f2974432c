"""Wi2021 MAP and PVT results by machine (§3.6.8, §3.6.9: S-37…S-42), through `regels.TRAJECT_ACTIES` and
`wi2021.services_map_pvt` like the screens; the results themselves are on the person (B-9, `trajecten`).
One path per traject, each with doorgeven (POST), wijzigen (PUT) and verwijderen (DELETE)."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.response import Response

from wi2021 import meldingen as m
from wi2021 import services_map_pvt
from wi2021.models import TRAJECT_DATUM, Traject

from .basis import operatie, regel
from .serializers import Datum, Tekst
from .wi2021 import MUTATIE, TAG, VEROUDERD, Wi2021View
from .wi2021_blokken import TrajectSerializer

# Per traject: the date's own texts and the refusals that differ between MAP and PVT (regels._traject_*).
DATUM = {
    Traject.MAP: [regel(422, m.MAP_DATUM_IN_TOEKOMST), regel(422, m.MAP_DATUM_VOOR_START)],
    Traject.PVT: [regel(422, m.PVT_DATUM_IN_TOEKOMST), regel(422, m.PVT_DATUM_VOOR_START)],
}
ANDERE_GEMEENTE = {Traject.MAP: m.FS667, Traject.PVT: m.FS627}
NA_EINDGESPREK = {Traject.MAP: m.MAP_EINDGESPREK, Traject.PVT: m.FS629}


def _invoer_serializer(traject: str, *, wijziging: bool):
    """S-37/S-40 (doorgeven) and S-38/S-41 (wijzigen): one date, and on a change the version."""
    velden = {"datum": Datum(required=False, allow_null=True, help_text=f"{TRAJECT_DATUM[traject]}.")}
    if wijziging:
        velden["versie"] = Tekst(max_length=60, help_text=f"De 'versie' van het {traject}-resultaat.")
    naam = f"{traject.title()}{'Wijzigen' if wijziging else 'Doorgeven'}Serializer"
    # No `bevestigd`: the MAP and PVT rules have no attentions.
    return type(naam, (serializers.Serializer,), velden)


def _meldingen(traject: str, actie: str) -> list:
    nvt = [regel(422, m.MAP_NVT)] if traject == Traject.MAP else []
    if actie == "doorgeven":
        return [*MUTATIE, *nvt, regel(422, m.TRAJECT_AL_DOORGEGEVEN), regel(422, m.FS657),
                regel(422, m.VELD_VERPLICHT), *DATUM[traject],
                (409, VEROUDERD[1], f"{VEROUDERD[2]} (Intussen door een ander doorgegeven.)")]  # fmt: skip
    bestaand = [*MUTATIE, *nvt, regel(422, m.TRAJECT_NIET_DOORGEGEVEN), regel(422, ANDERE_GEMEENTE[traject]),
                regel(422, NA_EINDGESPREK[traject])]  # fmt: skip
    if actie == "wijzigen":
        return [*bestaand, regel(422, m.FS657), regel(422, m.VELD_VERPLICHT), *DATUM[traject],
                regel(422, m.FS640), VEROUDERD]  # fmt: skip
    return [*bestaand, VEROUDERD]


def _trajectview(traject: str, titels: dict[str, str]):
    """The view of one traject; a class per traject so each operation has its own id and message table."""
    doorgeven = _invoer_serializer(traject, wijziging=False)
    wijzigen = _invoer_serializer(traject, wijziging=True)
    klein = traject.lower()

    class TrajectView(Wi2021View):
        def _kwargs(self, persoon_id: int) -> dict:
            s = self.situatie(persoon_id)
            return {
                "actor": self.request.user,
                "gemeente": self.gemeente,
                "persoon": s.persoon,
                "traject": traject,
            }

        @operatie(
            naam=f"wi2021_{klein}_doorgeven",
            samenvatting=titels["doorgeven"],
            beschrijving=f"Registreert het {traject}-resultaat met de {TRAJECT_DATUM[traject].lower()}. Alleen de "
            "gemeente met een eigen PIP (FS 657); na een verhuizing ook de vorige gemeente binnen haar termijn.",
            meldingen=_meldingen(traject, "doorgeven"),
            request=doorgeven,
            antwoorden={201: TrajectSerializer},
            tags=TAG,
        )
        def post(self, request, persoon_id: int):
            kwargs = self._kwargs(persoon_id)
            datum = self._invoer(doorgeven).get("datum")
            return Response(TrajectSerializer(services_map_pvt.traject_doorgeven(**kwargs, datum=datum)).data,
                            status=201)  # fmt: skip

        @operatie(
            naam=f"wi2021_{klein}_wijzigen",
            samenvatting=titels["wijzigen"],
            beschrijving="Alleen de gemeente die het resultaat registreerde.",
            meldingen=_meldingen(traject, "wijzigen"),
            request=wijzigen,
            antwoorden={200: TrajectSerializer},
            tags=TAG,
        )
        def put(self, request, persoon_id: int):
            kwargs = self._kwargs(persoon_id)
            data = self._invoer(wijzigen)
            resultaat = services_map_pvt.traject_wijzigen(
                **kwargs, datum=data.get("datum"), versie=data["versie"]
            )
            return Response(TrajectSerializer(resultaat).data)

        @operatie(
            naam=f"wi2021_{klein}_verwijderen",
            samenvatting=titels["verwijderen"],
            beschrijving=f"Alleen de gemeente die het resultaat registreerde. Als u voor {traject} al uren hebt "
            "doorgegeven, moet u het totaal aantal uren zelf bijwerken.",
            meldingen=_meldingen(traject, "verwijderen"),
            parameters=[
                OpenApiParameter(
                    "versie",
                    str,
                    OpenApiParameter.QUERY,
                    required=True,
                    description=f"De 'versie' van het {traject}-resultaat uit het laatste antwoord.",
                )
            ],  # fmt: skip
            antwoorden={204: OpenApiResponse(description="Verwijderd.")},
            tags=TAG,
        )
        def delete(self, request, persoon_id: int):
            kwargs = self._kwargs(persoon_id)
            services_map_pvt.traject_verwijderen(**kwargs, versie=request.query_params.get("versie"))
            return Response(status=204)

    TrajectView.__name__ = TrajectView.__qualname__ = f"{traject.title()}View"
    return TrajectView


# The screens' titles (S-37…S-42).
MapView = _trajectview(
    Traject.MAP,
    {"doorgeven": "MAP doorgeven (S-37)", "wijzigen": "MAP wijzigen (S-38)",
     "verwijderen": "MAP resultaat verwijderen (S-39)"},
)  # fmt: skip
PvtView = _trajectview(
    Traject.PVT,
    {"doorgeven": "PVT doorgeven (S-40)", "wijzigen": "PVT wijzigen (S-41)",
     "verwijderen": "PVT resultaat verwijderen (S-42)"},
)  # fmt: skip
