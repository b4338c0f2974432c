"""Wi2007 data of a person (seed 002 §3.4). DUO-owned and read only in the portal."""

from django.db import models

from inburgering.models import Gemeente, Persoon

from . import constants as c


def _gemeente(verbose_name: str):
    return models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=verbose_name
    )


class Wi2007Persoon(models.Model):
    persoon = models.OneToOneField(Persoon, on_delete=models.CASCADE, primary_key=True, related_name="wi2007")

    # Persoonsgegevens
    nationaliteit_2 = models.CharField("Nationaliteit 2", max_length=80, blank=True)
    huisnummer_toevoeging = models.CharField("Huisnr.toevoeging + aanduiding", max_length=20, blank=True)
    locatieomschrijving = models.CharField("Locatieomschrijving", max_length=120, blank=True)
    betrouwbaar_adres = models.BooleanField("Indicatie betrouwbaar adres", null=True, blank=True)
    recht_op_lening = models.BooleanField("Recht op lening en vergoeding", null=True, blank=True)
    asielgerechtigd = models.BooleanField("Indicatie asielgerechtigd", null=True, blank=True)
    verblijfsdoel = models.CharField("Indicatie verblijfsdoel", max_length=1, choices=c.Verblijfsdoel.choices,
                                     blank=True)  # fmt: skip
    rechtmatig_verblijf = models.BooleanField("Indicatie rechtmatig verblijf", null=True, blank=True)
    pardonregeling = models.BooleanField("Indicatie zgn. Pardonregeling", null=True, blank=True)
    pvb = models.BooleanField("Indicatie Persoonsvolgend Budget", null=True, blank=True)
    pvb_gebruikt = models.BooleanField("Persoonsvolgend Budget gebruikt", null=True, blank=True)
    in_azc = models.BooleanField("In AZC gehuisvest", null=True, blank=True)
    datum_beslissing_verblijfsrecht = models.DateField(
        "Datum beslissing verblijfsrecht", null=True, blank=True
    )
    diploma_behaald = models.BooleanField("Indicatie Diploma behaald", default=False)
    niveau_diploma = models.CharField("Niveau inburgeringsdiploma", max_length=2, choices=c.Diplomaniveau.choices,
                                      blank=True)  # fmt: skip
    schuld = models.BooleanField("Indicatie Schuld aanwezig", default=False)
    gehele_vrijstelling_duo = models.BooleanField("Indicatie Gehele vrijstelling door DUO", default=False)
    examenaanvraag = models.CharField("Examen aanvraag aanwezig i.h.k.v.", max_length=3,
                                      choices=c.Examenaanvraag.choices, blank=True)  # fmt: skip
    code_geheim = models.CharField("Code geheim", max_length=1, choices=c.CodeGeheim.choices, default="0")

    # Indicatie
    inburgeringsplichtig = models.BooleanField("Inburgeringsplichtig", null=True, blank=True)
    datum_inburgeringsplicht = models.DateField("Datum inburgeringsplicht", null=True, blank=True)
    reden_niet_inburgeringsplichtig = models.CharField(
        "Reden niet inburgeringsplichtig", max_length=120, blank=True
    )
    vrijwillig = models.BooleanField("Vrijwillige inburgeraar", default=False)
    oudkomer = models.BooleanField("Oudkomer", null=True, blank=True)

    # Handhaving
    gehandhaafd = models.BooleanField("Handhaving", default=False)
    handhaving_gemeente = _gemeente("Handhaving ingesteld door gemeente")
    eerste_handhaving_gemeente = _gemeente("Eerste handhaving door gemeente")
    begin_handhaving = models.DateField("Begin handhaving", null=True, blank=True)
    einde_handhavingstermijn = models.DateField("Einde (verlengde) handhavingstermijn", null=True, blank=True)
    datum_verlenging = models.DateField("Datum verlenging", null=True, blank=True)
    reden_verlenging = models.CharField("Reden verlenging", max_length=120, blank=True)

    # Examens (summary)
    datum_diploma = models.DateField("Datum diploma behaald", null=True, blank=True)
    diploma_gemeente = _gemeente("Diploma gemeente")
    indicatie_geslaagd = models.CharField("Indicatie geslaagd", max_length=1, choices=c.IndicatieGeslaagd.choices,
                                          blank=True)  # fmt: skip
    deelgenomen_volledig_examen = models.BooleanField("Deelgenomen volledig examen", null=True, blank=True)
    gemeente_volledige_deelname = _gemeente("Gemeente bij volledige deelname")
    volledige_deelname_nt2 = models.CharField("Volledige deelname NT2", max_length=1,
                                              choices=c.VolledigeDeelnameNT2.choices, blank=True)  # fmt: skip
    datum_volledige_deelname_nt2 = models.DateField("Datum volledige deelname NT2", null=True, blank=True)
    gemeente_volledige_deelname_nt2 = _gemeente("Gemeente volledige deelname NT2")

    # Derived (seed 002 §3.2), stored so that search can filter on it; see wi2007.isi.herkomst().
    herkomst = models.CharField(
        "Herkomst", max_length=1, choices=c.Herkomst.choices, default=c.Herkomst.ACTIEF
    )

    class Meta:
        verbose_name = "Wi2007-gegevens"
        verbose_name_plural = "Wi2007-gegevens"
        indexes = [models.Index(fields=["herkomst"], name="wi2007_herkomst_idx"),
                   models.Index(fields=["einde_handhavingstermijn"], name="wi2007_handhaving_idx")]  # fmt: skip

    def __str__(self) -> str:
        return f"Wi2007 {self.persoon_id}"


