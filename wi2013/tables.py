"""13-1 "Gevonden personen" (the columns of seed 000 §4.3; 20 per page, sortable) and the PVT history."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

import django_tables2 as tables

from inburgering.tables import PibTable


def ja_nee(waarde: bool | None) -> str:
    """Ja / Nee, and empty for "onbepaald" (None)."""
    return "" if waarde is None else ("Ja" if waarde else "Nee")


def euro(bedrag: Decimal | int) -> str:
    """The manual's way of writing an amount: 150 → "€ 150,-", 150.5 → "€ 150,50"."""
    bedrag = Decimal(bedrag)
    if bedrag == bedrag.to_integral_value():
        return f"€ {int(bedrag)},-"
    return f"€ {bedrag:.2f}".replace(".", ",")


class JaNeeColumn(tables.BooleanColumn):
    def __init__(self, **kwargs):
        super().__init__(null=True, yesno="Ja,Nee", **kwargs)


SHY = "\u00ad"  # soft hyphen: the long one-word headers may break, so all eleven columns fit the page


class GevondenPersonenTable(PibTable):
    bijschrift = "Gevonden personen"
    bsn = tables.Column(verbose_name="BSN")
    voornamen = tables.Column(verbose_name="Voornaam", attrs={"td": {"data-tekst": "naam"}})
    voorvoegsels = tables.Column(verbose_name=f"Voor{SHY}voegsels")
    achternaam = tables.Column(verbose_name="Achternaam", attrs={"td": {"data-tekst": "naam"}})
    geboortedatum = tables.DateColumn(verbose_name=f"Geboorte{SHY}datum", format="d-m-Y")
    geslacht = tables.Column(verbose_name="Geslacht")
    pvt_plichtig = JaNeeColumn(accessor="wi2013__pvt_plichtig", verbose_name="PVT-plichtig")
    voldaan = JaNeeColumn(verbose_name="Voldaan aan PVT-plicht")
    recht_op_mb = JaNeeColumn(
        accessor="wi2013__recht_op_mb", verbose_name=f"Recht op maatschap{SHY}pelijke begeleiding"
    )
    factuur_aanwezig = JaNeeColumn(verbose_name="Factuur aanwezig")
    signaal_aanwezig = JaNeeColumn(verbose_name="Signaal aanwezig")

    class Meta(PibTable.Meta):
        empty_text = "Er zijn geen zoekresultaten gevonden."

    def render_bsn(self, value, record):
        url = reverse("wi2013:persoon", kwargs={"persoon": record.pk})
        return format_html('<a class="utrecht-link" href="{}">{}</a>', url, value)

    def render_geslacht(self, record):
        return record.get_geslacht_display()


class PvtHistorieTable(PibTable):
    """Every registration of the gemeente's PVT fields, newest first (the model's ordering)."""

    bijschrift = "PVT-registraties, nieuwste eerst"

    tijdstip = tables.Column(verbose_name="Datum")
    gebeurtenis = tables.Column(verbose_name="Gebeurtenis")
    gemeente = tables.Column(verbose_name="Gemeente")
    datum_start_deelname = tables.DateColumn(verbose_name="Start deelname", format="d-m-Y")
    datum_einde_deelname = tables.DateColumn(verbose_name="Einde deelname", format="d-m-Y")
    datum_voldaan = tables.DateColumn(verbose_name="Datum voldaan", format="d-m-Y")
    reden_niet_voldaan = tables.Column(
        verbose_name="Reden niet voldaan", attrs={"td": {"data-tekst": "lang"}}
    )
    datum_einde_pvt_plicht = tables.DateColumn(verbose_name="Einde PVT-plicht", format="d-m-Y")

    class Meta(PibTable.Meta):
        orderable = False
        empty_text = "Er zijn nog geen PVT-gegevens geregistreerd."

    def render_tijdstip(self, value):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")

    def render_gebeurtenis(self, value):
        return value.capitalize()

    def render_reden_niet_voldaan(self, record):
        return record.get_reden_niet_voldaan_display()
