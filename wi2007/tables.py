"""7-1 "Gevonden personen": 20 per page, every column sortable (three-click cycle)."""

from django.urls import reverse
from django.utils.html import format_html

import django_tables2 as tables

from inburgering.tables import PibTable


class GevondenPersonenTable(PibTable):
    bijschrift = "Gevonden personen"
    bsn = tables.Column(verbose_name="BSN")
    a_nummer = tables.Column(verbose_name="A-nummer")
    voornamen = tables.Column(verbose_name="Voornaam", attrs={"td": {"data-tekst": "naam"}})
    voorvoegsels = tables.Column(verbose_name="Voorvoegsels")
    achternaam = tables.Column(verbose_name="Achternaam", attrs={"td": {"data-tekst": "naam"}})
    geboortedatum = tables.DateColumn(verbose_name="Geboortedatum", format="d-m-Y")
    geslacht = tables.Column(verbose_name="Geslacht")
    herkomst = tables.Column(accessor="wi2007__herkomst", verbose_name="Herkomst")
    datum_overlijden = tables.DateColumn(verbose_name="Datum overlijden", format="d-m-Y")
    signaal_aanwezig = tables.BooleanColumn(verbose_name="Signaal aanwezig", yesno="Ja,Nee")

    class Meta(PibTable.Meta):
        empty_text = "Er zijn geen zoekresultaten gevonden."

    def render_bsn(self, value, record):
        url = reverse("wi2007:persoon", kwargs={"persoon": record.pk})
        return format_html('<a class="utrecht-link" href="{}">{}</a>', url, value)

    def render_geslacht(self, record):
        return record.get_geslacht_display()

    def render_herkomst(self, record):
        return record.wi2007.get_herkomst_display()