class Voorziening(models.Model):
    persoon = models.ForeignKey(Wi2007Persoon, on_delete=models.CASCADE, related_name="voorzieningen")
    aanbod_gemeente = _gemeente("Aanbod door gemeente")
    doelgroep = models.CharField("Doelgroep voorziening", max_length=1, choices=c.Doelgroep.choices)
    soort = models.CharField("Soort voorziening", max_length=1, choices=c.SoortVoorziening.choices)
    indicatie_pib = models.BooleanField("Indicatie pib", default=False)
    vorm_duaal = models.CharField("Vorm duaal traject", max_length=1, choices=c.VormDuaal.choices, blank=True)
    datum_start = models.DateField("Datum start voorziening")
    datum_einde = models.DateField("Datum einde voorziening", null=True, blank=True)
    reden_einde = models.CharField("Reden einde", max_length=120, blank=True)

    class Meta:
        ordering = ["-datum_start"]
        verbose_name_plural = "inburgeringsvoorzieningen"

    def __str__(self) -> str:
        return f"{self.get_soort_display()} vanaf {self.datum_start:%d-%m-%Y}"


class Vrijstelling(models.Model):
    persoon = models.ForeignKey(Wi2007Persoon, on_delete=models.CASCADE, related_name="vrijstellingen")
    soort = models.CharField("Soort vrijstelling", max_length=1, choices=c.SoortVrijstelling.choices)
    verleend_door = models.CharField("Verleend door", max_length=1, choices=c.VerleendDoor.choices)
    datum_start = models.DateField("Start vrijstelling")
    datum_einde = models.DateField("Einde vrijstelling", null=True, blank=True)
    examenonderdeel = models.CharField("Examenonderdeel", max_length=6, choices=c.Examenonderdeel.choices,
                                       blank=True)  # fmt: skip
    niveau = models.CharField("Niveau gedeeltelijke vrijstelling", max_length=2, choices=c.Diplomaniveau.choices,
                              blank=True)  # fmt: skip

    class Meta:
        ordering = ["-datum_start"]
        verbose_name_plural = "vrijstellingen"

    def __str__(self) -> str:
        return f"{self.get_soort_display()} vanaf {self.datum_start:%d-%m-%Y}"


class Boete(models.Model):
    persoon = models.ForeignKey(Wi2007Persoon, on_delete=models.CASCADE, related_name="boetes")
    datum_toekennen = models.DateField("Datum toekennen")
    reden = models.CharField("Reden boete", max_length=200)
    bedrag = models.DecimalField("Bedrag boete", max_digits=8, decimal_places=2)
    soort = models.CharField("Soort boete", max_length=80)

    class Meta:
        ordering = ["-datum_toekennen"]
        verbose_name_plural = "boetes"

    def __str__(self) -> str:
        return f"Boete {self.datum_toekennen:%d-%m-%Y}"


class Examen(models.Model):
    persoon = models.ForeignKey(Wi2007Persoon, on_delete=models.CASCADE, related_name="examens")
    examen = models.CharField("Examen", max_length=80)
    niveau = models.CharField("Niveau", max_length=2, choices=c.Examenniveau.choices, blank=True)
    uitslag = models.CharField("Uitslag", max_length=1, choices=c.Uitslag.choices)
    profiel = models.CharField("Profiel", max_length=80, blank=True)
    variant = models.CharField("Variant", max_length=80, blank=True)
    datum_deelname = models.DateField("Datum deelname")
    gemeente_behaald = _gemeente("Gemeente examenonderdeel behaald")
    vrijgesteld = models.BooleanField("Indicatie vrijgesteld", default=False)

    class Meta:
        ordering = ["-datum_deelname"]
        verbose_name_plural = "examens"

    def __str__(self) -> str:
        return f"{self.examen} {self.datum_deelname:%d-%m-%Y}"
