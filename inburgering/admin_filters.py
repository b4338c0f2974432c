"""Free-text admin filters: listing every distinct user or BSN of a national audit trail is not an option."""

from django.contrib import admin


class InputFilter(admin.SimpleListFilter):
    template = "admin/input_filter.html"
    field: str = ""

    def lookups(self, request, model_admin):
        return ((None, None),)  # a filter without lookups is not shown at all

    def queryset(self, request, queryset):
        waarde = (self.value() or "").strip()
        return queryset.filter(**{self.field: waarde}) if waarde else queryset

    def choices(self, changelist):
        """Only the "Alle" choice, carrying the other active filters along as hidden fields."""
        alle = next(super().choices(changelist))
        alle["query_parts"] = [
            (key, value)
            for key, values in changelist.get_filters_params().items()
            if key != self.parameter_name
            for value in (values if isinstance(values, list) else [values])
        ]
        yield alle


class GebruikerFilter(InputFilter):
    title = "gebruiker"
    parameter_name = "gebruiker"
    field = "gebruiker"


class GemeenteCodeFilter(InputFilter):
    title = "gemeentecode"
    parameter_name = "gemeente"
    field = "gemeente_code"


class BsnFilter(InputFilter):
    title = "BSN"
    parameter_name = "bsn"
    field = "bsn"
