"""Wi2021 inburgeringsaanbod by machine (§3.6.7: S-33 toevoegen, S-34 wijzigen, S-35 verwijderen), through
`wi2021.regels` and `wi2021.services_aanbod` like the screens; the aanbiedingen themselves are on the person
(B-8, `aanbiedingen`). The instelling is given by its instellingscode (DUO's reference list, also served at
`wi2021/instellingen/`); an unknown code is the rules layer's FS 646, as an unknown choice on the screen."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.response import Response

from wi2021 import meldingen as m
from wi2021 import services_aanbod
from wi2021.constants import Alfabetisering, SoortInstelling
from wi2021.models import Instelling

from . import fouten
from .basis import operatie, regel
from .serializers import Datum, Tekst
from .wi2021 import MUTATIE, TAG, VEROUDERD, BevestigingVelden, Wi2021View
from .wi2021_blokken import AanbodSerializer, InstellingSerializer


class AanbodGegevensSerializer(BevestigingVelden):
    """The fields of S-33 and S-34. Empty fields are judged by the rules layer, with the manual's messages."""

    datum_inschrijving = Datum(required=False, allow_null=True, help_text="Datum inschrijving instelling.")
    datum_start = Datum(required=False, allow_null=True, help_text="Datum start opleiding.")
    datum_einde = Datum(required=False, allow_null=True, help_text="Datum einde opleiding.")
    alfabetisering = serializers.ChoiceField(
        choices=Alfabetisering.choices,
        required=False,
        allow_blank=True,
        help_text="Alfabetisering onderdeel van de opleiding.",
    )


class AanbodToevoegenSerializer(AanbodGegevensSerializer):
    """S-33."""

    instelling = Tekst(max_length=20, required=False, allow_blank=True, help_text="De instellingscode.")
    soort_instelling = serializers.ChoiceField(
        choices=SoortInstelling.choices,
        required=False,
        allow_blank=True,
        help_text="Alleen bij de Onderwijsroute: Blik op Werk of taalschakel (R-AB-4). Leeg: de soort van "
        "de instelling.",
    )


class AanbodWijzigenSerializer(AanbodGegevensSerializer):
    """S-34: the dates and the alfabetisering; the instelling stays (M-22). Send every field (a field left
    out becomes empty)."""

    versie = Tekst(max_length=60, help_text="De 'versie' van het aanbod uit het laatste antwoord.")


GEGEVENS = [
    *(regel(422, x) for x in (m.FS648, m.FS649, m.FS671, m.FS672, m.FS673, m.VELD_VERPLICHT)),
    (422, fouten.BEVESTIGING_NODIG.code, f"{fouten.BEVESTIGING_NODIG.melding} Attentie: 6-maanden "
     f"({m.AANBOD_ONDERWIJSROUTE_START.tekst})"),
]  # fmt: skip
AANBOD_MOGELIJK = [regel(422, m.AANBOD_GEZINSMIGRANT), regel(422, m.FS643)]
BESTAAND = [
    regel(422, m.AANBOD_ANDERE_GEMEENTE),
    regel(422, m.GEEN_AANBOD_VOOR_INSTELLING),
    regel(422, m.GEEN_AANBOD_VOOR_ZAKENPARTNER),
]
AANBOD_ID = OpenApiParameter("aanbod_id", int, OpenApiParameter.PATH, description="De 'id' van het aanbod.")


class InstellingenView(Wi2021View):
    @operatie(
        naam="wi2021_instellingen",
        samenvatting="Instellingen (Blik op Werk en taalschakel)",
        beschrijving="De actieve instellingen waar een inburgeringsaanbod en uren taalles en KNM bij kunnen "
        "horen, met hun instellingscode (R-AB-4).",
        meldingen=[(403, "geen_rol", fouten.GEEN_LEESROL.melding)],
        antwoorden={200: InstellingSerializer(many=True)},
        tags=["Wi2021"],
    )
    def get(self, request):
        return Response(InstellingSerializer(Instelling.objects.filter(actief=True), many=True).data)


