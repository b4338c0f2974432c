"""Wi2021 data (seed 001 §3.6, WI2021.md).

The inburgeringsplicht is an entity that can repeat per person (M-01): after an intrekking a later plicht
is a new one with a new PIP. What DUO owns (plicht, doelgroep, termijn, examens, verzoeken, meldingen,
opleidingscontracten, instellingen) changes only through `wi2021.duo`; what the gemeente owns (the PIP)
only through `wi2021.services`, which ask `wi2021.regels` first.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from inburgering.models import Gemeente, Persoon
from inburgering.versie import Versiebeheerd

from .constants import (
    Alfabetisering,
    Doelgroep,
    Examenniveau,
    Examenonderdeel,
    Examenstatus,
    LbtResultaat,
    LbtStatus,
    Leerroute,
    Niveau,
    RedenEinde,
    RedenOpnieuwLbt,
    RedenWijzigingTermijn,
    SoortContract,
    SoortInstelling,
    SoortVerzoek,
    StatusVerzoek,
)


class Instelling(models.Model):
    """Reference data from DUO: cursusinstellingen with the Blik op Werk keurmerk and erkende
    taalschakelinstellingen (R-AB-4), loaded like the gemeenten (`manage.py load_instellingen`)."""

    code = models.CharField("instellingscode", max_length=20, unique=True)
    naam = models.CharField(max_length=120)
    plaats = models.CharField(max_length=80)
    soort = models.CharField(max_length=12, choices=SoortInstelling.choices)
    actief = models.BooleanField(default=True)

    class Meta:
        ordering = ["naam", "plaats"]
        verbose_name_plural = "instellingen"

    def __str__(self) -> str:
        return f"{self.naam}, {self.plaats}"  # as B-8 shows it


class PlichtQuerySet(models.QuerySet):
    def lopend(self):
        return self.filter(reden_einde="")

    def huidige_eerst(self):
        """M-01: a person's most recent plicht is their current one — the first of their plichten in this order."""
        return self.order_by("-datum_start", "-pk")


class Inburgeringsplicht(models.Model):
    """One inburgeringsplicht of a person (B-4). DUO-owned."""

    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="wi2021_plichten")
    datum_start = models.DateField("Datum start inburgeringsplicht")  # bekendmaking verblijfsrecht (R-PL-1)
    doelgroep = models.CharField(
        "Doelgroep",
        max_length=5,
        choices=Doelgroep.choices,
        help_text="De doelgroep waarvan de persoon de rechten heeft.",
    )
    verblijfsdoel_gewijzigd = models.CharField("Verblijfsdoel gewijzigd", max_length=200, blank=True)
    datum_wijziging_verblijfsdoel = models.DateField("Datum wijziging verblijfsdoel", null=True, blank=True)
    rechten_op_verzoek_gewijzigd = models.DateField(
        "Rechten op verzoek gewijzigd op", null=True, blank=True, help_text="Kan maar één keer (R-PL-3)."
    )
    # Termijn: set when the initial PIP becomes final (R-PL-6, D-33); changed by DUO (R-PL-7).
    termijn_start = models.DateField("Datum start inburgeringstermijn", null=True, blank=True)
    termijn_einde = models.DateField("Datum einde inburgeringstermijn", null=True, blank=True)
    reden_wijziging_termijn = models.CharField(
        "Reden wijziging termijn", max_length=12, choices=RedenWijzigingTermijn.choices, blank=True
    )
    datum_wijziging_termijn = models.DateField("Datum wijziging termijn", null=True, blank=True)
    reden_einde = models.CharField("Reden einde", max_length=12, choices=RedenEinde.choices, blank=True)
    datum_einde = models.DateField("Datum einde inburgeringsplicht", null=True, blank=True)
    # SS128 (D-29): AOW age within 6 months of the plicht: PIP, aanbod, MAP and PVT not mandatory.
    aow_binnen_zes_maanden = models.BooleanField(default=False)
    # M-05: the 10-week window for the PIP of a gemeente (SS139, or settlement after a move).
    pip_venster_start = models.DateField(
        "Startdatum 10 weken termijn voor doorgeven PIP", null=True, blank=True
    )
    pip_venster_gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = PlichtQuerySet.as_manager()

    class Meta:
        verbose_name = "inburgeringsplicht"
        verbose_name_plural = "inburgeringsplichten"
        ordering = ["persoon", "-datum_start", "-pk"]
        indexes = [
            models.Index(fields=["persoon", "-datum_start"], name="wi2021_plicht_persoon_idx"),
            models.Index(fields=["datum_start"], name="wi2021_plicht_start_idx"),
        ]

    def __str__(self) -> str:
        return f"Inburgeringsplicht {self.persoon_id} vanaf {self.datum_start:%d-%m-%Y}"

    @property
    def inburgeringsplichtig(self) -> bool:
        return not self.reden_einde


