"""The table of "Z-route Certificaten" (S-51, §3.6.16): sortable on BSN, Achternaam and Datum eindgesprek."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html

import django_tables2 as tables

from inburgering.tables import PibTable

AFGEHANDELD_OP = "Afgehandeld op {}"  # S-51 status, verbatim pattern "Afgehandeld op dd-mm-jjjj"


class CertificatenTable(PibTable):
    bijschrift = "Z-route certificaten"
    bsn = tables.Column(
        accessor="eindgesprek__plicht__persoon__bsn", verbose_name="BSN",
        order_by=("eindgesprek__plicht__persoon__bsn", "pk"),
    )  # fmt: skip
    achternaam = tables.Column(
        accessor="eindgesprek__plicht__persoon__achternaam", verbose_name="Achternaam",
        order_by=("eindgesprek__plicht__persoon__achternaam", "pk"),
    )  # fmt: skip
    datum = tables.DateColumn(
        accessor="eindgesprek__datum", verbose_name="Datum eindgesprek", format="d-m-Y",
        order_by=("eindgesprek__datum", "pk"),
    )  # fmt: skip
    download = tables.Column(empty_values=(), orderable=False, verbose_name="Download")
    status = tables.Column(empty_values=(), orderable=False, verbose_name="Handel af")

    class Meta(PibTable.Meta):
        empty_text = "Er zijn geen Z-route certificaten gevonden."

    def render_achternaam(self, value, record):
        voorvoegsels = record.eindgesprek.plicht.persoon.voorvoegsels
        return f"{voorvoegsels} {value}" if voorvoegsels else value

    def render_download(self, record):
        url = reverse("wi2021:z_certificaat_download", args=[record.pk])
        bsn = record.eindgesprek.plicht.persoon.bsn
        return format_html(
            '<a class="utrecht-link" href="{}">Download<span class="pib-verborgen"> certificaat {}</span></a> · '
            '<a class="utrecht-link" href="{}?proefafdruk=1">Proefafdruk<span class="pib-verborgen"> certificaat {}'
            "</span></a>",
            url, bsn, url, bsn,
        )  # fmt: skip

    def render_status(self, record):
        if record.afgehandeld_op:
            return AFGEHANDELD_OP.format(date_format(record.afgehandeld_op, "d-m-Y"))
        url = reverse("wi2021:z_certificaat_afhandelen", args=[record.pk])
        return format_html(
            '<a class="utrecht-button utrecht-button--secondary-action pib-buttonlink" href="{}">Handel af'
            '<span class="pib-verborgen"> certificaat {}</span></a>',
            url, record.eindgesprek.plicht.persoon.bsn,
        )  # fmt: skip
