"""The tables of "Contactpersonen 2021" (S-04) and a caseload (S-05, S-06; 10 per page, R-CP-5)."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join

import django_tables2 as tables

from inburgering.tables import PibTable

PER_PAGINA_CASELOAD = 10
ONBEKEND = "Onbekend"  # a link older than the feature (fn 8)


class ContactpersonenTable(PibTable):
    bijschrift = "Contactpersonen"
    naam = tables.Column(verbose_name="Naam contactpersoon", order_by=("naam", "pk"))
    telefoon = tables.Column(verbose_name="Telefoonnummer")
    email = tables.Column(verbose_name="E-mailadres")
    algemeen = tables.Column(verbose_name="Alg. contact", order_by=("-algemeen", "naam", "pk"))
    acties = tables.Column(
        empty_values=(), orderable=False, verbose_name="", attrs={"td": {"class": "pib-acties"}}
    )

    class Meta(PibTable.Meta):
        empty_text = "Er zijn nog geen contactpersonen voor uw gemeente geregistreerd."

    def render_algemeen(self, value):
        return "Ja" if value else ""

    def render_acties(self, record):
        links = [
            (reverse("wi2021:caseload", args=[record.pk]), "Caseload"),
            (reverse("wi2021:contactpersoon_wijzigen", args=[record.pk]), "Wijzig"),
            (reverse("wi2021:contactpersoon_verwijderen", args=[record.pk]), "Verwijder"),
        ]
        return format_html_join(" ", '<a class="utrecht-link" href="{}">{}</a>', links)


class CaseloadTable(PibTable):
    bijschrift = "Caseload"
    """One row per link; D-22: BSN (to the overview), Achternaam, Geboortedatum, Datum koppeling."""

    bsn = tables.Column(accessor="persoon__bsn", verbose_name="BSN", order_by=("persoon__bsn",))
    achternaam = tables.Column(
        accessor="persoon__achternaam", verbose_name="Achternaam", order_by=("persoon__achternaam", "pk")
    )
    geboortedatum = tables.DateColumn(
        accessor="persoon__geboortedatum", verbose_name="Geboortedatum", format="d-m-Y",
        order_by=("persoon__geboortedatum", "pk"),
    )  # fmt: skip
    gekoppeld_op = tables.DateTimeColumn(
        verbose_name="Datum koppeling", format="d-m-Y", default=ONBEKEND, order_by=("gekoppeld_op", "pk")
    )

    class Meta(PibTable.Meta):
        empty_text = "Er zijn geen inburgeringsplichtigen aan deze contactpersoon gekoppeld."

    def render_bsn(self, value, record):
        url = reverse("wi2021:overzicht", kwargs={"persoon": record.persoon_id})
        return format_html('<a class="utrecht-link" href="{}">{}</a>', url, value)

    def render_achternaam(self, value, record):
        voorvoegsels = record.persoon.voorvoegsels
        return f"{voorvoegsels} {value}" if voorvoegsels else value


class CaseloadHistorieTable(CaseloadTable):
    bijschrift = "Caseload historie"
    ingetrokken_op = tables.DateTimeColumn(
        verbose_name="Datum ingetrokken", format="d-m-Y", order_by=("ingetrokken_op", "pk")
    )

    class Meta(CaseloadTable.Meta):
        empty_text = "Er zijn nog nooit inburgeringsplichtigen aan deze contactpersoon gekoppeld."
