"""Wi2013 by machine (seed 003: the coupling DUO offers): the person screen (13-2), the PVT registration
(13-3) and the factuur (13-4), through `wi2013.selectors` and `wi2013.services` like the screens."""

from django.utils import timezone

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.response import Response

from inburgering.constants import Wet
from inburgering.messages import FS602
from inburgering.models import AuditActie
from inburgering.versie import VEROUDERD
from wi2013 import meldingen as wi2013_meldingen
from wi2013 import selectors, services
from wi2013.constants import RedenNietVoldaan

from . import fouten
from .basis import ApiView, operatie
from .serializers import Datum, GemeenteSerializer, PersoonSerializer, SignaaltellingenSerializer, Tekst

TAG = ["Wi2013"]


class Wi2013PvtSerializer(serializers.Serializer):
    """Tab Persoonsgegevens (seed 000 §4.4): DUO's PVT data and the gemeente's four fields."""

    indicatie_inburgeringsplicht = serializers.BooleanField()
    gemeente_eerste_vestiging = GemeenteSerializer(allow_null=True)
    gemeente_einde_pvt = GemeenteSerializer(allow_null=True)
    pvt_plichtig = serializers.BooleanField(allow_null=True)
    datum_start_pvt_plicht = serializers.DateField(allow_null=True)
    datum_einde_pvt_plicht = serializers.DateField(allow_null=True)
    datum_start_deelname = serializers.DateField(allow_null=True)
    datum_einde_deelname = serializers.DateField(allow_null=True)
    datum_voldaan = serializers.DateField(allow_null=True)
    reden_niet_voldaan = serializers.CharField(help_text="Code 1–8, of leeg.")
    reden_niet_voldaan_omschrijving = serializers.CharField(source="get_reden_niet_voldaan_display")
    geregistreerd_op = serializers.DateTimeField(allow_null=True)
    definitief = serializers.BooleanField(help_text="Twee weken na registratie definitief (13-3).")
    definitief_op = serializers.SerializerMethodField()
    recht_op_mb = serializers.BooleanField(allow_null=True)
    mb_gemeld_bzk = serializers.BooleanField(allow_null=True)
    mb_gemeld_jaar = serializers.IntegerField(allow_null=True)
    lening_duo = serializers.BooleanField()
    versie = serializers.CharField(source="versiekenmerk", help_text="Stuur mee bij een wijziging.")

    def get_definitief_op(self, gegevens) -> str | None:
        moment = services.definitief_op(gegevens)
        return None if moment is None or gegevens.definitief else timezone.localtime(moment).isoformat()


class FactuurSerializer(serializers.Serializer):
    factuurnummer = serializers.CharField()
    factuurdatum = serializers.DateField()
    debiteurnummer = serializers.CharField()
    bedrag = serializers.DecimalField(max_digits=6, decimal_places=2)
    status = serializers.CharField(help_text="Indicatie status factuur (code), of leeg.")
    status_omschrijving = serializers.CharField(source="statustekst")
    geaccepteerd = serializers.BooleanField(allow_null=True)
    versie = serializers.CharField(source="versiekenmerk", help_text="Stuur mee bij wijzigen en verwijderen.")


class PvtHistorieSerializer(serializers.Serializer):
    tijdstip = serializers.DateTimeField()
    gebruiker = serializers.CharField()
    gemeente = GemeenteSerializer(allow_null=True)
    gebeurtenis = serializers.CharField()
    datum_start_deelname = serializers.DateField(allow_null=True)
    datum_einde_deelname = serializers.DateField(allow_null=True)
    datum_voldaan = serializers.DateField(allow_null=True)
    reden_niet_voldaan = serializers.CharField()
    datum_einde_pvt_plicht = serializers.DateField(allow_null=True)


class Wi2013PersoonsschermSerializer(serializers.Serializer):
    persoon = PersoonSerializer()
    signalen = SignaaltellingenSerializer()
    pvt = Wi2013PvtSerializer()
    historie = PvtHistorieSerializer(many=True)
    factuur = FactuurSerializer(allow_null=True)


