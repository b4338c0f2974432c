"""S-4: "Selecteren signalen" as one shared table for the three laws."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

import django_tables2 as tables

from inburgering.constants import Wet
from inburgering.registry import persoon_url
from inburgering.tables import PibTable

from .catalogus import omschrijving


class SelectieKolom(tables.CheckBoxColumn):
    """Row checkbox; the header box selects every signal on the page, also without JavaScript."""

    def __init__(self, **kwargs):
        super().__init__(accessor="pk", orderable=False, **kwargs)

    @property
    def header(self):
        return mark_safe(  # noqa: S308 (a constant)
            '<input type="checkbox" name="alle_op_pagina" value="1" class="utrecht-checkbox '
            'utrecht-checkbox--html-input pib-alles" aria-label="Selecteer alle signalen op deze pagina">'
        )

    def render(self, value, bound_column, record):
        return format_html(
            '<input type="checkbox" name="signaal" value="{}" class="utrecht-checkbox utrecht-checkbox--html-input '
            'pib-selectie" aria-label="Selecteer signaal {} van {}">'
            '<input type="hidden" name="op_pagina" value="{}">',
            value, record.code, record.persoon.bsn, value,
        )  # fmt: skip


class SignaalTable(PibTable):
    status = tables.Column(verbose_name="Status")
    bsn = tables.Column(accessor="persoon__bsn", verbose_name="BSN", order_by=("persoon__bsn",))
    a_nummer = tables.Column(accessor="persoon__a_nummer", verbose_name="A-nummer")
    achternaam = tables.Column(accessor="persoon__achternaam", verbose_name="Achternaam")
    code = tables.Column(verbose_name="Code")
    omschrijving = tables.Column(
        accessor="code", verbose_name="Omschrijving", order_by=("code",), attrs={"td": {"data-tekst": "lang"}}
    )
    datum = tables.DateColumn(verbose_name="Datum", order_by=("datum", "id"), format="d-m-Y")

    class Meta(PibTable.Meta):
        empty_text = "Er zijn geen signalen gevonden op basis van de opgegeven criteria."

    def __init__(self, *args, wet: str, selecteerbaar: bool, **kwargs):
        extra = [("selectie", SelectieKolom())] if selecteerbaar else []
        exclude = () if wet == Wet.WI2007 else ("a_nummer",)
        sequence = ("selectie", "...") if selecteerbaar else None
        super().__init__(*args, extra_columns=extra, exclude=exclude, sequence=sequence, **kwargs)
        self.wet = wet

    def render_status(self, record):
        return record.get_status_display()

    def render_bsn(self, value, record):
        url = persoon_url(self.wet, record.persoon)
        return format_html('<a class="utrecht-link" href="{}">{}</a>', url, value) if url else value

    def render_omschrijving(self, value):
        return omschrijving(self.wet, value)
