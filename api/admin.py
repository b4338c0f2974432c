"""Beheer: a beheerder issues an applicatiesleutel (shown once), extends it, or revokes it; each through
`api.services`, so each is in the audit trail."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from rest_framework_api_key.models import APIKey

from inburgering.constants import Rol

from . import services
from .models import Applicatiesleutel

# The library's own key model is not used: ours carries the gemeente and the roles.
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


class UitgevenForm(forms.ModelForm):
    rollen = forms.MultipleChoiceField(
        label="Rollen", choices=Rol.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Applicatiesleutel
        fields = ["name", "gemeente", "rollen", "expiry_date"]


@admin.register(Applicatiesleutel)
class ApplicatiesleutelAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "gemeente",
        "prefix",
        "rollen",
        "created",
        "expiry_date",
        "_has_expired",
        "revoked",
    ]
    list_filter = ["revoked", "created"]
    search_fields = ["name", "prefix", "gemeente__naam", "=gemeente__code"]
    autocomplete_fields = ["gemeente"]
    actions = ["intrekken"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = UitgevenForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "gemeente", "rollen", "expiry_date"]
        return [
            "name",
            "gemeente",
            "rollen",
            "prefix",
            "created",
            "aangemaakt_door",
            "expiry_date",
            "revoked",
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        vast = ["name", "gemeente", "rollen", "prefix", "created", "aangemaakt_door", "revoked"]
        return vast if not obj.revoked else [*vast, "expiry_date"]

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: the audit trail names it

    def save_model(self, request, obj, form, change):
        if change:
            services.geldigheid_wijzigen(
                actor=request.user, sleutel=obj, geldig_tot=form.cleaned_data["expiry_date"]
            )
            return
        try:
            sleutel, tekst = services.sleutel_uitgeven(
                actor=request.user, naam=obj.name, gemeente=obj.gemeente, rollen=form.cleaned_data["rollen"],
                geldig_tot=form.cleaned_data["expiry_date"],
            )  # fmt: skip
        except ValidationError as fout:
            raise ValueError(fout) from fout  # the form's own clean() already ran the same checks
        obj.pk, request._pib_uitgegeven = sleutel.pk, (sleutel, tekst)

    def response_add(self, request, obj, post_url_continue=None):
        sleutel, tekst = request._pib_uitgegeven
        context = {**self.admin_site.each_context(request), "title": "Applicatiesleutel uitgegeven",
                   "sleutel": sleutel, "tekst": tekst, "opts": self.model._meta}  # fmt: skip
        return TemplateResponse(request, "admin/api/applicatiesleutel/uitgegeven.html", context)

    @admin.action(description="Intrekken (onomkeerbaar)", permissions=["change"])
    def intrekken(self, request, queryset):
        for sleutel in queryset:
            services.sleutel_intrekken(actor=request.user, sleutel=sleutel)
        self.message_user(request, f"{queryset.count()} applicatiesleutel(s) ingetrokken.", messages.SUCCESS)