class DoelgroepHistorie(models.Model):
    """S-19: every doelgroep change, newest first."""

    plicht = models.ForeignKey(Inburgeringsplicht, on_delete=models.CASCADE, related_name="doelgroephistorie")
    laatste_wijziging = models.DateField("Laatste wijziging")
    doelgroep = models.CharField("Doelgroep", max_length=5, choices=Doelgroep.choices)
    verblijfsdoel_gewijzigd = models.CharField("Verblijfsdoel gewijzigd", max_length=200)

    class Meta:
        ordering = ["-laatste_wijziging", "-pk"]
        verbose_name_plural = "doelgroephistorie"

    def __str__(self) -> str:
        return f"{self.laatste_wijziging:%d-%m-%Y} {self.get_doelgroep_display()}"


class TermijnHistorie(models.Model):
    """S-20 "Inburgeringsplicht historie": every change of the termijn or the end of the plicht."""

    plicht = models.ForeignKey(Inburgeringsplicht, on_delete=models.CASCADE, related_name="termijnhistorie")
    laatste_wijziging = models.DateField("Laatste wijziging")
    termijn_start = models.DateField("Start inburgeringstermijn", null=True, blank=True)
    termijn_einde = models.DateField("Einde inburgeringstermijn", null=True, blank=True)
    verblijfsdoel_gewijzigd = models.CharField("Verblijfsdoel gewijzigd", max_length=200, blank=True)
    reden_einde = models.CharField(
        "Reden einde inburgeringstermijn", max_length=12, choices=RedenEinde.choices, blank=True
    )
    reden_wijziging = models.CharField(
        "Reden wijziging inburgeringstermijn",
        max_length=12,
        choices=RedenWijzigingTermijn.choices,
        blank=True,
    )

    class Meta:
        ordering = ["-laatste_wijziging", "-pk"]
        verbose_name_plural = "termijnhistorie"

    def __str__(self) -> str:
        return f"Termijn per {self.laatste_wijziging:%d-%m-%Y}"


class DuoMelding(models.Model):
    """B-1: a notice DUO places on a person, shown from startdatum through einddatum (§3.6.1)."""

    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="wi2021_meldingen")
    titel = models.CharField(max_length=120)
    toelichting = models.TextField(blank=True)
    startdatum = models.DateField()
    einddatum = models.DateField()
    sleutel = models.CharField(max_length=100, unique=True, help_text="Het id van het ketenbericht.")

    class Meta:
        ordering = ["-startdatum", "-pk"]
        verbose_name = "melding van DUO"
        verbose_name_plural = "meldingen van DUO"
        constraints = [
            models.CheckConstraint(condition=Q(einddatum__gte=models.F("startdatum")), name="melding_periode")
        ]

    def __str__(self) -> str:
        return self.titel


class Examenpoging(models.Model):
    """B-11 / S-45: one registration or attempt of an examenonderdeel at a niveau."""

    plicht = models.ForeignKey(Inburgeringsplicht, on_delete=models.CASCADE, related_name="examenpogingen")
    onderdeel = models.CharField(max_length=10, choices=Examenonderdeel.choices)
    niveau = models.CharField(max_length=2, choices=Examenniveau.choices)
    datum = models.DateField("Datum examen")
    status = models.CharField(max_length=16, choices=Examenstatus.choices)
    poging = models.PositiveSmallIntegerField("Poging")
    sleutel = models.CharField(max_length=100, unique=True, help_text="Het id van het ketenbericht.")

    class Meta:
        ordering = ["plicht", "niveau", "onderdeel", "-datum", "-poging"]
        verbose_name_plural = "examenpogingen"

    def __str__(self) -> str:
        return f"{self.get_onderdeel_display()} {self.niveau} poging {self.poging}"


class Verzoek(models.Model):
    """B-13 "Verzoeken": aanvragen for ontheffing/vrijstelling after DUO's decision, verlenging from
    filing (R-AV-1, D-34)."""

    plicht = models.ForeignKey(Inburgeringsplicht, on_delete=models.CASCADE, related_name="verzoeken")
    extern_id = models.CharField(max_length=60, unique=True)
    soort = models.CharField("Type verzoek", max_length=12, choices=SoortVerzoek.choices)
    toelichting = models.CharField("Toelichting", max_length=120, blank=True)
    status = models.CharField("Status", max_length=10, choices=StatusVerzoek.choices, blank=True)
    datum_ontvangst = models.DateField("Datum ontvangst")
    datum_besluit = models.DateField("Datum besluit", null=True, blank=True)

    class Meta:
        ordering = ["-datum_ontvangst", "-pk"]
        verbose_name_plural = "verzoeken"

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.toelichting}".strip()


