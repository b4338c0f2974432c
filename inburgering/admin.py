"""Beheer: beheerders assign roles per gemeente; DUO-owned person changes go through the services."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse

from axes.admin import AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessFailureLog, AccessLog
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import activatie, services
from .admin_filters import BsnFilter, GebruikerFilter, GemeenteCodeFilter
from .audit import audit
from .bsn import normalize_bsn
from .models import AuditActie, AuditEntry, Autorisatie, ContactBericht, Gemeente, Persoon

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
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff", "app_gekoppeld"]
    actions = ["activatiecode_uitgeven", "tweede_factor_resetten"]

    def get_queryset(self, request):
        gekoppeld = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(app_gekoppeld=Exists(gekoppeld))

    @admin.display(boolean=True, description="app gekoppeld", ordering="app_gekoppeld")
    def app_gekoppeld(self, obj) -> bool:
        return obj.app_gekoppeld

    @admin.action(description="Activatiecode tweede factor uitgeven", permissions=["change"])
    def activatiecode_uitgeven(self, request, queryset):
        # Shown in this one response and never again: only a hash of each code is stored.
        uitgegeven = [
            (user, activatie.activatiecode_uitgeven(actor=request.user, user=user)) for user in queryset
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Activatiecodes tweede factor",
            "uitgegeven": uitgegeven,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/inburgering/activatiecodes.html", context)

    @admin.action(
        description="Tweede factor resetten (app en reservecodes verwijderen)", permissions=["change"]
    )
    def tweede_factor_resetten(self, request, queryset):
        for user in queryset:
            activatie.tweede_factor_resetten(actor=request.user, user=user)
        self.message_user(
            request,
            f"De tweede factor van {queryset.count()} gebruiker(s) is gereset. Geef een activatiecode uit om "
            "opnieuw te koppelen.",
            messages.SUCCESS,
        )


# The device admins of django-otp show the TOTP keys and backup codes in plain text; beheerders use the two
# actions above instead.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


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

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and response.status_code == 200:
            zoekterm = request.GET.get("q", "").strip()
            bsn = normalize_bsn(zoekterm)
            filters = [f"{k}={v}" for k, v in request.GET.items() if k not in ("q", "p", "o") and v]
            omschrijving = "Beheer: personenlijst"
            if zoekterm and not (bsn.isdigit() and len(bsn) == 9):
                omschrijving += f", gezocht op '{zoekterm}'"
            if filters:
                omschrijving += ", filter " + " ".join(filters)
            audit(
                actor=request.user,
                actie=AuditActie.ZOEKEN,
                bsn=bsn if bsn.isdigit() and len(bsn) == 9 else "",
                omschrijving=omschrijving,
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            persoon = self.get_object(request, unquote(object_id))
            if persoon is not None:
                audit(
                    actor=request.user,
                    actie=AuditActie.BEKIJKEN,
                    persoon=persoon,
                    obj=persoon,
                    omschrijving="Beheer: persoon bekeken",
                )
        return response

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


# Issue 8 item 7: axes' login logs are evidence and stay. A beheerder may still delete an AccessAttempt:
# that is how an account is unblocked, and every login and failure is also in the audit trail.
admin.site.unregister(AccessLog)
admin.site.unregister(AccessFailureLog)


@admin.register(AccessLog)
class AccessLogAlleenLezenAdmin(AccessLogAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessFailureLog)
class AccessFailureLogAlleenLezenAdmin(AccessFailureLogAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


# --- Outbox (uitgaande e-mail): read-only, with a retry action -------------------------------------


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
