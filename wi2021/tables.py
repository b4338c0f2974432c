"""S-17 "Gevonden personen" (seed 001 §3.5.2): 15 per page, every header sortable (three clicks)."""

from django.urls import reverse
from django.utils.html import format_html

import django_tables2 as tables

from inburgering.tables import PibTable

PER_PAGINA = 15


class GevondenPersonenTable(PibTable):
    """One row per current plicht (wi2021.selectors). The manual's order is BSN | Achternaam |
    Geboortedatum | Contactpersoon | Datum start inburgeringsplicht | Doelgroep; Contactpersoon is the
    selector's annotation (the person's link for the gemeente), empty when none."""

    bijschrift = "Gevonden personen"

    bsn = tables.Column(accessor="persoon__bsn", verbose_name="BSN", order_by=("persoon__bsn",))
    achternaam = tables.Column(
        accessor="persoon__achternaam",
        verbose_name="Achternaam",
        order_by=("persoon__achternaam", "persoon__voornamen", "pk"),
        attrs={"td": {"data-tekst": "naam"}},
    )
    geboortedatum = tables.DateColumn(
        accessor="persoon__geboortedatum",
        verbose_name="Geboortedatum",
        format="d-m-Y",
        order_by=("persoon__geboortedatum", "pk"),
    )
    contactpersoon = tables.Column(
        accessor="contactpersoon_naam", verbose_name="Contactpersoon", order_by=("contactpersoon_naam", "pk")
    )
    datum_start = tables.DateColumn(
        verbose_name="Datum start inburgeringsplicht", format="d-m-Y", order_by=("datum_start", "pk")
    )
    doelgroep = tables.Column(verbose_name="Doelgroep", order_by=("doelgroep", "pk"))

    class Meta(PibTable.Meta):
        sequence = ("bsn", "achternaam", "geboortedatum", "contactpersoon", "datum_start", "doelgroep")
        empty_text = "Er zijn geen zoekresultaten gevonden."

    def render_bsn(self, value, record):
        url = reverse("wi2021:overzicht", kwargs={"persoon": record.persoon_id})
        return format_html('<a class="utrecht-link" href="{}">{}</a>', url, value)

    def render_achternaam(self, value, record):
        voorvoegsels = record.persoon.voorvoegsels
        return f"{voorvoegsels} {value}" if voorvoegsels else value

    def render_doelgroep(self, record):
        return record.get_doelgroep_display()
