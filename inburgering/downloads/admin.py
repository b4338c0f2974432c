"""Beheer uploads the fixed documents of "Downloaden bestanden": one for all gemeenten, or one per gemeente for
a document a law declares `per_gemeente` (the law apps register them from their ready())."""

from django import forms
from django.contrib import admin
from django.db import transaction

from .models import Downloaddocument
from .registry import alle_documenten, document


class DownloaddocumentForm(forms.ModelForm):
    # Only the documents a law offers: a free text key would never appear on the page.
    document = forms.ChoiceField(label="Document", choices=())

    class Meta:
        model = Downloaddocument
        fields = ["document", "gemeente", "bestand", "datum"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [(d.sleutel, f"{d.titel} ({d.wet})") for d in alle_documenten()]
        formaten = sorted({f for d in alle_documenten() for f in d.formaten})
        self.fields["bestand"].widget.attrs["accept"] = ",".join(f".{f}" for f in formaten)


@admin.register(Downloaddocument)
class DownloaddocumentAdmin(admin.ModelAdmin):
    form = DownloaddocumentForm
    list_display = [
        "__str__",
        "wet",
        "gemeente",
        "formaat",
        "datum",
        "grootte",
        "geupload_op",
        "geupload_door",
    ]
    list_filter = ["document"]
    list_select_related = ["gemeente"]
    search_fields = ["gemeente__naam", "gemeente__code"]
    autocomplete_fields = ["gemeente"]
    readonly_fields = ["formaat", "grootte", "geupload_op", "geupload_door"]

    @admin.display(description="wet")
    def wet(self, obj):
        soort = document(obj.document)
        return soort.wet if soort else "-"

    def save_model(self, request, obj, form, change):
        vorige = None
        if change and "bestand" in form.changed_data:
            vorige = Downloaddocument.objects.get(pk=obj.pk).bestand.name
        obj.grootte = obj.bestand.size
        obj.geupload_door = request.user.get_username()
        super().save_model(request, obj, form, change)
        if vorige and vorige != obj.bestand.name:
            # The replaced file goes only once the new one is committed.
            _verwijder_na_commit(obj.bestand.storage, [vorige])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _verwijder_na_commit(obj.bestand.storage, [obj.bestand.name])

    def delete_queryset(self, request, queryset):
        namen = [d.bestand.name for d in queryset]
        storage = Downloaddocument._meta.get_field("bestand").storage
        super().delete_queryset(request, queryset)
        _verwijder_na_commit(storage, namen)


def _verwijder_na_commit(storage, namen: list[str]) -> None:
    """Files go only once the row change is committed: a rollback must not leave a row without its file."""
    transaction.on_commit(lambda: [storage.delete(naam) for naam in namen if naam])
