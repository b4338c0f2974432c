"""Wi2021 deelgenomen uren by machine (§3.6.10: S-43 for the gemeente kinds, S-44 for uren taalles en KNM
at an instelling), through `wi2021.regels` and `wi2021.services_uren` like the screens.

Each registration is a new running total (R-UR-2). As on the screens, a save carries the version of what
"Tot nu toe doorgegeven" showed (`GET .../uren/`), also for a first registration (`geen`), so two systems
adding hours at the same time cannot silently overwrite each other: the second gets 409 `verouderd`."""

from rest_framework import serializers
from rest_framework.response import Response

from inburgering.models import AuditActie
from wi2021 import meldingen as m
from wi2021 import services_uren
from wi2021.constants import SoortInstelling
from wi2021.models import GEMEENTE_UREN, Instelling, Urensoort, urenkenmerk
from wi2021.selectors_map_pvt_uren import aanbod_instellingen, eigen_instelling_standen, eigen_stand

from .basis import operatie, regel
from .serializers import Datum, Tekst
from .wi2021 import MUTATIE, PERSOON, TAG, VEROUDERD, Wi2021View
from .wi2021_blokken import InstellingSerializer, UrenstandSerializer

GEMEENTE_UREN_KEUZES = [(s.value, s.label) for s in GEMEENTE_UREN]  # named in ENUM_NAME_OVERRIDES
UREN = {"min_value": 0, "max_value": 99999, "required": False, "allow_null": True}
VERSIE_HULP = "De 'versie' uit GET .../uren/ (wat tot nu toe is doorgegeven; 'geen' als er nog niets is)."


class GemeentesoortSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=GEMEENTE_UREN_KEUZES)
    omschrijving = serializers.CharField()
    stand = UrenstandSerializer(allow_null=True, help_text="Tot nu toe doorgegeven door uw gemeente.")
    versie = serializers.CharField(help_text="Stuur mee bij het doorgeven van een nieuw totaal.")


class InstellingUrenSerializer(serializers.Serializer):
    instelling = InstellingSerializer()
    standen = UrenstandSerializer(many=True, help_text="Tot nu toe doorgegeven door uw gemeente.")
    versie = serializers.CharField(help_text="Stuur mee bij het doorgeven van nieuwe totalen.")


class TotNuToeSerializer(serializers.Serializer):
    gemeente = GemeentesoortSerializer(
        many=True, help_text="S-43: participatie-uren, taallesuren, brede intake."
    )
    instellingen = InstellingUrenSerializer(
        many=True, help_text="S-44: de instellingen waar uw gemeente een inburgeringsaanbod heeft."
    )


class UrenInvoerSerializer(serializers.Serializer):
    """S-43: a new total of one gemeente kind."""

    soort = serializers.ChoiceField(choices=GEMEENTE_UREN_KEUZES, help_text="Type uren: 2, 3 of 4.")
    aantal = serializers.IntegerField(**UREN, help_text="Nieuw totaal aantal uren (opgeteld bij het vorige).")
    datum_tot = Datum(required=False, allow_null=True, help_text="Datum totaal aantal uren.")
    instelling = Tekst(max_length=20, required=False, allow_blank=True,
                       help_text="Niet invullen: deze soorten horen niet bij een instelling (FS 660).")  # fmt: skip
    versie = Tekst(max_length=60, help_text=VERSIE_HULP)


class InstellingUrenInvoerSerializer(serializers.Serializer):
    """S-44 (D-17): up to three totals of one instelling with one date; a total left out keeps its value."""

    instelling = Tekst(max_length=20, required=False, allow_blank=True, help_text="De instellingscode.")
    soort_instelling = serializers.ChoiceField(choices=SoortInstelling.choices, required=False, allow_blank=True,
                                               help_text="Alleen bij de Onderwijsroute (R-UR-7).")  # fmt: skip
    uren_taalles_knm = serializers.IntegerField(**UREN, help_text="Soort 6: nieuw totaal.")
    geoorloofd_verzuim = serializers.IntegerField(**UREN, help_text="Soort 8: nieuw totaal.")
    ongeoorloofd_verzuim = serializers.IntegerField(**UREN, help_text="Soort 9: nieuw totaal.")
    datum_tot = Datum(required=False, allow_null=True, help_text="Datum totaal aantal uren.")
    versie = Tekst(max_length=120, help_text=VERSIE_HULP)


# The three INSTELLING_UREN kinds as named fields.
SOORT_VELD = {Urensoort.TAALLES_KNM: "uren_taalles_knm", Urensoort.GEOORLOOFD: "geoorloofd_verzuim",
              Urensoort.ONGEOORLOOFD: "ongeoorloofd_verzuim"}  # fmt: skip