class Opleidingscontract(models.Model):
    """M-06: a cursusinstelling's opleidingscontract, the data behind SS132, SS133, SS135 and SS136."""

    plicht = models.ForeignKey(
        Inburgeringsplicht, on_delete=models.CASCADE, related_name="opleidingscontracten"
    )
    instelling = models.ForeignKey(Instelling, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(max_length=12, choices=SoortContract.choices)
    taalniveau = models.CharField(max_length=2, choices=Examenniveau.choices, blank=True)
    datum = models.DateField()
    sleutel = models.CharField(max_length=100, unique=True, help_text="Het id van het ketenbericht.")

    class Meta:
        ordering = ["-datum", "-pk"]
        verbose_name_plural = "opleidingscontracten"

    def __str__(self) -> str:
        return f"{self.get_soort_display()} bij {self.instelling}"


class Pip(Versiebeheerd):
    """B-7: the persoonlijk plan inburgering en participatie of one plicht. Gemeente-owned; one per
    plicht, changed in place with a history row per change (S-31). After a move the new gemeente
    re-establishes it by changing it (R-ACC-7)."""

    plicht = models.OneToOneField(Inburgeringsplicht, on_delete=models.CASCADE, related_name="pip")
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Gemeente (ten tijde van opvoeren PIP)",
    )
    dagtekening_initieel = models.DateField("Datum dagtekening initiële PIP")
    dagtekening = models.DateField("Datum dagtekening PIP")
    geregistreerd_op = models.DateTimeField("Datum registratie PIP")
    # The two-week window of the initial PIP (R-PIP-10, D-06) runs from this moment, never restarted.
    initieel_geregistreerd_op = models.DateTimeField()
    definitief = models.BooleanField(default=False)
    actief = models.BooleanField(
        default=True, help_text="Inactief tijdens een tijdelijke vrijstelling (M-02)."
    )
    leerroute = models.CharField("Leerroute", max_length=2, choices=Leerroute.choices)
    niveau = models.CharField("Niveau", max_length=3, choices=Niveau.choices)
    alfabetisering = models.CharField("Alfabetisering", max_length=10, choices=Alfabetisering.choices)
    geschatte_uren = models.PositiveIntegerField(
        "Geschatte uren intensiteit in de opleiding", null=True, blank=True
    )
    aangepaste_uren_participatie = models.PositiveIntegerField(
        "Aangepaste uren belastbaarheid participatie-activiteit", null=True, blank=True
    )
    toestemming_nvo = models.BooleanField("Toestemming niet-vrijstellende opleiding", default=False)

    class Meta:
        verbose_name = "PIP"
        verbose_name_plural = "PIP's"
        indexes = [
            models.Index(fields=["definitief", "initieel_geregistreerd_op"], name="wi2021_pip_definitief_idx")
        ]

    def __str__(self) -> str:
        return f"PIP {self.plicht_id} ({self.dagtekening:%d-%m-%Y})"


class PipHistorie(models.Model):
    """S-31: the PIP as it was after each registration or change, newest first."""

    pip = models.ForeignKey(Pip, on_delete=models.CASCADE, related_name="historie")
    laatste_wijziging = models.DateTimeField("Laatste wijziging")
    gebruiker = models.CharField(max_length=150)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name="Gemeente"
    )
    dagtekening = models.DateField("Datum dagtekening PIP")
    leerroute = models.CharField("Leerroute", max_length=2, choices=Leerroute.choices)
    niveau = models.CharField("Niveau", max_length=3, choices=Niveau.choices)
    alfabetisering = models.CharField("Alfabetisering", max_length=10, choices=Alfabetisering.choices)
    geschatte_uren = models.PositiveIntegerField(
        "Geschatte uren intensiteit in de opleiding", null=True, blank=True
    )
    aangepaste_uren_participatie = models.PositiveIntegerField(null=True, blank=True)
    toestemming_nvo = models.BooleanField(default=False)
    gebeurtenis = models.CharField(max_length=20)  # doorgegeven / gecorrigeerd / gewijzigd / definitief

    class Meta:
        ordering = ["-laatste_wijziging", "-pk"]
        verbose_name_plural = "PIP-historie"

    def __str__(self) -> str:
        return f"PIP {self.gebeurtenis} {self.laatste_wijziging:%d-%m-%Y}"


class BioAdvies(models.TextChoices):
    """S-48 "Advies" (§3.6.14)."""

    POSITIEF = "positief", "Positief"
    NEGATIEF = "negatief", "Negatief"


