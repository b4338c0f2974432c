"""Wi2021 by machine: the person (plicht, PIP, what the rules allow now) and the PIP (S-24…S-30), through
`wi2021.regels` and `wi2021.services` like the screens. Attentions (AS 605, AS 606, the 30-day and
18-month warnings) are confirmed by listing their keys in `bevestigd` (D-07); without them the answer is
422 `bevestiging_nodig` with the attentions, and the service records the confirmed keys in the audit trail.

Aanbod, MAP, PVT and uren each have a module `api/wi2021_<room>.py` with views on `Wi2021View` (below:
`self.situatie(persoon_id)` gives the person as the rules see them, with FS 617 / FS 636 / FS 655 already
answered; `BevestigingVelden` adds `bevestigd`), their routes in `api/urls.py` (`WI2021_KAMERS`) under
`wi2021/personen/<id:persoon_id>/<room>/`, and their blocks (B-8, B-9, B-10) on the person from
`api.wi2021_blokken`. Errors, audit and schema follow from `api.fouten` and `api.basis.operatie`.
"""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.response import Response

from inburgering.constants import Wet
from inburgering.models import AuditActie, Persoon
from signalen.selectors import signaaltellingen
from wi2021 import meldingen as m
from wi2021 import regels, services
from wi2021.constants import Alfabetisering, Leerroute, Niveau

from . import fouten
from . import wi2021_blokken as blokken
from .basis import ApiView, operatie, regel
from .serializers import Datum, GemeenteSerializer, PersoonSerializer, SignaaltellingenSerializer, Tekst

TAG = ["Wi2021"]
# Refusals about access rather than about the data (R-ACC-1): as the screens answer them.
TOEGANG = {m.FS617.code: 404, m.FS636.code: 404, m.FS655.code: 403}


class PlichtSerializer(serializers.Serializer):
    datum_start = serializers.DateField()
    doelgroep = serializers.CharField()
    doelgroep_omschrijving = serializers.CharField(source="get_doelgroep_display")
    termijn_start = serializers.DateField(allow_null=True)
    termijn_einde = serializers.DateField(allow_null=True)
    reden_wijziging_termijn = serializers.CharField()
    datum_wijziging_termijn = serializers.DateField(allow_null=True)
    reden_einde = serializers.CharField(help_text="Leeg zolang de plicht loopt.")
    datum_einde = serializers.DateField(allow_null=True)
    inburgeringsplichtig = serializers.BooleanField()


class PipSerializer(serializers.Serializer):
    """B-7."""

    gemeente = GemeenteSerializer()
    dagtekening_initieel = serializers.DateField()
    dagtekening = serializers.DateField()
    geregistreerd_op = serializers.DateTimeField()
    definitief = serializers.BooleanField()
    correctietermijn_tot = serializers.SerializerMethodField(help_text="Laatste dag van de correctietermijn.")
    actief = serializers.BooleanField()
    leerroute = serializers.ChoiceField(choices=Leerroute.choices)
    niveau = serializers.ChoiceField(choices=Niveau.choices)
    alfabetisering = serializers.ChoiceField(choices=Alfabetisering.choices)
    geschatte_uren = serializers.IntegerField(allow_null=True)
    aangepaste_uren_participatie = serializers.IntegerField(allow_null=True)
    toestemming_nvo = serializers.BooleanField()
    versie = serializers.CharField(source="versiekenmerk", help_text="Stuur mee bij wijzigen en verwijderen.")

    def get_correctietermijn_tot(self, pip) -> str:
        return regels.correctietermijn_einde(pip).isoformat()


class PipHistorieSerializer(serializers.Serializer):
    laatste_wijziging = serializers.DateTimeField()
    gebruiker = serializers.CharField()
    gemeente = GemeenteSerializer()
    gebeurtenis = serializers.CharField()
    dagtekening = serializers.DateField()
    leerroute = serializers.CharField()
    niveau = serializers.CharField()
    alfabetisering = serializers.CharField()


class MeldingSerializer(serializers.Serializer):
    code = serializers.CharField()
    melding = serializers.CharField()


class ActiesSerializer(serializers.Serializer):
    """What this key may do with this person now, by the rules layer (the screen's buttons)."""

    pip_doorgeven = serializers.BooleanField()
    pip_wijzigen = serializers.BooleanField()
    pip_verwijderen = serializers.BooleanField()
    aanbod_toevoegen = serializers.BooleanField(help_text="Per aanbod: 'acties' in 'aanbiedingen'.")
    map_doorgeven = serializers.BooleanField()
    map_wijzigen = serializers.BooleanField()
    map_verwijderen = serializers.BooleanField()
    pvt_doorgeven = serializers.BooleanField()
    pvt_wijzigen = serializers.BooleanField()
    pvt_verwijderen = serializers.BooleanField()
    uren_doorgeven = serializers.BooleanField(
        help_text="Participatie-uren, taallesuren, brede intake (S-43)."
    )
    uren_instelling_doorgeven = serializers.BooleanField(
        help_text="Uren taalles en KNM bij instelling (S-44)."
    )