DATUM = [regel(422, x) for x in (m.UREN_VELD_VERPLICHT, m.UREN_IN_TOEKOMST, m.UREN_VOOR_START, m.UREN_NA_EINDE,
                                 m.FS666)]  # fmt: skip


def _instelling_uren(instelling: Instelling, standen: dict) -> dict:
    return {"instelling": instelling, "standen": [st for st in standen.values() if st is not None],
            "versie": urenkenmerk(standen.values())}  # fmt: skip


class UrenView(Wi2021View):
    @operatie(
        naam="wi2021_uren_raadplegen",
        samenvatting="Tot nu toe doorgegeven uren (S-43, S-44)",
        beschrijving="De lopende totalen van uw gemeente met hun 'versie'. De totalen van alle gemeenten staan "
        "bij de persoon ('uren', B-10).",
        meldingen=PERSOON,
        antwoorden={200: TotNuToeSerializer},
        tags=TAG,
    )
    def get(self, request, persoon_id: int):
        s = self.situatie(persoon_id)
        self.audit(actie=AuditActie.BEKIJKEN, persoon=s.persoon, omschrijving="Deelgenomen uren WI2021")
        gemeente = []
        for soort in GEMEENTE_UREN:
            stand = eigen_stand(s, soort)
            gemeente.append({"soort": soort, "omschrijving": Urensoort(soort).label, "stand": stand,
                             "versie": urenkenmerk([stand])})  # fmt: skip
        instellingen = [_instelling_uren(i, eigen_instelling_standen(s, i)) for i in aanbod_instellingen(s)]
        return Response(TotNuToeSerializer({"gemeente": gemeente, "instellingen": instellingen}).data)

    @operatie(
        naam="wi2021_uren_doorgeven",
        samenvatting="Deelgenomen uren doorgeven (S-43)",
        beschrijving="Een nieuw totaal (niet het verschil) van participatie-uren, taallesuren of taallesuren uit "
        "de brede intake, tot en met 'datum_tot'. Alleen de gemeente met een eigen PIP (FS 657).",
        meldingen=[*MUTATIE, regel(422, m.FS657), regel(422, m.FS660), *DATUM, VEROUDERD],
        request=UrenInvoerSerializer,
        antwoorden={201: GemeentesoortSerializer},
        tags=TAG,
    )
    def post(self, request, persoon_id: int):
        s = self.situatie(persoon_id)
        data = self._invoer(UrenInvoerSerializer)
        stand = services_uren.uren_doorgeven(
            actor=request.user, gemeente=self.gemeente, persoon=s.persoon, soort=data["soort"],
            aantal=data.get("aantal"), datum_tot=data.get("datum_tot"), versie=data["versie"],
            instelling_gevuld=bool(data.get("instelling")),
        )  # fmt: skip
        antwoord = {"soort": stand.soort, "omschrijving": stand.get_soort_display(), "stand": stand,
                    "versie": urenkenmerk([stand])}  # fmt: skip
        return Response(GemeentesoortSerializer(antwoord).data, status=201)


class InstellingUrenView(Wi2021View):
    @operatie(
        naam="wi2021_uren_instelling_doorgeven",
        samenvatting="Uren taalles en KNM bij instelling doorgeven (S-44)",
        beschrijving="Nieuwe totalen van uren taalles en KNM, geoorloofd en ongeoorloofd verzuim bij één "
        "instelling met één datum; minstens één totaal. Alleen voor asielstatushouders, bij een instelling "
        "waar uw gemeente een inburgeringsaanbod heeft (FS 659).",
        meldingen=[
            *MUTATIE,
            regel(422, m.UREN_GEZINSMIGRANT),
            regel(422, m.FS646_UREN),
            regel(422, m.FS659),
            *DATUM,
            VEROUDERD,
        ],  # fmt: skip
        request=InstellingUrenInvoerSerializer,
        antwoorden={201: InstellingUrenSerializer},
        tags=TAG,
    )
    def post(self, request, persoon_id: int):
        s = self.situatie(persoon_id)
        data = self._invoer(InstellingUrenInvoerSerializer)
        code = data.get("instelling")
        instelling = Instelling.objects.filter(code=code).first() if code else None
        services_uren.uren_instelling_doorgeven(
            actor=request.user, gemeente=self.gemeente, persoon=s.persoon,
            instelling_id=instelling.pk if instelling else None, soort_instelling=data.get("soort_instelling") or "",
            totalen={soort: data.get(veld) for soort, veld in SOORT_VELD.items()}, datum_tot=data.get("datum_tot"),
            versie=data["versie"],
        )  # fmt: skip
        standen = eigen_instelling_standen(s, instelling)
        return Response(InstellingUrenSerializer(_instelling_uren(instelling, standen)).data, status=201)
