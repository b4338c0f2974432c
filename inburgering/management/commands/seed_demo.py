import base64
import os
import time
from itertools import islice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries, transaction
from django.utils import timezone

from django_otp.plugins.otp_totp.models import TOTPDevice

from api.demo import applicatiesleutel_tonen
from inburgering import demo
from inburgering.bulk import bulk_invoegen, statistieken_bijwerken
from inburgering.demo import DEMO_GEBRUIKERS, demo_totp_sleutel, personen
from inburgering.models import Autorisatie, Gemeente, Persoon
from inburgering.registry import demo_aanvullingen

BATCH = 5000


class Command(BaseCommand):
    help = "Maakt een deterministische demo-dataset (gemeenten, gebruikers, personen); idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, default=2000, help="aantal personen (standaard 2000)")
        parser.add_argument("--seed", type=int, default=2021, help="zaad voor de toevalsgenerator")

    def handle(self, *args, persons: int, seed: int, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("seed_demo weigert te draaien met de productie-instellingen.")
        call_command("load_gemeenten", stdout=self.stdout)
        Gemeente.objects.filter(code__in=demo.DEMO_GEMEENTEN, iban="").update(iban="NL91ABNA0417164300")
        wachtwoord = os.environ.get("DEMO_PASSWORD") or "pib-demo"
        self._gebruikers(wachtwoord)
        gemeenten = list(
            Gemeente.objects.filter(actief=True).order_by("code").values_list("id", "code", "naam")
        )
        vandaag = timezone.localdate()
        stroom = personen(aantal=persons, seed=seed, gemeenten=gemeenten, vandaag=vandaag)
        for aanvulling in demo_aanvullingen():
            if aanvulling.begin:
                aanvulling.begin(persons, seed, vandaag)
        showcase = []
        voeding = demo.Voeding()
        start, klaar = time.monotonic(), 0
        while batch := list(islice(stroom, BATCH)):
            reset_queries()  # with DEBUG on, Django would keep every query of a million-person run
            showcase += [p for p in batch if p.rol]
            with transaction.atomic():
                # Same seed → same BSNs and facts: existing rows are left alone, so a re-run adds nothing.
                # The rows are the neutral starting state; what happened to each person since comes as
                # chain events through the services, so every signal agrees with the data (issue 9-8).
                ids = dict(
                    Persoon.objects.filter(bsn__in=[p.data["bsn"] for p in batch]).values_list("bsn", "id")
                )
                nieuw = bulk_invoegen(Persoon, (Persoon(**p.data) for p in batch if p.data["bsn"] not in ids))
                ids.update((p.bsn, p.pk) for p in nieuw)
                verhuizers = [(ids[p.data["bsn"]], p.data, p.verhuisd) for p in batch if p.verhuizing]
                for aanvulling in demo_aanvullingen():  # what happened before the move, in the old gemeente
                    if aanvulling.voor_verhuizing and verhuizers:
                        voeding.voed(aanvulling.voor_verhuizing(verhuizers, seed, vandaag) or ())
                voeding.voed(p.verhuizing for p in batch if p.verhuizing)
                met_id = [(ids[p.data["bsn"]], p.na_verhuizing(), p.verhaal) for p in batch]
                for aanvulling in demo_aanvullingen():  # law data and its events, from the apps that own them
                    voeding.voed(aanvulling.per_batch(met_id, seed, vandaag) or ())
                voeding.voed(p.einde for p in batch if p.einde)
            klaar += len(batch)
            if klaar % 100_000 == 0:  # a long run says where it is
                self.stderr.write(f"  {klaar} personen, {time.monotonic() - start:.0f} s")
        duur = {"personen en ketenberichten": time.monotonic() - start}
        if persons > BATCH:  # a bulk load: the daily rules below plan their queries on fresh statistics
            start = time.monotonic()
            statistieken_bijwerken()
            duur["statistieken"] = time.monotonic() - start
        for aanvulling in demo_aanvullingen():  # e.g. the daily deadline rules over the new data
            if aanvulling.afronden:
                start = time.monotonic()
                aanvulling.afronden(seed, vandaag)
                duur[f"afronden {aanvulling.naam}"] = time.monotonic() - start
                if persons >= BATCH:  # a long run says where it is
                    self.stderr.write(
                        f"  afronden {aanvulling.naam}: {duur[f'afronden {aanvulling.naam}']:.0f} s"
                    )
        start = time.monotonic()
        documenten = demo.documenten_uploaden()
        gebouwd = demo.extracten_bouwen(vandaag)
        duur["nachtelijke bestanden"] = time.monotonic() - start
        self.stdout.write(
            f"Personen: {persons} gegenereerd (seed {seed}); in de database nu {Persoon.objects.count()} personen"
            + "".join(f", {a.samenvatting()}" for a in demo_aanvullingen())
            + "."
        )
        self.stdout.write(
            f"Ketenberichten: {voeding.toegepast} toegepast, {voeding.overgeslagen} al eerder toegepast"
            + (f", {len(voeding.fouten)} geweigerd" if voeding.fouten else "")
            + f". Nachtelijke bestanden gebouwd voor {gebouwd} demo-gemeente(n)"
            + f", {documenten} demonstratiedocument(en) geüpload."
        )
        for fout in voeding.fouten[:10]:
            self.stderr.write(f"  {fout}")
        self.stdout.write("Duur: " + ", ".join(f"{stap} {sec:.1f} s" for stap, sec in duur.items()) + ".")
        self.stdout.write(
            "\nDemo-gebruikers (wachtwoord: "
            + ("$DEMO_PASSWORD" if "DEMO_PASSWORD" in os.environ else "pib-demo")
            + "):"
        )
        self.stdout.write("  medewerker  alle vijf rollen voor Groningen (0014)")
        self.stdout.write("  raadpleger  de drie raadpleegrollen voor Groningen (0014)")
        self.stdout.write("  helpdesk    alle rollen voor alle gemeenten")
        self.stdout.write("  beheerder   beheer (Django admin op /beheer/)")
        if settings.PIB_TWEE_FACTOR:
            # The demo users' apps are linked in advance, so they skip the activation code a beheerder
            # issues to every other user (Gebruikers > actie "Activatiecode tweede factor uitgeven").
            self.stdout.write(
                "\nTweede factor (A-9): de demo-gebruikers hebben al een gekoppelde app met deze TOTP-sleutel"
                " (voer hem in een authenticator-app in):"
            )
            for username in DEMO_GEBRUIKERS:
                sleutel = base64.b32encode(bytes.fromhex(demo_totp_sleutel(username))).decode()
                self.stdout.write(f"  {username:<11} {sleutel}")
        applicatiesleutel_tonen(self.stdout)  # api/demo.py: the CVS key of the machine coupling (issue 13)
        if showcase:
            self.stdout.write("\nVoorbeeld-BSN's voor 'Onder welke wet valt een persoon':")
            for persoon in showcase:
                self.stdout.write(f"  {persoon.data['bsn']}  {persoon.rol}")

    @transaction.atomic
    def _gebruikers(self, wachtwoord: str) -> None:
        User = get_user_model()
        codes = {code for _, code, _ in DEMO_GEBRUIKERS.values() if code}
        per_code = {g.code: g for g in Gemeente.objects.filter(code__in=codes)}
        for username, (rollen, code, superuser) in DEMO_GEBRUIKERS.items():
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = user.is_superuser = superuser
            user.set_password(wachtwoord)
            user.save()
            # A fixed TOTP key per demo user, so the second factor can be shown with any authenticator app.
            TOTPDevice.objects.update_or_create(
                user=user, name="Demo-app", defaults={"key": demo_totp_sleutel(username), "confirmed": True}
            )
            gemeente = per_code.get(code) if code else None
            for rol in rollen:
                Autorisatie.objects.get_or_create(user=user, gemeente=gemeente, rol=rol)
