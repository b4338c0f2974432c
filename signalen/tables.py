"""S-4: "Selecteren signalen" as one shared table for the three laws."""

import unicodedata
from functools import cache

from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html
from django.utils.safestring import mark_safe

import django_tables2 as tables

from inburgering.constants import Wet
from inburgering.registry import persoon_url
from inburgering.tables import PibTable

from . import uitbreidingen
from .catalogus import catalogus, omschrijving

# The column heads as each manual's screen writes them: seed 002 §3.6 (Wi2007) and seed 000 §3.6 (Wi2013)
# say "Status signaal", "Code signaal", …; seed 001 §3.2.1 (Wi2021) the short "Status", "Code", ….
KOPPEN: dict[str, dict[str, str]] = {
    Wet.WI2007: {
        "status": "Status signaal",
        "a_nummer": "A-Nummer",
        "code": "Code signaal",
        "omschrijving": "Omschrijving signaal",
        "datum": "Datum signaal",
    },
    Wet.WI2013: {
        "status": "Status signaal",
        "code": "Code signaal",
        "omschrijving": "Omschrijving signaal",
        "datum": "Datum signaal",
    },
    Wet.WI2021: {},
}


def _sorteersleutel(tekst: str) -> str:
    # Accents and case do not decide the order: "Één" sorts with "Een", as a reader expects.
    return unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode().casefold()


@cache
def tekstvolgorde(wet: str) -> dict[str, int]:
    """Each code's position when the catalogue is ordered on the text the table shows."""
    op_tekst = sorted(catalogus(wet), key=lambda code: (_sorteersleutel(omschrijving(wet, code)), code))
    return {code: positie for positie, code in enumerate(op_tekst)}


class SelectieKolom(tables.CheckBoxColumn):
    """Row checkbox; the header box selects every signal on the page, also without JavaScript."""

    def __init__(self, **kwargs):
        attrs = {"th": {"data-kolom": "selectie"}, "td": {"data-kolom": "selectie"}}
        super().__init__(accessor="pk", orderable=False, attrs=attrs, **kwargs)

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


class Registerkolom(tables.Column):
    def __init__(self, kolom: uitbreidingen.Kolom):
        super().__init__(accessor=kolom.naam, verbose_name=kolom.kop, order_by=(kolom.naam, "id"))
        self.weergave = kolom.weergave

    def render(self, value):
        return self.weergave(value)


class SignaalTable(PibTable):
    bijschrift = "Signalen"
    status = tables.Column(verbose_name="Status")
    # Sorted on the copies the signal carries (Signaal.persoon_bsn): an index of the gemeente's signals.
    bsn = tables.Column(accessor="persoon__bsn", verbose_name="BSN", order_by=("persoon_bsn", "id"))
    a_nummer = tables.Column(accessor="persoon__a_nummer", verbose_name="A-nummer")
    achternaam = tables.Column(
        accessor="persoon__achternaam", verbose_name="Achternaam", order_by=("persoon_achternaam", "id")
    )
    code = tables.Column(verbose_name="Code")
    omschrijving = tables.Column(
        accessor="code", verbose_name="Omschrijving", attrs={"td": {"data-tekst": "lang"}}
    )
    datum = tables.DateColumn(verbose_name="Datum", order_by=("datum", "id"), format="d-m-Y")

    class Meta(PibTable.Meta):
        empty_text = "Er zijn geen signalen gevonden op basis van de opgegeven criteria."

    def __init__(self, data, *args, wet: str, selecteerbaar: bool, **kwargs):
        extra = [("selectie", SelectieKolom())] if selecteerbaar else []
        exclude = () if wet == Wet.WI2007 else ("a_nummer",)
        # Columns a law app registered (Wi2021: Doelgroep, Contactpersoon; S-03) are annotations, so the
        # page costs the same number of queries however many rows it shows.
        geregistreerd = uitbreidingen.kolommen(wet)
        extra += [(k.naam, Registerkolom(k)) for k in geregistreerd]
        basis = [naam for naam in self.base_columns if naam not in exclude]
        sequence = (["selectie"] if selecteerbaar else []) + uitbreidingen.volgorde(basis, geregistreerd)
        data = uitbreidingen.annoteer(data, wet) if geregistreerd else data
        super().__init__(data, *args, extra_columns=extra, exclude=exclude, sequence=sequence, **kwargs)
        self.wet = wet
        for naam, kop in KOPPEN[wet].items():
            self.columns[naam].column.verbose_name = kop  # the columns are this table's own deep copies

    def order_omschrijving(self, queryset, is_descending):
        """Sort on the text, not the code. The text lives in the catalogue, not in the database, so each
        code becomes its position in text order: a CASE over the law's ~45 codes, cheap next to the
        sort itself, and the same order on SQLite and PostgreSQL whatever their collation."""
        positie = Case(
            *(When(code=code, then=Value(p)) for code, p in tekstvolgorde(self.wet).items()),
            default=Value(len(tekstvolgorde(self.wet))),  # an unknown code shows as itself: last
            output_field=IntegerField(),
        )
        richting = "-" if is_descending else ""
        queryset = queryset.annotate(omschrijving_positie=positie).order_by(
            f"{richting}omschrijving_positie", f"{richting}code", "-datum", "-id"
        )
        return queryset, True

    def render_status(self, record):
        return record.get_status_display()

    def render_bsn(self, value, record):
        url = persoon_url(self.wet, record.persoon)
        return format_html('<a class="utrecht-link" href="{}">{}</a>', url, value) if url else value

    def render_omschrijving(self, value):
        return omschrijving(self.wet, value)
