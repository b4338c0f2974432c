"""Beheer: beheerders assign roles per gemeente; DUO-owned person changes go through the services."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from . import services
from .admin_filters import BsnFilter, GebruikerFilter, GemeenteCodeFilter
from .models import AuditEntry, Autorisatie, ContactBericht, Gemeente, Persoon

User = get_user_model()


class AutorisatieInline(admin.TabularInline):
    model = Autorisatie
    extra = 1
    autocomplete_fields = ["gemeente"]
    verbose_name = "autorisatie (rol per gemeente)"
    verbose_name_plural = "autorisaties (rollen per gemeente; leeg = alle gemeenten)"


admin.site.unregister(User)


@admin.register(User)
class PibUserAdmin(UserAdmin):
    inlines = [AutorisatieInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "iban", "actief"]
    list_filter = ["actief"]
    search_fields = ["code", "naam"]
    ordering = ["code"]


@admin.register(Persoon)
class PersoonAdmin(admin.ModelAdmin):
    list_display = ["bsn", "achternaam", "voornamen", "geboortedatum", "woongemeente", "wet"]
    list_filter = ["wet", "uitgeschreven_uit_brp"]
    search_fields = ["=bsn", "=a_nummer", "achternaam"]
    autocomplete_fields = ["woongemeente", "toekomstige_gemeente"]
    list_select_related = ["woongemeente"]
    show_full_result_count = False  # counting a million rows on every page is wasted work

    def save_model(self, request, obj, form, change):
        if change:
            data = {veld: form.cleaned_data[veld] for veld in form.changed_data}
            services.persoon_wijzigen(actor=request.user, persoon=obj, data=data)
        else:
            obj.pk = services.persoon_inschrijven(actor=request.user, data=form.cleaned_data).pk

    def has_delete_permission(self, request, obj=None):
        # Persons are struck off the BRP (uitgeschreven), never deleted: their history must stay.
        return False


class AlleenLezenAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(AlleenLezenAdmin):
    """A-8: beheerders read the trail; nobody edits or deletes it."""

    list_display = ["tijdstip", "gebruiker", "gemeente_code", "actie", "bsn", "omschrijving"]
    list_filter = [
        ("tijdstip", admin.DateFieldListFilter),
        "actie",
        GemeenteCodeFilter,
        GebruikerFilter,
        BsnFilter,
    ]
    search_fields = ["=bsn"]
    date_hierarchy = "tijdstip"
    show_full_result_count = False


@admin.register(ContactBericht)
class ContactBerichtAdmin(AlleenLezenAdmin):
    list_display = ["aangemaakt_op", "gebruiker", "gemeente", "onderwerp", "naam"]
    list_filter = ["onderwerp"]


# --- Outbox (uitgaande e-mail): read-only, with a retry action -------------------------------------

from django.contrib import messages  # noqa: E402

from .outbox import services as outbox  # noqa: E402
from .outbox.models import UitgaandeMail  # noqa: E402


@admin.register(UitgaandeMail)
class UitgaandeMailAdmin(AlleenLezenAdmin):
    list_display = ["aangemaakt_op", "sleutel", "onderwerp", "status", "pogingen", "volgende_poging_op",
                    "verzonden_op"]  # fmt: skip
    list_filter = ["status"]
    search_fields = ["=sleutel"]
    exclude = ["html"]  # the HTML source is noise next to the text body
    actions = ["opnieuw_proberen"]
    show_full_result_count = False

    def has_opnieuw_proberen_permission(self, request):
        return self.has_view_permission(request)

    @admin.action(description="Opnieuw proberen", permissions=["opnieuw_proberen"])
    def opnieuw_proberen(self, request, queryset):
        aantal = outbox.opnieuw_proberen(queryset.values_list("pk", flat=True))
        overgeslagen = queryset.count() - aantal
        self.message_user(request, f"{aantal} e-mail(s) opnieuw in de wachtrij gezet.")
        if overgeslagen:
            self.message_user(
                request,
                f"{overgeslagen} e-mail(s) overgeslagen: al verzonden of nu in behandeling.",
                level=messages.WARNING,
            )
