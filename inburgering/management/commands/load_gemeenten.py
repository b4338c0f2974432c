import csv
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from inburgering.models import Gemeente

DATA = Path(__file__).resolve().parents[2] / "data" / "gemeenten.csv"


class Command(BaseCommand):
    help = "Laadt alle Nederlandse gemeenten (CBS-gemeentecode en naam); idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA))

    @transaction.atomic
    def handle(self, *args, file, **options):
        with open(file, encoding="utf-8", newline="") as fh:
            rows = {row["code"].zfill(4): row["naam"].strip() for row in csv.DictReader(fh, delimiter=";")}
        bestaand = {g.code: g for g in Gemeente.objects.all()}
        nieuw = [Gemeente(code=code, naam=naam) for code, naam in rows.items() if code not in bestaand]
        Gemeente.objects.bulk_create(nieuw)
        gewijzigd = []
        for code, gemeente in bestaand.items():
            naam, actief = rows.get(code, gemeente.naam), code in rows
            if (gemeente.naam, gemeente.actief) != (naam, actief):
                gemeente.naam, gemeente.actief = naam, actief
                gewijzigd.append(gemeente)
        Gemeente.objects.bulk_update(gewijzigd, ["naam", "actief"])
        self.stdout.write(
            f"Gemeenten: {len(rows)} in bestand, {len(nieuw)} nieuw, {len(gewijzigd)} bijgewerkt."
        )
