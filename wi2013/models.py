"""Wi2013 data of a person: PVT (DUO- and gemeente-owned), MB, DUO loan and the factuur (seed 000)."""

from decimal import Decimal

from django.db import models

from inburgering.models import Gemeente, Persoon
from inburgering.versie import Versiebeheerd

from .constants import FACTUURBEDRAG, STATUS_TEKSTEN, FactuurStatus, RedenNietVoldaan, factuurstatus


def _gemeente(verbose_name: str):
    return models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=verbose_name
    )


class Wi2013Persoon(Versiebeheerd):
    persoon = models.OneToOneField(Persoon, on_delete=models.CASCADE, primary_key=True, related_name="wi2013")

    # DUO-owned
    indicatie_inburgeringsplicht = models.BooleanField("Indicatie inburgeringsplicht", default=True)
    gemeente_eerste_vestiging = _gemeente("Gemeente Eerste Vestiging")
    gemeente_einde_pvt = _gemeente("Gemeente Einde PVT")
    pvt_plichtig = models.BooleanField("PVT-plichtig", null=True, blank=True)  # empty = onbepaald
    datum_start_pvt_plicht = models.DateField("Datum start PVT-plicht", null=True, blank=True)
    datum_einde_pvt_plicht = models.DateField("Datum einde PVT-plicht", null=True, blank=True)
    recht_op_mb = models.BooleanField("Recht op maatschappelijke begeleiding", null=True, blank=True)
    mb_gemeld_bzk = models.BooleanField("Maatschappelijke begeleiding gemeld bij BZK", null=True, blank=True)
    mb_gemeld_jaar = models.PositiveSmallIntegerField(
        "Jaar melding BZK (meicirculaire)", null=True, blank=True
    )
    lening_duo = models.BooleanField("Lening bij DUO", default=False)

    # Gemeente-owned (seed 000 §4.5), changed only through wi2013.services.pvt_wijzigen
    datum_start_deelname = models.DateField("Datum start deelname PV-traject", null=True, blank=True)
    datum_einde_deelname = models.DateField("Datum einde deelname PV-traject", null=True, blank=True)
    datum_voldaan = models.DateField("Datum voldaan aan PVT-plicht", null=True, blank=True)
    reden_niet_voldaan = models.CharField("Reden niet voldaan aan PVT-plicht", max_length=1,
                                          choices=RedenNietVoldaan.choices, blank=True)  # fmt: skip
    # The datum voldaan / reden becomes final two weeks after it was registered (13-3).
    geregistreerd_op = models.DateTimeField("Geregistreerd op", null=True, blank=True)
    geregistreerd_door = _gemeente("Geregistreerd door gemeente")
    definitief = models.BooleanField("Definitief vastgelegd", default=False)

    class Meta:
        verbose_name = "Wi2013-gegevens"
        verbose_name_plural = "Wi2013-gegevens"
        indexes = [
            models.Index(fields=["datum_einde_pvt_plicht"], name="wi2013_einde_pvt_idx"),
            models.Index(fields=["definitief", "geregistreerd_op"], name="wi2013_definitief_idx"),
        ]

    def __str__(self) -> str:
        return f"Wi2013 {self.persoon_id}"


class PvtHistorie(models.Model):
    """Every registration of the gemeente-owned PVT fields, kept after the reason is cleared (13-3)."""

    gegevens = models.ForeignKey(Wi2013Persoon, on_delete=models.CASCADE, related_name="historie")
    tijdstip = models.DateTimeField(auto_now_add=True)
    gebruiker = models.CharField(max_length=150)
    gemeente = _gemeente("Gemeente")
    datum_start_deelname = models.DateField(null=True, blank=True)
    datum_einde_deelname = models.DateField(null=True, blank=True)
    datum_voldaan = models.DateField(null=True, blank=True)
    reden_niet_voldaan = models.CharField(max_length=1, choices=RedenNietVoldaan.choices, blank=True)
    datum_einde_pvt_plicht = models.DateField("Datum einde PVT-plicht op dat moment", null=True, blank=True)
    gebeurtenis = models.CharField(max_length=40)  # geregistreerd / gecorrigeerd / definitief / geschoond

    class Meta:
        ordering = ["-tijdstip", "-id"]
        verbose_name_plural = "PVT-historie"

    def __str__(self) -> str:
        return f"{self.gebeurtenis} {self.tijdstip:%d-%m-%Y}"


class Factuur(Versiebeheerd):
    """The factuur for the PVT costs; one per person (13-4)."""

    gegevens = models.OneToOneField(Wi2013Persoon, on_delete=models.CASCADE, related_name="factuur")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    factuurnummer = models.CharField("Factuurnummer", max_length=16)
    factuurdatum = models.DateField("Factuurdatum")
    debiteurnummer = models.CharField("Debiteurnummer", max_length=10)
    bedrag = models.DecimalField("Bedrag", max_digits=6, decimal_places=2, default=Decimal(FACTUURBEDRAG))
    status = models.CharField(
        "Indicatie status factuur", max_length=1, choices=FactuurStatus.choices, blank=True
    )
    geaccepteerd = models.BooleanField("Geaccepteerd door inburgeraar", null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "facturen"

    def __str__(self) -> str:
        return self.factuurnummer

    @property
    def statustekst(self) -> str:
        """The "Indicatie status factuur" of the tab: "Factuur geweigerd" once the inburgeraar refused it."""
        return STATUS_TEKSTEN.get(factuurstatus(self.status, self.geaccepteerd), "")
