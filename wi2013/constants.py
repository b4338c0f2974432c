"""Value lists of the Wi2013 PVT, MB and factuur (seed 000 §4.4, §4.5, §5.4)."""

from django.db import models


class RedenNietVoldaan(models.TextChoices):
    # Labels as seed 000 §4.5 writes them in the edit screen.
    WEIGERT_DEELNAME = "1", "Persoon weigert deel te nemen aan het PV-traject"
    WEIGERT_ONDERTEKENING = "2", "Persoon heeft wel deelgenomen maar weigert de verklaring te ondertekenen"
    REAGEERT_NIET = "3", "Persoon reageert niet op uitnodiging van de gemeente voor deelname aan PVT"
    NIET_OPGEKOMEN = (
        "4",
        (
            "Persoon is wel begonnen aan PV-traject maar is zonder reden niet op komen dagen bij de inleiding in de "
            "kernwaarden en/of bij de ondertekening"
        ),
    )
    GEEN_AANBOD = "5", "Gemeente kon binnen de PV-termijn geen PV-traject aanbieden"
    ZIEKTE = "6", "Bijzondere omstandigheden - Ziekte"
    DETENTIE = "7", "Bijzondere omstandigheden - Detentie"
    OVERMACHT = "8", "Bijzondere omstandigheden - Overmacht"


class FactuurStatus(models.TextChoices):
    AFGEWEZEN = "1", "Factuur afgewezen"
    OPGENOMEN = "2", "Factuur opgenomen"
    LENING_IN_BEHANDELING = "3", "Aanvraag lening nog in behandeling"
    VRIJGEGEVEN = "4", "Factuur vrijgegeven"
    BETAALD = "5", "Factuur betaald"


# The legend of "PVT extract" column V adds code 6 for a factuur the inburgeraar refused in Mijn Inburgering
# (Factuur.geaccepteerd = False), which DUO's status field does not hold; the Factuur tab shows the same.
FACTUUR_GEWEIGERD = "6"
STATUS_TEKSTEN = {**dict(FactuurStatus.choices), FACTUUR_GEWEIGERD: "Factuur geweigerd"}


def factuurstatus(status: str | None, geaccepteerd: bool | None) -> str:
    """The status code shown on the Factuur tab and in column V: 6 once refused, else DUO's status."""
    if geaccepteerd is False:
        return FACTUUR_GEWEIGERD
    return status or ""


FACTUURBEDRAG = 150  # euro, always (seed 000 §4.4): not editable
