"""The aanbod tables: S-32 (with "Wijzig" / "Verwijder"), B-8 (without) and S-36 (seed 001 §3.6.7)."""

from django.utils.html import format_html_join

import django_tables2 as tables

from inburgering.tables import PibTable


class AanbodTable(PibTable):
    bijschrift = "Inburgeringsaanbiedingen"
    """Instelling | Datum inschrijving | Datum start | Datum einde | Alfabetisering | Gemeente (§3.6.7.2)."""

    instelling = tables.Column(verbose_name="Instelling", attrs={"td": {"data-tekst": "lang"}})
    datum_inschrijving = tables.DateColumn(verbose_name="Datum inschrijving", format="d-m-Y")
    datum_start = tables.DateColumn(verbose_name="Datum start", format="d-m-Y")
    datum_einde = tables.DateColumn(verbose_name="Datum einde", format="d-m-Y")
    alfabetisering = tables.Column(verbose_name="Alfabetisering")
    gemeente = tables.Column(verbose_name="Gemeente")
    acties = tables.Column(verbose_name="", accessor="wijzig_url", empty_values=())

    class Meta(PibTable.Meta):
        orderable = False  # the model's order: Datum inschrijving, most recent first
        empty_text = "Er is voor deze persoon nog geen inburgeringsaanbod doorgegeven."

    def __init__(self, *args, acties: bool = True, **kwargs):
        super().__init__(*args, exclude=() if acties else ("acties",), **kwargs)

    def render_acties(self, record):
        links = [(url, tekst) for url, tekst in ((record.wijzig_url, "Wijzig"), (record.verwijder_url, "Verwijder"))
                 if url]  # fmt: skip
        return format_html_join(" ", '<a class="utrecht-link" href="{}">{}</a>', links)


class AanbodHistorieTable(AanbodTable):
    bijschrift = "Historie inburgeringsaanbiedingen"
    """S-36: the columns of S-32 without actions, and what became of each row."""

    status = tables.Column(verbose_name="Status")

    class Meta(AanbodTable.Meta):
        empty_text = "Er is geen historie van inburgeringsaanbiedingen voor deze persoon."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, acties=False, **kwargs)