class BioAdviesVerzoek(models.Model):
    """SS140: DUO asks the gemeente's advice on an aanvraag ontheffing BIO. An open request (no advice
    yet) is what makes "Geef door aan DUO" appear in B-14 (D-24)."""

    plicht = models.ForeignKey(
        Inburgeringsplicht, on_delete=models.CASCADE, related_name="bio_adviesverzoeken"
    )
    aanvraag_id = models.CharField("Aanvraag", max_length=60, unique=True)
    datum = models.DateField("Datum verzoek om advies")
    advies_gegeven_op = models.DateTimeField(null=True, blank=True)
    # The advice itself (S-46…S-48, R-BIO-2/3): given once (R-BIO-4), then read-only, visible to beheer.
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="Gemeente van het advies",
    )  # fmt: skip
    contact_gehad = models.BooleanField(
        "Contact met de inburgeraar voor het opsturen van het aanvraagformulier", null=True, blank=True
    )
    advies = models.CharField("Advies", max_length=8, choices=BioAdvies.choices, blank=True)
    # The contactpersoon may be deleted later; the name at the time of the advice stays with it.
    contactpersoon = models.ForeignKey(
        "Contactpersoon", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contactpersoon_naam = models.CharField("Contactpersoon", max_length=100, blank=True)
    aanvullende_informatie = models.TextField("Vraag 1: aanvullende informatie", blank=True)
    omstandigheden = models.TextField("Vraag 2: bijzondere individuele omstandigheden", blank=True)
    schrijnend = models.TextField("Vraag 3: zeer schrijnende situatie", blank=True)
    gegeven_door = models.CharField("Doorgegeven door", max_length=150, blank=True)

    class Meta:
        ordering = ["-datum", "-pk"]
        verbose_name = "verzoek om advies BIO"
        verbose_name_plural = "verzoeken om advies BIO"

    def __str__(self) -> str:
        return f"Advies BIO gevraagd op {self.datum:%d-%m-%Y}"


# --- MAP, PVT and uren (Wi2021 2/3: §3.6.8–§3.6.10, R-MP, R-UR) -------------------------------------------


class Traject(models.TextChoices):
    """B-9's rows (§3.6.8, §3.6.9)."""

    MAP = "MAP", "MAP"
    PVT = "PVT", "PVT"


# R-MP-2: the one date that registers completion, labelled as the forms S-37…S-41 label it.
TRAJECT_DATUM = {Traject.MAP: "Datum eindgesprek", Traject.PVT: "Datum ondertekening"}


class Trajectresultaat(Versiebeheerd):
    """B-9 "Datum voldaan": MAP completed on the date of its eindgesprek, PVT on the date the
    participatieverklaring was signed (R-MP-2). One per plicht and traject; only the gemeente that registered
    it may change or delete it (R-ACC-9)."""

    plicht = models.ForeignKey(Inburgeringsplicht, on_delete=models.CASCADE, related_name="trajectresultaten")
    traject = models.CharField("Traject", max_length=3, choices=Traject.choices)
    datum = models.DateField("Datum voldaan")
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name="Gemeente"
    )
    geregistreerd_op = models.DateTimeField("Datum registratie")

    class Meta:
        verbose_name = "MAP- of PVT-resultaat"
        verbose_name_plural = "MAP- en PVT-resultaten"
        constraints = [models.UniqueConstraint(fields=["plicht", "traject"], name="wi2021_traject_uniek")]

    def __str__(self) -> str:
        return f"{self.traject} voldaan op {self.datum:%d-%m-%Y}"

    @property
    def datumlabel(self) -> str:
        return TRAJECT_DATUM[self.traject]


class TrajectresultaatHistorie(models.Model):
    """Every registration, change and deletion of a MAP or PVT result, kept after a deletion too."""

    plicht = models.ForeignKey(Inburgeringsplicht, on_delete=models.CASCADE, related_name="+")
    traject = models.CharField("Traject", max_length=3, choices=Traject.choices)
    datum = models.DateField("Datum voldaan", null=True, blank=True)  # empty after a deletion
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name="Gemeente"
    )
    laatste_wijziging = models.DateTimeField("Laatste wijziging")
    gebruiker = models.CharField(max_length=150)
    gebeurtenis = models.CharField(max_length=20)  # doorgegeven / gewijzigd / verwijderd

    class Meta:
        ordering = ["-laatste_wijziging", "-pk"]
        verbose_name_plural = "MAP- en PVT-historie"

    def __str__(self) -> str:
        return f"{self.traject} {self.gebeurtenis} {self.laatste_wijziging:%d-%m-%Y}"


class Urensoort(models.TextChoices):
    """The six kinds of §3.6.10; the value is the "Type uren" number of §4.2 h (D-18), the label B-10's."""

    PARTICIPATIE = "2", "Participatie uren"
    PARTICIPATIE_TAALLES = "3", "Participatie uren (taallesuren)"
    BREDE_INTAKE = "4", "Taallesuren uit brede intake"
    TAALLES_KNM = "6", "Uren taalles en KNM"
    GEOORLOOFD = "8", "Uren geoorloofd verzuim"
    ONGEOORLOOFD = "9", "Uren ongeoorloofd verzuim"


GEMEENTE_UREN = (Urensoort.PARTICIPATIE, Urensoort.PARTICIPATIE_TAALLES, Urensoort.BREDE_INTAKE)
INSTELLING_UREN = (Urensoort.TAALLES_KNM, Urensoort.GEOORLOOFD, Urensoort.ONGEOORLOOFD)


