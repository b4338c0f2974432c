"""Build one extract for one gemeente: a zip on disk plus its Downloadbestand row, then rotate.

The CSV (or workbook) streams from the law's row iterator through the zip entry into a temp file, so memory
stays constant however large the gemeente (DESIGN rule 9). The temp file lands under its final
name with `os.replace` (atomic on one filesystem): a download in progress never sees half a zip.
"""

import logging
import os
import tempfile
import zipfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import Downloadbestand, Gemeente
from .csv import schrijf_csv
from .registry import Extract
from .xlsx import schrijf_xlsx

logger = logging.getLogger(__name__)

DOWNLOADS_MAP = "downloads"


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def bestandspad(bestand: Downloadbestand) -> Path:
    """Absolute path of a stored file; refuses anything outside MEDIA_ROOT/downloads (defence in depth)."""
    basis = (media_root() / DOWNLOADS_MAP).resolve()
    pad = (media_root() / bestand.pad).resolve()
    if not pad.is_relative_to(basis):
        raise ValueError(f"Downloadbestand {bestand.pk} wijst buiten de downloadmap: {bestand.pad!r}")
    return pad


def _schrijf_zip(doel: Path, *, extract: Extract, naam: str, gemeente: Gemeente, peildatum: date) -> int:
    """Write the zip to `doel`; return the number of data rows."""
    # No force_zip64: a per-gemeente file stays far below 2 GiB and plain zip opens everywhere
    # (Windows Explorer included); zipfile raises loudly should that ever change.
    with zipfile.ZipFile(doel, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open(naam, "w") as entry:
            rijen = extract.rijen(gemeente, peildatum)
            if extract.formaat == "xlsx":
                blad = extract.titel_voor(peildatum).removesuffix(" in excel formaat")
                rijen = schrijf_xlsx(entry, extract.kolommen, rijen, blad=blad, legenda=extract.legenda)
            else:
                rijen = schrijf_csv(entry, extract.kolommen, rijen)
        if extract.legenda:
            # BOM + CRLF: Notepad and Excel on the caseworker's PC show it correctly.
            legenda = extract.legenda.replace("\r\n", "\n").replace("\n", "\r\n")
            zf.writestr("legenda.txt", "\ufeff".encode() + legenda.encode("utf-8"))
    return rijen


def bouw_extract(*, extract: Extract, gemeente: Gemeente, peildatum: date) -> Downloadbestand:
    """Build (or rebuild) `extract` for `gemeente` with data up to and including `peildatum`.

    Idempotent: the same extract, gemeente and peildatum yields the same file name, so a rerun
    replaces that file and updates its row instead of adding one.
    """
    zipnaam = extract.zipnaam(gemeentecode=gemeente.code, peildatum=peildatum)
    naam = extract.inhoudnaam(gemeentecode=gemeente.code, peildatum=peildatum)
    relatief = Path(DOWNLOADS_MAP) / gemeente.code / zipnaam
    doel = media_root() / relatief
    doel.parent.mkdir(parents=True, exist_ok=True)

    # The temp file sits next to the target so os.replace stays on one filesystem (atomic).
    fd, tijdelijk_naam = tempfile.mkstemp(prefix=f".{zipnaam}.", suffix=".part", dir=doel.parent)
    os.close(fd)
    tijdelijk = Path(tijdelijk_naam)
    # mkstemp makes it 0600; web and worker may run as different users of one group.
    tijdelijk.chmod(0o640)
    try:
        # The long part (streaming the rows) runs outside any transaction or lock.
        rijen = _schrijf_zip(tijdelijk, extract=extract, naam=naam, gemeente=gemeente, peildatum=peildatum)
        grootte = tijdelijk.stat().st_size
        with transaction.atomic():
            # Serialise builders of this gemeente (a retry racing the original run): the file swap,
            # the row and the rotation then happen as one step, so file and row always agree.
            Gemeente.objects.select_for_update().only("id").get(pk=gemeente.pk)
            os.replace(tijdelijk, doel)
            bestand = _bewaar_rij(
                extract=extract,
                gemeente=gemeente,
                peildatum=peildatum,
                zipnaam=zipnaam,
                pad=relatief.as_posix(),
                rijen=rijen,
                grootte=grootte,
            )
            _roteer(extract=extract, gemeente=gemeente)
    finally:
        tijdelijk.unlink(missing_ok=True)  # only still there if something failed before os.replace
    logger.info(
        "Extract %s gebouwd voor %s (%s): %d rijen, %d bytes",
        extract.sleutel,
        gemeente.code,
        peildatum,
        rijen,
        grootte,
    )
    return bestand


def _bewaar_rij(
    *,
    extract: Extract,
    gemeente: Gemeente,
    peildatum: date,
    zipnaam: str,
    pad: str,
    rijen: int,
    grootte: int,
) -> Downloadbestand:
    velden = {
        "wet": extract.wet,
        "bestandsnaam": zipnaam,
        "pad": pad,
        "rijen": rijen,
        "grootte": grootte,
        # A rebuild counts as new: the page shows when the file was last made.
        "aangemaakt_op": timezone.now(),
    }
    bestaande = list(
        Downloadbestand.objects.filter(
            gemeente=gemeente, extract=extract.sleutel, peildatum=peildatum
        ).order_by("id")
    )
    if not bestaande:
        return Downloadbestand.objects.create(
            gemeente=gemeente, extract=extract.sleutel, peildatum=peildatum, **velden
        )
    bestand, *dubbel = bestaande
    for veld, waarde in velden.items():
        setattr(bestand, veld, waarde)
    bestand.save(update_fields=list(velden))
    if dubbel:  # cannot happen under the lock; cleans up rows from before it existed
        Downloadbestand.objects.filter(pk__in=[d.pk for d in dubbel]).delete()
    return bestand


def _roteer(*, extract: Extract, gemeente: Gemeente) -> None:
    """Keep the newest `extract.bewaren` files of this gemeente + extract; delete the rest, rows and files."""
    rijen = list(
        Downloadbestand.objects.filter(gemeente=gemeente, extract=extract.sleutel)
        .order_by("-peildatum", "-aangemaakt_op", "-id")
        .values_list("id", "pad")
    )
    bewaard, weg = rijen[: extract.bewaren], rijen[extract.bewaren :]
    if not weg:
        return
    Downloadbestand.objects.filter(pk__in=[pk for pk, _ in weg]).delete()
    in_gebruik = {pad for _, pad in bewaard}
    paden = [pad for _, pad in weg if pad not in in_gebruik]
    # Files go only once the row deletion is committed: a rollback must not leave rows without files.
    transaction.on_commit(lambda: _verwijder_bestanden(paden))


def _verwijder_bestanden(paden: list[str]) -> None:
    basis = (media_root() / DOWNLOADS_MAP).resolve()
    for relatief in paden:
        pad = (media_root() / relatief).resolve()
        if not pad.is_relative_to(basis):
            logger.warning("Niet verwijderd, buiten de downloadmap: %s", relatief)
            continue
        try:
            pad.unlink(missing_ok=True)
        except OSError:
            # A file that cannot be removed now is harmless; it no longer appears on the page.
            logger.exception("Oud downloadbestand niet verwijderd: %s", relatief)
