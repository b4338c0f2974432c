"""S-5: the POST of "Selecteren signalen", parsed before the service sees it."""

import re

from django import forms

GEEN_SELECTIE = "Selecteer ten minste één signaal."
ONGELDIGE_SELECTIE = (
    "De selectie bevat een ongeldig signaalnummer. Laad de lijst opnieuw en probeer het nog eens."
)


class SignaalnummersVeld(forms.Field):
    """Ids of checkboxes/hidden fields: ASCII digits that fit a bigint, duplicates dropped.

    `str.isdigit` accepts '²³' and int() then fails; a 25-digit id overflows the database column."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": ONGELDIGE_SELECTIE}

    def to_python(self, value) -> list[int]:
        waarden = [value] if isinstance(value, str) else list(value or [])
        if not all(isinstance(w, str) and re.fullmatch(r"[0-9]{1,18}", w) for w in waarden):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return list(dict.fromkeys(int(w) for w in waarden))


class StatusWijzigenForm(forms.Form):
    """The ticked signals, or every signal of the page ("alle_op_pagina"), and the chosen status.

    The status itself is checked by `services.signalen_status_wijzigen`, the one place of that rule."""

    signaal = SignaalnummersVeld(required=False)
    op_pagina = SignaalnummersVeld(required=False)
    alle_op_pagina = forms.BooleanField(required=False)
    status = forms.CharField(required=False)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        cleaned["ids"] = cleaned["op_pagina"] if cleaned["alle_op_pagina"] else cleaned["signaal"]
        if not cleaned["ids"]:
            raise forms.ValidationError(GEEN_SELECTIE, code="geen_selectie")
        return cleaned

    def eerste_fout(self) -> str:
        return next(iter(m for fouten in self.errors.values() for m in fouten))