class Urenstand(Versiebeheerd):
    """A running total (R-UR-2): "De laatste registratie die u doet, is de actuele registratie". One per
    plicht, gemeente, kind and — for the instelling kinds — instelling (D-31): after a move each gemeente keeps
    its own totals. Its version makes a save on an outdated "Tot nu toe doorgegeven" fail."""

    plicht = models.ForeignKey(Inburgeringsplicht, on_delete=models.CASCADE, related_name="urenstanden")
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name="Gemeente"
    )
    soort = models.CharField("Type uren", max_length=1, choices=Urensoort.choices)
    instelling = models.ForeignKey(
        Instelling, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aantal = models.PositiveIntegerField("Aantal uren")
    datum_tot = models.DateField("Datum tot")
    geregistreerd_op = models.DateTimeField("Datum registratie")

    class Meta:
        verbose_name = "stand deelgenomen uren"
        verbose_name_plural = "standen deelgenomen uren"
        constraints = [
            models.UniqueConstraint(
                fields=["plicht", "gemeente", "soort"],
                condition=Q(instelling__isnull=True),
                name="wi2021_urenstand_gemeente_uniek",
            ),
            models.UniqueConstraint(
                fields=["plicht", "gemeente", "soort", "instelling"],
                condition=Q(instelling__isnull=False),
                name="wi2021_urenstand_instelling_uniek",
            ),
            # FS 660 / FS 646 as data: the instelling kinds have an instelling, the gemeente kinds none.
            models.CheckConstraint(
                condition=Q(soort__in=["6", "8", "9"], instelling__isnull=False)
                | Q(soort__in=["2", "3", "4"], instelling__isnull=True),
                name="wi2021_urenstand_instelling_bij_soort",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.aantal} tot {self.datum_tot:%d-%m-%Y}"


def urenkenmerk(standen) -> str:
    """The version token of what "Tot nu toe doorgegeven" showed: one running total (S-43) or the three of an
    instelling (S-44); `geen` where nothing was registered, so a first registration is versioned too."""
    return "/".join(stand.versiekenmerk if stand is not None else "geen" for stand in standen)


class Urenregistratie(models.Model):
    """Every total registered (R-UR-2: a later one overwrites the stand, not this history)."""

    stand = models.ForeignKey(Urenstand, on_delete=models.CASCADE, related_name="registraties")
    aantal = models.PositiveIntegerField("Aantal uren")
    datum_tot = models.DateField("Datum tot")
    geregistreerd_op = models.DateTimeField("Datum registratie")
    gebruiker = models.CharField(max_length=150)

    class Meta:
        ordering = ["-geregistreerd_op", "-pk"]
        verbose_name_plural = "urenregistraties"

    def __str__(self) -> str:
        return f"{self.aantal} uur tot {self.datum_tot:%d-%m-%Y}"


# --- Inburgeringsaanbod (§3.6.7, B-8, S-32…S-36) -------------------------------------------------------


class AanbodStatus(models.TextChoices):
    """M-03, R-AB-14, D-32."""

    ACTUEEL = "actueel", "Actueel"
    # The previous gemeente's aanbod once the new gemeente registered its PIP (R-ACC-8); "geldig_tot" is set.
    NIET_ACTUEEL = "niet_actueel", "Niet actueel"
    # "Verwijder" (S-35): kept for the history and the audit, but it no longer counts (FS 659).
    INGETROKKEN = "ingetrokken", "Ingetrokken"


class AanbodQuerySet(models.QuerySet):
    def geldig(self):
        """Actueel or niet actueel: what counts as "doorgegeven" (D-44, SS127, the uren of FS 659)."""
        return self.exclude(status=AanbodStatus.INGETROKKEN)


class Inburgeringsaanbod(Versiebeheerd):
    """B-8: an aanbod of a gemeente at an instelling for one plicht (asielstatushouders, R-AB-1). Never
    deleted: "Verwijder" marks it ingetrokken (D-32)."""

    plicht = models.ForeignKey(Inburgeringsplicht, on_delete=models.CASCADE, related_name="aanbiedingen")
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name="Gemeente"
    )
    instelling = models.ForeignKey(
        Instelling, on_delete=models.PROTECT, related_name="aanbiedingen", verbose_name="Instelling"
    )
    # Only asked for the Onderwijsroute (S-33); empty for the other leerroutes (always Blik op Werk there).
    soort_instelling = models.CharField(
        "Soort instelling", max_length=12, choices=SoortInstelling.choices, blank=True
    )
    datum_inschrijving = models.DateField("Datum inschrijving instelling")
    datum_start = models.DateField("Datum start opleiding", null=True, blank=True)
    datum_einde = models.DateField("Datum einde opleiding", null=True, blank=True)
    alfabetisering = models.CharField(
        "Alfabetisering onderdeel van de opleiding", max_length=10, choices=Alfabetisering.choices
    )
    status = models.CharField(max_length=12, choices=AanbodStatus.choices, default=AanbodStatus.ACTUEEL)
    geldig_tot = models.DateField("Datum geldig tot", null=True, blank=True)
    ingetrokken_op = models.DateField("Datum ingetrokken", null=True, blank=True)
    geregistreerd_op = models.DateTimeField("Datum registratie")

    objects = AanbodQuerySet.as_manager()

    class Meta:
        verbose_name = "inburgeringsaanbod"
        verbose_name_plural = "inburgeringsaanbiedingen"
        ordering = ["-datum_inschrijving", "-pk"]
        indexes = [models.Index(fields=["plicht", "status"], name="wi2021_aanbod_plicht_idx")]
        constraints = [
            # R-AB-9, D-32: a gemeente registers one actueel aanbod per instelling.
            models.UniqueConstraint(
                fields=["plicht", "gemeente", "instelling"],
                condition=Q(status="actueel"),
                name="wi2021_aanbod_een_actueel_per_instelling",
            ),
            # FS 671 / FS 672, also for writers that bypass the rules layer.
            models.CheckConstraint(
                condition=Q(datum_einde__isnull=True)
                | Q(datum_start__isnull=False, datum_einde__gte=models.F("datum_start")),
                name="wi2021_aanbod_einde_na_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="niet_actueel") | Q(geldig_tot__isnull=False),
                name="wi2021_aanbod_niet_actueel_geldig_tot",
            ),
        ]

    def __str__(self) -> str:
        return f"Inburgeringsaanbod {self.instelling} ({self.datum_inschrijving:%d-%m-%Y})"


class AanbodHistorie(models.Model):
    """S-36: a version of an aanbod that a change replaced. Together with the aanbiedingen that are no
    longer actueel this is "alle wijzigingen en niet-actuele inburgeringsaanbiedingen" (§3.6.7.4)."""

    aanbod = models.ForeignKey(Inburgeringsaanbod, on_delete=models.CASCADE, related_name="historie")
    gewijzigd_op = models.DateTimeField("Laatste wijziging")
    gebruiker = models.CharField(max_length=150)
    datum_inschrijving = models.DateField("Datum inschrijving instelling")
    datum_start = models.DateField("Datum start opleiding", null=True, blank=True)
    datum_einde = models.DateField("Datum einde opleiding", null=True, blank=True)
    alfabetisering = models.CharField(
        "Alfabetisering onderdeel van de opleiding", max_length=10, choices=Alfabetisering.choices
    )

    class Meta:
        ordering = ["-datum_inschrijving", "-gewijzigd_op", "-pk"]  # M-23
        verbose_name_plural = "aanbodhistorie"

    def __str__(self) -> str:
        return f"Aanbod gewijzigd {self.gewijzigd_op:%d-%m-%Y}"


# --- Contactpersonen (seed 001 §3.3, WI2021.md S-04…S-13, R-CP, D-21, D-27, D-46) ---------------------------


class Contactpersoon(Versiebeheerd):
    """A gemeente's contactpersoon for DUO (S-04). At most one per gemeente is the algemeen contactpersoon,
    who gets the weekly signals of persons without a contactpersoon (R-CP-3, R-CP-8). The field rules (§4.2 i)
    are `wi2021.regels_contactpersonen`; the constraints below only back them up against races."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="wi2021_contactpersonen")
    naam = models.CharField("Naam contactpersoon", max_length=100)  # D-21
    telefoon = models.CharField("Telefoonnummer", max_length=20, blank=True)
    email = models.CharField("E-mailadres", max_length=254)
    algemeen = models.BooleanField("Algemeen contactpersoon", default=False)

    class Meta:
        ordering = ["naam", "pk"]
        verbose_name = "contactpersoon"
        verbose_name_plural = "contactpersonen"
        constraints = [
            models.UniqueConstraint(Lower("email"), "gemeente", name="wi2021_contactpersoon_email_uniek"),
            models.UniqueConstraint(
                fields=["gemeente"], condition=Q(algemeen=True), name="wi2021_contactpersoon_een_algemeen"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class KoppelingQuerySet(models.QuerySet):
    def actueel(self):
        return self.filter(ingetrokken_op__isnull=True)


def actuele_koppeling(relatie: str, gemeente: Gemeente) -> models.FilteredRelation:
    """`actueel()` with `gemeente` as a join along `relatie` (a path ending in `wi2021_koppelingen`). At most one
    row matches (wi2021_koppeling_een_actueel), so the join never repeats a row and can be select_related."""
    return models.FilteredRelation(
        relatie, condition=Q(**{f"{relatie}__gemeente": gemeente, f"{relatie}__ingetrokken_op__isnull": True})
    )


class Koppeling(models.Model):
    """A person in a contactpersoon's caseload (R-CP-1, S-05/S-06). Per gemeente a person has at most one
    current koppeling; a revoked one stays as caseload history. `gemeente` repeats the contactpersoon's so
    the database can hold that rule, and so the weekly e-mail can match a signal to its gemeente's link."""

    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="wi2021_koppelingen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    contactpersoon = models.ForeignKey(Contactpersoon, on_delete=models.CASCADE, related_name="koppelingen")
    # None: the link predates the feature, shown as "Onbekend" (fn 8).
    gekoppeld_op = models.DateTimeField("Datum koppeling", null=True, blank=True)
    ingetrokken_op = models.DateTimeField("Datum ingetrokken", null=True, blank=True)

    objects = KoppelingQuerySet.as_manager()

    class Meta:
        ordering = ["-gekoppeld_op", "-pk"]
        verbose_name = "koppeling met contactpersoon"
        verbose_name_plural = "koppelingen met contactpersonen"
        constraints = [
            models.UniqueConstraint(
                fields=["persoon", "gemeente"],
                condition=Q(ingetrokken_op__isnull=True),
                name="wi2021_koppeling_een_actueel",
            )
        ]
        indexes = [
            models.Index(fields=["contactpersoon", "ingetrokken_op"], name="wi2021_koppeling_cp_idx"),
            models.Index(fields=["gekoppeld_op"], name="wi2021_koppeling_op_idx"),
            models.Index(fields=["ingetrokken_op"], name="wi2021_koppeling_in_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.persoon_id} ↔ {self.contactpersoon_id}"


class MailSoort(models.TextChoices):
    WEEK = "week", "Wekelijkse signalen"
    DAG = "dag", "Dagelijkse koppelingen"


class Mailronde(models.Model):
    """One run of a contactpersoon e-mail job (D-27): the period it reports, (van, tot], and whether every
    mail of it is in the outbox. The next run starts where the last completed one ended, so "nieuw" means
    "placed since the previous successful run"; an unfinished run is resumed with the same period and the
    same idempotency keys, so nothing is mailed twice. A claim (like the outbox's) marks a live worker."""

    soort = models.CharField(max_length=4, choices=MailSoort.choices)
    periode = models.CharField(max_length=10, help_text="ISO-week (2026W47) of datum (20261121).")
    van = models.DateTimeField()
    tot = models.DateTimeField()
    geclaimd_tot = models.DateTimeField(null=True, blank=True)
    voltooid_op = models.DateTimeField(null=True, blank=True)
    aantal_mails = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-tot"]
        verbose_name = "mailronde contactpersonen"
        verbose_name_plural = "mailrondes contactpersonen"
        constraints = [
            models.UniqueConstraint(fields=["soort", "periode"], name="wi2021_mailronde_periode_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.periode}"


# --- Leerbaarheidstoets (§3.6.5, B-6, S-21…S-23, R-LBT) -----------------------------------------------------


class Leerbaarheidstoets(Versiebeheerd):
    """One LBT of a plicht: one examennummer, one attempt (a row of S-23). DUO-owned (`wi2021.duo`: aanmelding,
    uitslag, verlopen); the gemeente only asks DUO to plan it again after result N (S-22, `services_lbt`),
    which is recorded on the attempt it concerns. `gemeente` is where the person lived (or was COA-coupled)
    at the aanmelding: SS137 went there, and another gemeente never sees the examennummer (R-ACC-10)."""

    plicht = models.ForeignKey(
        Inburgeringsplicht, on_delete=models.CASCADE, related_name="leerbaarheidstoetsen"
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name="Gemeente"
    )
    examennummer = models.CharField("Examenummer", max_length=20, unique=True)  # sic, as B-6 labels it
    datum_aanmelding = models.DateField("Datum aanmelding")
    einde_aanmeldtermijn = models.DateField("Einde aanmeldtermijn")  # R-LBT-1: aanmelding + 12 months
    status = models.CharField(max_length=10, choices=LbtStatus.choices, default=LbtStatus.AANGEMELD)
    datum_toetsafname = models.DateField("Datum toetsafname", null=True, blank=True)
    maximum_score = models.PositiveSmallIntegerField("Maximum score", null=True, blank=True)
    behaalde_score = models.PositiveSmallIntegerField("Behaalde score", null=True, blank=True)
    benodigde_score = models.PositiveSmallIntegerField("Benodigde score", null=True, blank=True)
    resultaat = models.CharField("Resultaat", max_length=1, choices=LbtResultaat.choices, blank=True)
    datum_verlopen = models.DateField("Datum verlopen", null=True, blank=True)
    # S-22: the gemeente's request to plan the LBT again after this attempt's result N.
    opnieuw_aangevraagd_op = models.DateTimeField("Opnieuw aangevraagd op", null=True, blank=True)
    opnieuw_aangevraagd_door = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reden_opnieuw = models.CharField(
        "Reden opnieuw aanvragen", max_length=10, choices=RedenOpnieuwLbt.choices, blank=True
    )
    reden_overig = models.CharField("Reden (Overig)", max_length=140, blank=True)

    class Meta:
        verbose_name = "leerbaarheidstoets"
        verbose_name_plural = "leerbaarheidstoetsen"
        ordering = ["-datum_aanmelding", "-pk"]
        indexes = [models.Index(fields=["plicht", "-datum_aanmelding"], name="wi2021_lbt_plicht_idx")]
        constraints = [
            # DUO registers a new LBT only once the previous one was taken or expired.
            models.UniqueConstraint(
                fields=["plicht"], condition=Q(status="aangemeld"), name="wi2021_lbt_een_aangemeld"
            ),
            models.CheckConstraint(
                condition=Q(einde_aanmeldtermijn__gt=models.F("datum_aanmelding")), name="wi2021_lbt_periode"
            ),
            models.CheckConstraint(
                condition=Q(reden_overig="") | Q(reden_opnieuw="overig"), name="wi2021_lbt_overig_bij_overig"
            ),
        ]

    def __str__(self) -> str:
        return f"Leerbaarheidstoets {self.examennummer} ({self.get_status_display()})"

    @property
    def afgenomen(self) -> bool:
        return self.datum_toetsafname is not None


class LbtOntheffing(models.Model):
    """S-21: the gemeente exempted the person from the LBT (visual and/or auditory impairment, R-LBT-3). Final:
    "De ontheffing is definitief, u kunt deze niet meer intrekken" — so one per plicht, never deleted."""

    plicht = models.OneToOneField(Inburgeringsplicht, on_delete=models.CASCADE, related_name="lbt_ontheffing")
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name="Gemeente"
    )
    ontheven_op = models.DateTimeField("Ontheven op")
    gebruiker = models.CharField(max_length=150)

    class Meta:
        verbose_name = "ontheffing leerbaarheidstoets"
        verbose_name_plural = "ontheffingen leerbaarheidstoets"

    def __str__(self) -> str:
        return f"Ontheven van de leerbaarheidstoets op {self.ontheven_op:%d-%m-%Y}"


# --- Waardepapieren (seed 001 §3.9, WI2021.md S-54, R-WP, D-38) ---------------------------------------------


class SoortWaardepapier(models.TextChoices):
    PVT = "PVT", "PVT"
    Z_ROUTE = "Z", "Z-route"


class BestelStatus(models.TextChoices):
    """D-38: DUO beheer sends the papers by registered post and marks the order."""

    ONTVANGEN = "ontvangen", "Ontvangen"
    VERZONDEN = "verzonden", "Verzonden"


class WaardepapierBestelling(models.Model):
    """One order of pre-printed waardepapier (S-54). It must reach DUO: beheer lists it in the admin (D-38);
    the besteller gets a confirmation e-mail through the outbox."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="wi2021_waardepapieren")
    naam = models.CharField("Naam besteller", max_length=100)  # D-21
    email = models.CharField("E-mailadres besteller", max_length=254)
    telefoon = models.CharField("Telefoonnummer besteller", max_length=20, blank=True)
    soort = models.CharField("Soort waardepapier", max_length=3, choices=SoortWaardepapier.choices)
    aantal_sets = models.PositiveSmallIntegerField("Aantal sets")
    postcode = models.CharField("Postcode", max_length=7)  # "9999 AA"
    huisnummer = models.CharField("Huisnummer", max_length=5)
    toevoeging = models.CharField("Toevoeging", max_length=6, blank=True)
    straat = models.CharField("Straat", max_length=100)
    plaats = models.CharField("Plaats", max_length=80)
    status = models.CharField(max_length=10, choices=BestelStatus.choices, default=BestelStatus.ONTVANGEN)
    besteld_op = models.DateTimeField("Besteld op")
    besteld_door = models.CharField("Gebruiker", max_length=150)
    verzonden_op = models.DateField("Verzonden op", null=True, blank=True)

    class Meta:
        ordering = ["-besteld_op", "-pk"]
        verbose_name = "bestelling waardepapieren"
        verbose_name_plural = "bestellingen waardepapieren"
        indexes = [models.Index(fields=["status", "-besteld_op"], name="wi2021_wp_status_idx")]

    def __str__(self) -> str:
        return f"{self.aantal_sets} × {self.get_soort_display()} voor {self.gemeente}"

    @property
    def aantal_stuks(self) -> int:
        from .regels_waardepapieren import STUKS_PER_SET

        return self.aantal_sets * STUKS_PER_SET[self.soort]


# --- Z-route: eindgesprek and certificaten (§3.6.15, §3.6.16, WI2021.md R-Z, D-25, D-26) --------------------


class EindgesprekZRoute(Versiebeheerd):
    """B-15: the date of the eindgesprek Z-route of one plicht (R-Z-1…R-Z-4). It can be changed, not deleted,
    for two weeks from its first registration (D-25, D-06: registered on D → final on D+14, a change does not
    restart the window); then the daily job makes it final, ends the plicht and issues the certificate."""

    plicht = models.OneToOneField(
        Inburgeringsplicht, on_delete=models.CASCADE, related_name="eindgesprek_z_route"
    )
    datum = models.DateField("Datum eindgesprek")
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name="Gemeente"
    )
    geregistreerd_op = models.DateTimeField("Datum registratie")  # the window runs from here (D-06)
    gewijzigd_op = models.DateTimeField("Laatste wijziging")
    definitief_op = models.DateField("Definitief op", null=True, blank=True)

    class Meta:
        verbose_name = "eindgesprek Z-route"
        verbose_name_plural = "eindgesprekken Z-route"
        indexes = [
            models.Index(fields=["definitief_op", "geregistreerd_op"], name="wi2021_eindgesprek_def_idx")
        ]

    def __str__(self) -> str:
        return f"Eindgesprek Z-route {self.datum:%d-%m-%Y}"

    @property
    def definitief(self) -> bool:
        return self.definitief_op is not None


class ZRouteCertificaat(models.Model):
    """S-51: the certificate of a final eindgesprek, listed for the gemeente where the person lived when it
    became final — and it stays there after a move (D-25). "Handel af" records that it was handed over
    (R-Z-7); the PDF is rendered from the data on every download (D-26), so it never goes stale."""

    eindgesprek = models.OneToOneField(
        EindgesprekZRoute, on_delete=models.CASCADE, related_name="certificaat"
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="wi2021_z_certificaten", verbose_name="Gemeente"
    )
    beschikbaar_op = models.DateField("Beschikbaar sinds")
    afgehandeld_op = models.DateField("Afgehandeld op", null=True, blank=True)
    afgehandeld_door = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = "Z-route certificaat"
        verbose_name_plural = "Z-route certificaten"
        indexes = [models.Index(fields=["gemeente", "afgehandeld_op"], name="wi2021_zcert_gemeente_idx")]

    def __str__(self) -> str:
        return f"Z-route certificaat {self.eindgesprek_id}"
