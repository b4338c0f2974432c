import csv
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from wi2021.constants import SoortInstelling
from wi2021.models import Instelling

DATA = Path(__file__).resolve().parents[2] / "data" / "instellingen.csv"


class Command(BaseCommand):
    help = (
        "Laadt de cursusinstellingen (Blik op Werk keurmerk) en erkende taalschakelinstellingen; idempotent. "
        "Instellingen die niet meer in het bestand staan worden inactief, nooit verwijderd."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA))

    @transaction.atomic
    def handle(self, *args, file, **options):
        with open(file, encoding="utf-8", newline="") as fh:
            rijen = {r["code"].strip(): r for r in csv.DictReader(fh, delimiter=";")}
        for code, rij in rijen.items():
            if rij["soort"] not in SoortInstelling.values:
                raise ValueError(f"Instelling {code}: onbekende soort {rij['soort']!r}.")
        bestaand = {i.code: i for i in Instelling.objects.all()}
        nieuw, gewijzigd = [], []
        for code, rij in rijen.items():
            waarden = {
                "naam": rij["naam"].strip(),
                "plaats": rij["plaats"].strip(),
                "soort": rij["soort"],
                "actief": True,
            }
            instelling = bestaand.get(code)
            if instelling is None:
                nieuw.append(Instelling(code=code, **waarden))
            elif any(getattr(instelling, k) != v for k, v in waarden.items()):
                for k, v in waarden.items():
                    setattr(instelling, k, v)
                gewijzigd.append(instelling)
        for code, instelling in bestaand.items():
            if code not in rijen and instelling.actief:
                instelling.actief = False
                gewijzigd.append(instelling)
        Instelling.objects.bulk_create(nieuw)
        Instelling.objects.bulk_update(gewijzigd, ["naam", "plaats", "soort", "actief"])
        self.stdout.write(
            f"Instellingen: {len(rijen)} in bestand, {len(nieuw)} nieuw, {len(gewijzigd)} bijgewerkt."
        )
