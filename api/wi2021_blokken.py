"""Wi2021 aanbod, MAP/PVT and uren as the API shows them: the output shapes of the rooms' endpoints and their
blocks on the person (B-8, B-9, B-10). A module of its own because both `api.wi2021` (the person) and the
rooms' endpoints (`api.wi2021_aanbod`, `api.wi2021_map_pvt`, `api.wi2021_uren`) use them, and the rooms import
`api.wi2021`. What a key may do per row comes from `wi2021.regels`, as the screens' buttons do."""

from collections import defaultdict

from rest_framework import serializers

from inburgering.constants import Wet
from wi2021 import regels, selectors_aanbod
from wi2021.constants import Alfabetisering, SoortInstelling
from wi2021.models import AanbodHistorie, AanbodStatus, Traject, Urensoort, Urenstand

from .serializers import GemeenteSerializer


class InstellingSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="De instellingscode; zo geeft u de instelling door.")
    naam = serializers.CharField()
    plaats = serializers.CharField()
    soort = serializers.ChoiceField(choices=SoortInstelling.choices)


class AanbodVersieSerializer(serializers.Serializer):
    """S-36: a version that a change replaced."""

    gewijzigd_op = serializers.DateTimeField()
    gebruiker = serializers.CharField()
    datum_inschrijving = serializers.DateField()
    datum_start = serializers.DateField(allow_null=True)
    datum_einde = serializers.DateField(allow_null=True)
    alfabetisering = serializers.ChoiceField(choices=Alfabetisering.choices)


class AanbodSerializer(serializers.Serializer):
    """B-8 / S-32: one inburgeringsaanbod. 'Verwijderen' withdraws it: it stays, as `ingetrokken` (D-32)."""

    id = serializers.IntegerField(
        help_text="Gebruik het in het pad om het aanbod te wijzigen of te verwijderen."
    )
    instelling = InstellingSerializer()
    soort_instelling = serializers.CharField(help_text="Alleen bij de Onderwijsroute; anders leeg.")
    gemeente = GemeenteSerializer()
    datum_inschrijving = serializers.DateField()
    datum_start = serializers.DateField(allow_null=True)
    datum_einde = serializers.DateField(allow_null=True)
    alfabetisering = serializers.ChoiceField(choices=Alfabetisering.choices)
    status = serializers.ChoiceField(choices=AanbodStatus.choices)
    geldig_tot = serializers.DateField(allow_null=True, help_text="Bij 'niet_actueel': sinds het PIP van een "
                                       "andere gemeente (R-ACC-8).")  # fmt: skip
    ingetrokken_op = serializers.DateField(allow_null=True)
    geregistreerd_op = serializers.DateTimeField()
    versie = serializers.CharField(source="versiekenmerk", help_text="Stuur mee bij wijzigen en verwijderen.")


class AanbodActiesSerializer(serializers.Serializer):
    wijzigen = serializers.BooleanField()
    verwijderen = serializers.BooleanField()


class AanbodRijSerializer(AanbodSerializer):
    acties = AanbodActiesSerializer(source="api_acties", help_text="Wat de regels nu toestaan (S-32).")
    historie = AanbodVersieSerializer(source="api_historie", many=True, help_text="S-36, nieuwste eerst.")


class TrajectSerializer(serializers.Serializer):
    """B-9: MAP voldaan on the date of the eindgesprek, PVT on the date of ondertekening (R-MP-2)."""

    traject = serializers.ChoiceField(choices=Traject.choices)
    datum = serializers.DateField(help_text="MAP: datum eindgesprek; PVT: datum ondertekening.")
    gemeente = GemeenteSerializer()
    geregistreerd_op = serializers.DateTimeField()
    versie = serializers.CharField(source="versiekenmerk", help_text="Stuur mee bij wijzigen en verwijderen.")


class TrajectregelSerializer(serializers.Serializer):
    traject = serializers.ChoiceField(choices=Traject.choices)
    nvt = serializers.BooleanField(help_text="MAP bij de Onderwijsroute: niet van toepassing (R-MP-1).")
    resultaat = TrajectSerializer(allow_null=True)


class UrenstandSerializer(serializers.Serializer):
    """B-10: a gemeente's running total of one kind (R-UR-2, D-31)."""

    soort = serializers.ChoiceField(choices=Urensoort.choices, help_text="Type uren (§4.2 h).")
    omschrijving = serializers.CharField(source="get_soort_display")
    gemeente = GemeenteSerializer()
    instelling = InstellingSerializer(allow_null=True, help_text="Alleen bij de soorten 6, 8 en 9.")
    aantal = serializers.IntegerField()
    datum_tot = serializers.DateField()
    geregistreerd_op = serializers.DateTimeField()


def aanbiedingen(s: regels.Situatie, *, mag_muteren: bool) -> list:
    """Every aanbod of the current plicht (any gemeente, any status) with its S-36 versions and what the
    rules allow on it; two queries whatever the number."""
    alle = selectors_aanbod.aanbiedingen(s)
    versies = defaultdict(list)
    for versie in AanbodHistorie.objects.filter(aanbod__plicht=s.plicht).order_by("-gewijzigd_op", "-pk"):
        versies[versie.aanbod_id].append(versie)
    for aanbod in alle:
        aanbod.api_historie = versies[aanbod.pk]
        aanbod.api_acties = {
            "wijzigen": mag_muteren and regels.aanbod_wijzigen(s, aanbod, alle).toegestaan,
            "verwijderen": mag_muteren and regels.aanbod_intrekken(s, aanbod, alle).toegestaan,
        }
    return alle


def trajecten(v: regels.Voortgang) -> list[dict]:
    return [
        {"traject": t, "nvt": t == Traject.MAP and regels.map_nvt(v.s), "resultaat": v.resultaten.get(t)}
        for t in Traject.values
    ]


def urenstanden(s: regels.Situatie) -> list[Urenstand]:
    """Every gemeente's running totals (D-31), the own gemeente first."""
    standen = Urenstand.objects.filter(plicht=s.plicht).select_related("gemeente", "instelling")
    return sorted(
        standen, key=lambda st: (st.gemeente_id != s.gemeente.pk, st.gemeente.naam, st.soort, st.pk)
    )


def acties(toegang, s: regels.Situatie, v: regels.Voortgang) -> dict[str, bool]:
    """The buttons of B-8, B-9 and B-10 for this key."""
    mag = toegang.mag_muteren(Wet.WI2021)
    uitkomst = {"aanbod_toevoegen": mag and regels.aanbod_toevoegen(s).toegestaan}
    for (traject, actie), regel in regels.TRAJECT_ACTIES.items():
        uitkomst[f"{traject.lower()}_{actie}"] = mag and regel(v).toegestaan
    uitkomst["uren_doorgeven"] = mag and regels.uren_doorgeven(v).toegestaan
    uitkomst["uren_instelling_doorgeven"] = mag and regels.uren_instelling_doorgeven(v).toegestaan
    return uitkomst
