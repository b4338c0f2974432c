"""Beheer of the Wi2021 orders and advices DUO must act on: the waardepapieren orders (D-38: they must reach
DUO, who sends the papers by registered post) and the BIO advices (6.2: visible to beheer). Both are read-only
here; beheer marks an order as sent with an action, which is audited."""

from django.contrib import admin
from django.utils import timezone

from inburgering.admin import AlleenLezenAdmin
from inburgering.audit import audit
from inburgering.models import AuditActie

from .models import BestelStatus, BioAdviesVerzoek, WaardepapierBestelling


@admin.register(WaardepapierBestelling)
class WaardepapierBestellingAdmin(AlleenLezenAdmin):
    list_display = ["besteld_op", "gemeente", "soort", "aantal_sets", "naam", "email", "postcode", "huisnummer",
                    "toevoeging", "plaats", "status", "verzonden_op"]  # fmt: skip
    list_filter = ["status", "soort"]
    search_fields = ["gemeente__naam", "=gemeente__code", "naam", "email", "=postcode"]
    list_select_related = ["gemeente"]
    actions = ["verzonden"]

    def has_verzonden_permission(self, request):
        return self.has_view_permission(request)

    @admin.action(description="Markeer als verzonden (aangetekende post)", permissions=["verzonden"])
    def verzonden(self, request, queryset):
        vandaag = timezone.localdate()
        aantal = 0
        for bestelling in queryset.filter(status=BestelStatus.ONTVANGEN).select_related("gemeente"):
            bestelling.status, bestelling.verzonden_op = BestelStatus.VERZONDEN, vandaag
            bestelling.save(update_fields=["status", "verzonden_op"])
            audit(actor=request.user, actie=AuditActie.WIJZIGEN, gemeente=bestelling.gemeente, obj=bestelling,
                  omschrijving="Waardepapieren verzonden", wijzigingen={"status": ["ontvangen", "verzonden"]})  # fmt: skip
            aantal += 1
        self.message_user(request, f"{aantal} bestelling(en) gemarkeerd als verzonden.")


@admin.register(BioAdviesVerzoek)
class BioAdviesVerzoekAdmin(AlleenLezenAdmin):
    list_display = ["aanvraag_id", "datum", "advies_gegeven_op", "gemeente", "advies", "contact_gehad",
                    "contactpersoon_naam"]  # fmt: skip
    list_filter = ["advies", ("advies_gegeven_op", admin.EmptyFieldListFilter)]
    search_fields = ["=aanvraag_id"]
    list_select_related = ["gemeente"]
    exclude = ["plicht", "contactpersoon"]  # the plicht's BSN is in the audit trail; no person picker here


from . import admin_lbt  # noqa: E402, F401  (read-only beheer of the leerbaarheidstoets, registered on import)