def _instelling(code: str | None) -> Instelling | None:
    return Instelling.objects.filter(code=code).first() if code else None


class AanbodView(Wi2021View):
    @operatie(
        naam="wi2021_aanbod_toevoegen",
        samenvatting="Inburgeringsaanbod toevoegen (S-33)",
        beschrijving="Alleen voor een asielstatushouder met een PIP, door de huidige gemeente. Eén actueel "
        "aanbod per instelling.",
        meldingen=[
            *MUTATIE,
            *AANBOD_MOGELIJK,
            regel(422, m.FS646),
            regel(422, m.AANBOD_BESTAAT_AL),
            *GEGEVENS,
        ],
        request=AanbodToevoegenSerializer,
        antwoorden={201: AanbodSerializer},
        tags=TAG,
    )
    def post(self, request, persoon_id: int):
        s = self.situatie(persoon_id)
        data = self._invoer(AanbodToevoegenSerializer)
        bevestigd = data.pop("bevestigd", [])
        data["instelling"] = _instelling(data.get("instelling"))
        aanbod = services_aanbod.aanbod_toevoegen(actor=request.user, gemeente=self.gemeente, persoon=s.persoon,
                                                  data=data, bevestigd=bevestigd)  # fmt: skip
        return Response(AanbodSerializer(aanbod).data, status=201)


class AanbodItemView(Wi2021View):
    @operatie(
        naam="wi2021_aanbod_wijzigen",
        samenvatting="Inburgeringsaanbod wijzigen (S-34)",
        beschrijving="De datums en de alfabetisering; de instelling blijft. Alleen het eigen aanbod; de vorige "
        "gemeente tot 4 weken na het nieuwe PIP (R-ACC-6). De vervangen versie komt in de historie.",
        meldingen=[
            *MUTATIE,
            regel(422, m.WIJZIGEN_AANBOD_NIET_MEER),
            *BESTAAND,
            *AANBOD_MOGELIJK,
            *GEGEVENS,
            VEROUDERD,
        ],  # fmt: skip
        parameters=[AANBOD_ID],
        request=AanbodWijzigenSerializer,
        antwoorden={200: AanbodSerializer},
        tags=TAG,
    )
    def put(self, request, persoon_id: int, aanbod_id: int):
        s = self.situatie(persoon_id)
        data = self._invoer(AanbodWijzigenSerializer)
        bevestigd, versie = data.pop("bevestigd", []), data.pop("versie")
        aanbod = services_aanbod.aanbod_wijzigen(actor=request.user, gemeente=self.gemeente, persoon=s.persoon,
                                                 aanbod=aanbod_id, data=data, versie=versie, bevestigd=bevestigd)  # fmt: skip
        return Response(AanbodSerializer(aanbod).data)

    @operatie(
        naam="wi2021_aanbod_verwijderen",
        samenvatting="Inburgeringsaanbod verwijderen (S-35)",
        beschrijving="Het aanbod wordt ingetrokken (het blijft zichtbaar met status 'ingetrokken'); de uren "
        "taalles en KNM die de gemeente voor die instelling doorgaf, vervallen mee. Niet later dan 30 maanden "
        "na de start van de inburgeringstermijn.",
        meldingen=[*MUTATIE, *BESTAAND, regel(422, m.INTREKKEN_NA_TWEEENHALF_JAAR), VEROUDERD],
        parameters=[
            AANBOD_ID,
            OpenApiParameter(
                "versie",
                str,
                OpenApiParameter.QUERY,
                required=True,
                description="De 'versie' van het aanbod uit het laatste antwoord.",
            ),
        ],  # fmt: skip
        antwoorden={204: OpenApiResponse(description="Ingetrokken.")},
        tags=TAG,
    )
    def delete(self, request, persoon_id: int, aanbod_id: int):
        s = self.situatie(persoon_id)
        services_aanbod.aanbod_intrekken(actor=request.user, gemeente=self.gemeente, persoon=s.persoon,
                                         aanbod=aanbod_id, versie=request.query_params.get("versie"))  # fmt: skip
        return Response(status=204)