class Wi2021PersoonsschermSerializer(serializers.Serializer):
    persoon = PersoonSerializer()
    signalen = SignaaltellingenSerializer()
    meldingen = MeldingSerializer(many=True, help_text="Attenties bij het raadplegen, zoals AS 602.")
    plicht = PlichtSerializer()
    pip = PipSerializer(allow_null=True)
    pip_historie = PipHistorieSerializer(many=True)
    aanbiedingen = blokken.AanbodRijSerializer(many=True, help_text="B-8: elk aanbod bij deze plicht, ook "
                                               "niet actuele en ingetrokken (status).")  # fmt: skip
    trajecten = blokken.TrajectregelSerializer(many=True, help_text="B-9: MAP en PVT.")
    uren = blokken.UrenstandSerializer(many=True, help_text="B-10: de lopende totalen van elke gemeente.")
    acties = ActiesSerializer()


class BevestigingVelden(serializers.Serializer):
    bevestigd = serializers.ListField(
        child=Tekst(max_length=20),
        required=False,
        default=list,
        max_length=20,
        help_text='De bevestigingssleutels van de attenties die u bevestigt, bijv. ["AS 605", "30-dagen"].',
    )


class PipInvoerSerializer(BevestigingVelden):
    """S-24…S-26. Empty fields are judged by the rules layer, which gives the manual's own messages."""

    dagtekening = Datum(required=False, allow_null=True, help_text="Datum dagtekening (gewijzigde) PIP.")
    leerroute = serializers.ChoiceField(choices=Leerroute.choices, required=False, allow_blank=True)
    niveau = serializers.ChoiceField(
        choices=Niveau.choices,
        required=False,
        allow_blank=True,
        help_text="Leeg: het standaardniveau (D-10).",
    )
    alfabetisering = serializers.ChoiceField(choices=Alfabetisering.choices, required=False, allow_blank=True)
    geschatte_uren = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=99999)
    aangepaste_uren_participatie = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=99999
    )
    toestemming_nvo = serializers.BooleanField(required=False, default=False)


class PipWijzigenSerializer(PipInvoerSerializer):
    """S-27…S-29. Inside the two-week window the initial dagtekening may be changed too (R-PIP-10)."""

    dagtekening_initieel = Datum(required=False, help_text="Alleen binnen de correctietermijn.")
    versie = Tekst(max_length=60, help_text="De 'versie' van de PIP uit het laatste antwoord.")


PERSOON = [regel(404, m.FS617), regel(404, m.FS636), regel(403, m.FS655),
           (403, "geen_rol", fouten.GEEN_LEESROL.melding)]  # fmt: skip
MUTATIE = [
    *PERSOON,
    (403, "geen_rol", fouten.GEEN_ROL.melding),
    regel(403, m.FS617),
    *(regel(422, x) for x in (m.FS602, m.FS655, m.FS675, m.FS674)),
]
PIP_GEGEVENS = [
    *(regel(422, x) for x in (m.VELD_VERPLICHT, m.DATUM_IN_TOEKOMST, m.FS677, m.FS638, m.FS641, m.FS656,
                              m.ALLEEN_ASIEL_B1, m.FS640, regels.INITIEEL_VAST, m.ACHTTIEN_MAANDEN)),
    (422, fouten.BEVESTIGING_NODIG.code, fouten.BEVESTIGING_NODIG.melding
     + " Attenties: AS 605, AS 606, 30-dagen (datum meer dan 30 dagen geleden), 18-maanden (leerroute)."),
]  # fmt: skip
VEROUDERD = (409, fouten.VEROUDERD_CODE.code, fouten.VEROUDERD_CODE.melding)


class Wi2021View(ApiView):
    wet = Wet.WI2021

    def _invoer(self, serializer_class) -> dict:
        """The body, validated by its serializer (400 `ongeldige_invoer` otherwise), as a plain dict."""
        invoer = serializer_class(data=self.request.data)
        invoer.is_valid(raise_exception=True)
        return dict(invoer.validated_data)

    def situatie(self, persoon_id: int) -> regels.Situatie:
        """The person as this gemeente sees them today, or the refusal of `regels.bekijken`."""
        persoon = Persoon.objects.select_related("woongemeente").filter(pk=persoon_id).first()
        if persoon is None:
            raise fouten.Fout(404, m.FS617.code, m.FS617.tekst)
        s = regels.situatie(persoon, self.gemeente)
        fout = regels.bekijken(s).eerste_fout
        if fout is not None:
            code = fout.melding.code
            raise fouten.Fout(TOEGANG.get(code, 404), code, fouten.melding(fout)["melding"])
        return s