class Wi2013PvtInvoerSerializer(serializers.Serializer):
    """13-3: all four fields each time (null or "" = empty), on the version of the last read."""

    datum_start_deelname = Datum(allow_null=True)
    datum_einde_deelname = Datum(allow_null=True)
    datum_voldaan = Datum(allow_null=True)
    reden_niet_voldaan = serializers.ChoiceField(
        choices=RedenNietVoldaan.choices, allow_blank=True, allow_null=True, help_text="Code 1–8, of leeg."
    )
    versie = Tekst(max_length=60, help_text="De 'versie' uit het laatste antwoord.")


class FactuurInvoerSerializer(serializers.Serializer):
    """13-4. The format rules and their messages are the service's (FACTUURNUMMER, DEBITEURNUMMER)."""

    factuurnummer = Tekst(max_length=200, allow_blank=True)
    factuurdatum = Datum(allow_null=True)
    debiteurnummer = Tekst(max_length=200, allow_blank=True)


class FactuurWijzigenSerializer(FactuurInvoerSerializer):
    versie = Tekst(max_length=60, help_text="De 'versie' van de factuur uit het laatste antwoord.")


def _invoer(serializer_class, data) -> dict:
    invoer = serializer_class(data=data)
    invoer.is_valid(raise_exception=True)
    return invoer.validated_data


def _m(http_status: int, code: str, tekst: str):
    return (http_status, code, tekst)


PERSOON = [_m(404, "FS 617", fouten.FS617), _m(403, "geen_rol", fouten.GEEN_LEESROL.melding)]
MUTATIE = [
    *PERSOON,
    _m(403, "geen_rol", fouten.GEEN_ROL.melding),
    _m(403, "geen_toegang", wi2013_meldingen.NIET_WOONACHTIG.tekst),
    _m(422, "FS 602", FS602),
    _m(409, "verouderd", VEROUDERD),
]
VERSIE = OpenApiParameter("versie", str, OpenApiParameter.QUERY, required=True,
                          description="De 'versie' van de factuur uit het laatste antwoord.")  # fmt: skip


class PersoonView(ApiView):
    wet = Wet.WI2013

    @operatie(
        naam="wi2013_persoon_raadplegen",
        samenvatting="Raadplegen persoon WI2013",
        beschrijving="Het persoonsscherm (13-2): persoon, signalen, PVT-gegevens, PVT-historie en factuur. "
        "Ook voor een vorige woongemeente (alleen raadplegen, A-6).",
        meldingen=PERSOON,
        antwoorden={200: Wi2013PersoonsschermSerializer},
        tags=TAG,
    )
    def get(self, request, persoon_id: int):
        persoon, data = selectors.persoonsscherm(toegang=self.toegang, pk=persoon_id)
        self.audit(actie=AuditActie.BEKIJKEN, persoon=persoon, omschrijving="Persoonsscherm WI2013")
        gegevens = data["gegevens"]
        antwoord = {
            "persoon": persoon,
            "signalen": data["signalen"],
            "pvt": gegevens,
            "historie": list(gegevens.historie.all()),
            "factuur": selectors.factuur_van(gegevens),
        }
        return Response(Wi2013PersoonsschermSerializer(antwoord).data)


class PvtView(ApiView):
    wet = Wet.WI2013

    @operatie(
        naam="wi2013_pvt_wijzigen",
        samenvatting="PVT-gegevens registreren of corrigeren (13-3)",
        beschrijving="De vier velden van de gemeente: datum start en einde deelname PV-traject, datum voldaan "
        "of reden niet voldaan. Stuur altijd alle vier (null = leeg) en de 'versie' uit het laatste antwoord. "
        "Registraties worden twee weken na de eerste registratie definitief. De regels per reden staan in "
        "seed 000 §4.5; hun meldingen komen per veld terug in 'velden'.",
        meldingen=[
            *MUTATIE,
            _m(422, "definitief", wi2013_meldingen.DEFINITIEF.tekst),
            _m(422, "regel", "Een of meer regels van 13-3; zie 'velden'."),
        ],  # fmt: skip
        request=Wi2013PvtInvoerSerializer,
        antwoorden={200: Wi2013PvtSerializer},
        tags=TAG,
    )
    def put(self, request, persoon_id: int):
        persoon = selectors.persoon_wi2013(toegang=self.toegang, pk=persoon_id)
        data = _invoer(Wi2013PvtInvoerSerializer, request.data)
        versie = data.pop("versie")
        data["reden_niet_voldaan"] = data.get("reden_niet_voldaan") or ""
        gegevens = services.pvt_wijzigen(actor=request.user, gemeente=self.gemeente, persoon=persoon, data=data,
                                         versie=versie)  # fmt: skip
        return Response(Wi2013PvtSerializer(gegevens).data)


