"""Beheer of what the gemeente sends DUO about the leerbaarheidstoets (§3.6.5): the requests to plan the LBT
again (S-22, D-23: "the request goes to DUO") and the ontheffingen (S-21). Read-only: both are changed only
through `services_lbt` (the gemeente) and `duo` (DUO's answer as a chain event). Imported by `wi2021.admin`
(one line there), so Django's autodiscovery registers it."""

from django.contrib import admin

from inburgering.admin import AlleenLezenAdmin

from .models import LbtOntheffing, Leerbaarheidstoets


@admin.register(Leerbaarheidstoets)
class LeerbaarheidstoetsAdmin(AlleenLezenAdmin):
    list_display = ["examennummer", "gemeente", "datum_aanmelding", "einde_aanmeldtermijn", "status", "resultaat",
                    "opnieuw_aangevraagd_op", "reden_opnieuw", "reden_overig"]  # fmt: skip
    list_filter = [
        "status",
        "resultaat",
        ("opnieuw_aangevraagd_op", admin.EmptyFieldListFilter),
        "reden_opnieuw",
    ]
    search_fields = ["=examennummer", "=plicht__persoon__bsn"]
    list_select_related = ["gemeente"]
    exclude = ["plicht", "opnieuw_aangevraagd_door"]  # no person picker here; the BSN is searchable


@admin.register(LbtOntheffing)
class LbtOntheffingAdmin(AlleenLezenAdmin):
    list_display = ["ontheven_op", "gemeente", "gebruiker"]
    search_fields = ["=plicht__persoon__bsn", "gemeente__naam"]
    list_select_related = ["gemeente"]
    exclude = ["plicht"]