def _acties(view: ApiView, s: regels.Situatie, v: regels.Voortgang) -> dict[str, bool]:
    mag = view.toegang.mag_muteren(Wet.WI2021)
    return {
        "pip_doorgeven": mag and regels.pip_doorgeven(s).toegestaan,
        "pip_wijzigen": mag and regels.pip_wijzigen(s).toegestaan,
        "pip_verwijderen": mag and regels.pip_verwijderen(s).toegestaan,
        **blokken.acties(view.toegang, s, v),
    }


class PersoonView(Wi2021View):
    @operatie(
        naam="wi2021_persoon_raadplegen",
        samenvatting="Raadplegen persoon WI2021",
        beschrijving="De huidige inburgeringsplicht, de PIP met historie, het inburgeringsaanbod (B-8), MAP en "
        "PVT (B-9), de deelgenomen uren (B-10), attenties (AS 602) en wat de regels nu toestaan ('acties').",
        meldingen=PERSOON,
        antwoorden={200: Wi2021PersoonsschermSerializer},
        tags=TAG,
    )
    def get(self, request, persoon_id: int):
        s = self.situatie(persoon_id)
        self.audit(actie=AuditActie.BEKIJKEN, persoon=s.persoon, omschrijving="Persoon WI2021")
        v = regels.voortgang(s)
        antwoord = {
            "persoon": s.persoon,
            "signalen": signaaltellingen(persoon=s.persoon, wet=Wet.WI2021, gemeente=self.gemeente),
            "meldingen": [fouten.melding(b) for b in regels.bekijken(s).attenties],
            "plicht": s.plicht,
            "pip": s.pip,
            "pip_historie": list(s.pip.historie.select_related("gemeente")) if s.pip else [],
            "aanbiedingen": blokken.aanbiedingen(s, mag_muteren=self.toegang.mag_muteren(Wet.WI2021)),
            "trajecten": blokken.trajecten(v),
            "uren": blokken.urenstanden(s),
            "acties": _acties(self, s, v),
        }
        return Response(Wi2021PersoonsschermSerializer(antwoord).data)


def _pip_data(invoer: dict) -> tuple[dict, list[str], str | None]:
    bevestigd = invoer.pop("bevestigd", [])
    versie = invoer.pop("versie", None)
    return invoer, bevestigd, versie


class PipView(Wi2021View):
    @operatie(
        naam="wi2021_pip_doorgeven",
        samenvatting="PIP doorgeven (S-24…S-26)",
        beschrijving="Registreert de initiële PIP. Twee weken lang kan hij nog worden gecorrigeerd of "
        "verwijderd; daarna stelt DUO de inburgeringstermijn vast.",
        meldingen=[*MUTATIE, regel(422, regels.BESTAAT_AL), *PIP_GEGEVENS],
        request=PipInvoerSerializer,
        antwoorden={201: PipSerializer},
        tags=TAG,
    )
    def post(self, request, persoon_id: int):
        s = self.situatie(persoon_id)
        data, bevestigd, _ = _pip_data(self._invoer(PipInvoerSerializer))
        pip = services.pip_doorgeven(actor=request.user, gemeente=self.gemeente, persoon=s.persoon, data=data,
                                     bevestigd=bevestigd)  # fmt: skip
        return Response(PipSerializer(pip).data, status=201)

    @operatie(
        naam="wi2021_pip_wijzigen",
        samenvatting="PIP wijzigen (S-27…S-29)",
        beschrijving="Ook om na een verhuizing de PIP van de vorige gemeente opnieuw vast te stellen (R-ACC-7).",
        meldingen=[*MUTATIE, regel(422, m.FS643), *PIP_GEGEVENS, VEROUDERD],
        request=PipWijzigenSerializer,
        antwoorden={200: PipSerializer},
        tags=TAG,
    )
    def put(self, request, persoon_id: int):
        s = self.situatie(persoon_id)
        data, bevestigd, versie = _pip_data(self._invoer(PipWijzigenSerializer))
        pip = services.pip_wijzigen(actor=request.user, gemeente=self.gemeente, persoon=s.persoon, data=data,
                                    versie=versie, bevestigd=bevestigd)  # fmt: skip
        return Response(PipSerializer(pip).data)

    @operatie(
        naam="wi2021_pip_verwijderen",
        samenvatting="PIP verwijderen (S-30)",
        beschrijving="Alleen binnen de correctietermijn van twee weken.",
        meldingen=[*MUTATIE, regel(422, m.FS643), regel(422, m.FS645), VEROUDERD],
        parameters=[
            OpenApiParameter(
                "versie",
                str,
                OpenApiParameter.QUERY,
                required=True,
                description="De 'versie' van de PIP uit het laatste antwoord.",
            )
        ],  # fmt: skip
        antwoorden={204: OpenApiResponse(description="Verwijderd.")},
        tags=TAG,
    )
    def delete(self, request, persoon_id: int):
        s = self.situatie(persoon_id)
        services.pip_verwijderen(actor=request.user, gemeente=self.gemeente, persoon=s.persoon,
                                 versie=request.query_params.get("versie"))  # fmt: skip
        return Response(status=204)