FACTUUR_WEIGERINGEN = [
    _m(422, "geen_factuur", wi2013_meldingen.GEEN_FACTUUR.tekst),
    _m(422, "geaccepteerd", wi2013_meldingen.GEACCEPTEERD.tekst),
    _m(
        422,
        "regel",
        f"{wi2013_meldingen.FACTUURNUMMER.tekst} / {wi2013_meldingen.DEBITEURNUMMER.tekst} (per veld)",
    ),
]


class FactuurView(ApiView):
    wet = Wet.WI2013

    def _persoon(self, persoon_id: int):
        return selectors.persoon_wi2013(toegang=self.toegang, pk=persoon_id)

    @operatie(
        naam="wi2013_factuur_toevoegen",
        samenvatting="Factuur toevoegen (13-4)",
        beschrijving="Eén factuur per persoon, alleen bij een lening bij DUO en een datum voldaan; het bedrag "
        "is altijd € 150,-.",
        meldingen=[
            *MUTATIE,
            _m(422, "al_een_factuur", wi2013_meldingen.AL_EEN_FACTUUR.tekst),
            _m(422, "niet_mogelijk", wi2013_meldingen.GEEN_LENING_OF_VOLDAAN.tekst),
            _m(422, "geen_iban", wi2013_meldingen.GEEN_IBAN.tekst),
            _m(
                422,
                "regel",
                f"{wi2013_meldingen.FACTUURNUMMER.tekst} / {wi2013_meldingen.DEBITEURNUMMER.tekst} (per veld)",
            ),
        ],  # fmt: skip
        request=FactuurInvoerSerializer,
        antwoorden={201: FactuurSerializer},
        tags=TAG,
    )
    def post(self, request, persoon_id: int):
        persoon = self._persoon(persoon_id)
        data = _invoer(FactuurInvoerSerializer, request.data)
        factuur = services.factuur_toevoegen(
            actor=request.user, gemeente=self.gemeente, persoon=persoon, data=data
        )
        return Response(FactuurSerializer(factuur).data, status=201)

    @operatie(
        naam="wi2013_factuur_wijzigen",
        samenvatting="Factuur wijzigen (13-4)",
        beschrijving="Kan zolang de inburgeraar de factuur niet heeft geaccepteerd.",
        meldingen=[*MUTATIE, *FACTUUR_WEIGERINGEN],
        request=FactuurWijzigenSerializer,
        antwoorden={200: FactuurSerializer},
        tags=TAG,
    )
    def put(self, request, persoon_id: int):
        persoon = self._persoon(persoon_id)
        data = _invoer(FactuurWijzigenSerializer, request.data)
        versie = data.pop("versie")
        factuur = services.factuur_wijzigen(actor=request.user, gemeente=self.gemeente, persoon=persoon, data=data,
                                            versie=versie)  # fmt: skip
        return Response(FactuurSerializer(factuur).data)

    @operatie(
        naam="wi2013_factuur_verwijderen",
        samenvatting="Factuur verwijderen (13-4)",
        meldingen=[*MUTATIE, *FACTUUR_WEIGERINGEN[:2]],
        parameters=[VERSIE],
        antwoorden={204: OpenApiResponse(description="Verwijderd.")},
        tags=TAG,
    )
    def delete(self, request, persoon_id: int):
        persoon = self._persoon(persoon_id)
        versie = request.query_params.get("versie")
        services.factuur_verwijderen(
            actor=request.user, gemeente=self.gemeente, persoon=persoon, versie=versie
        )
        return Response(status=204)
