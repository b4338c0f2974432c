from django.core.management.base import BaseCommand, CommandError

from inburgering.ketenberichten import verwerk_regels


class Command(BaseCommand):
    help = "Verwerkt een bestand met ketenberichten (JSON lines); idempotent per bericht-id."

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="pad naar het .jsonl-bestand, of - voor standaardinvoer")

    def handle(self, *args, bestand: str, **options):
        if bestand == "-":
            import sys

            verslag = verwerk_regels(sys.stdin)
        else:
            try:
                with open(bestand, encoding="utf-8") as fh:
                    verslag = verwerk_regels(fh)
            except OSError as fout:
                raise CommandError(f"Kan {bestand} niet lezen: {fout.strerror}") from None
        for fout in verslag.fouten:
            self.stderr.write(fout)
        self.stdout.write(
            f"Verwerkt: {verslag.verwerkt}, al eerder verwerkt: {verslag.overgeslagen}, "
            f"fouten: {len(verslag.fouten)}."
        )
        if verslag.fouten:
            raise CommandError(f"{len(verslag.fouten)} regel(s) konden niet worden verwerkt.")
