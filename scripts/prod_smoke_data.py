"""Data for scripts/prod_smoke.sh, run by `manage.py shell` as the application's database role: a user with
all roles for Groningen and a confirmed TOTP device, and a Wi2007 person. Writes a JSON file for the client."""

import json
import os
from datetime import date

from django.contrib.auth import get_user_model

from django_otp.plugins.otp_totp.models import TOTPDevice

from inburgering import services
from inburgering.constants import Geslacht, Rol, Wet
from inburgering.models import Autorisatie, Gemeente
from wi2007.models import Wi2007Persoon

groningen = Gemeente.objects.get(code="0014")
gebruiker = get_user_model().objects.create_user("smoke", password=os.environ["SMOKE_PASSWORD"])
for rol in Rol.values:
    Autorisatie.objects.create(user=gebruiker, gemeente=groningen, rol=rol)
device = TOTPDevice.objects.create(user=gebruiker, name="Authenticator-app", confirmed=True)
persoon = services.persoon_inschrijven(
    actor=gebruiker,
    data={"bsn": "111222333", "voornamen": "Ayşe", "achternaam": "Yılmaz", "geslacht": Geslacht.VROUW,
          "geboortedatum": date(1980, 5, 17), "woongemeente": groningen, "wet": Wet.WI2007},
)  # fmt: skip
Wi2007Persoon.objects.create(persoon=persoon, gehandhaafd=True, begin_handhaving=date(2010, 1, 1))
with open(os.environ["SMOKE_DATA"], "w") as fh:
    json.dump({"username": "smoke", "totp_key": device.key, "persoon": persoon.pk, "bsn": persoon.bsn}, fh)
