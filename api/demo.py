"""The demo's applicatiesleutel (seed_demo only): Groningen, all five roles, the same key on every run.

Like the demo users' TOTP keys it is derived, here from the demo password (DEMO_PASSWORD or the default),
so re-running `make run` neither piles up keys nor changes the one a CVS developer already configured.
"""

import hashlib
import os
from datetime import date, timedelta

from django.utils import timezone

from inburgering.constants import Rol, Wet
from inburgering.models import Gemeente, Persoon

from .models import Applicatiesleutel

NAAM = "CVS Groningen (demo)"
PREFIX = "pibdemo1"


def demo_sleutel() -> str:
    wachtwoord = os.environ.get("DEMO_PASSWORD") or "pib-demo"
    return f"{PREFIX}.{hashlib.sha256(f'pib-demo-applicatiesleutel:{wachtwoord}'.encode()).hexdigest()[:32]}"


def applicatiesleutel_tonen(stdout) -> str:
    tekst = demo_sleutel()
    hash_ = Applicatiesleutel.objects.key_generator.hash(tekst)
    # Another demo password, or a beheerder revoked it (which cannot be undone): issue it afresh.
    Applicatiesleutel.objects.filter(name=NAAM).exclude(hashed_key=hash_, revoked=False).delete()
    Applicatiesleutel.objects.update_or_create(
        name=NAAM,
        defaults={"expiry_date": timezone.now() + timedelta(days=365)},
        create_defaults={"id": f"{PREFIX}.{hash_}", "prefix": PREFIX, "hashed_key": hash_,
                         "gemeente": Gemeente.objects.get(code="0014"), "rollen": list(Rol.values),
                         "aangemaakt_door": "seed_demo", "expiry_date": timezone.now() + timedelta(days=365)},
    )  # fmt: skip
    stdout.write(
        f"\nApplicatiesleutel voor de machinekoppeling (Groningen, alle rollen; zie docs/api.md):\n  {tekst}\n"
        f"  curl -H 'Authorization: Applicatiesleutel {tekst}' http://127.0.0.1:8000/api/v1/downloads/"
    )
    if gevonden := _wi2013_persoon():
        bsn, start = gevonden
        # The PVT rules refuse dates before the PVT-plicht started: say which dates the example may use.
        stdout.write(f"\n  Wi2013-persoon in Groningen zonder PVT-registratie, om mee te proberen: BSN {bsn} "
                     f"(PVT-plicht vanaf {start:%Y-%m-%d}; datums van die dag tot en met vandaag)")  # fmt: skip
    return tekst


def _wi2013_persoon() -> tuple[str, date] | None:
    """A person whose PVT a CVS can register today (README walk-through), with the start of the PVT-plicht."""
    return (
        Persoon.objects.filter(wet=Wet.WI2013, woongemeente__code="0014", datum_overlijden__isnull=True,
                               wi2013__datum_voldaan__isnull=True, wi2013__reden_niet_voldaan="",
                               wi2013__definitief=False, wi2013__datum_start_pvt_plicht__lte=timezone.localdate())
        .order_by("bsn").values_list("bsn", "wi2013__datum_start_pvt_plicht").first()
    )  # fmt: skip
