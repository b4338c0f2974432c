"""Benchmark of the weekly contactpersoon e-mail (Wi2021 D-27) on PostgreSQL + Redis.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pib_bench CELERY_BROKER_URL=redis://127.0.0.1:6379/3 \\
        DJANGO_SETTINGS_MODULE=pib.settings.test .venv/bin/python scripts/bench_weekmail.py [--aantal 10000]

It migrates the database, replaces its benchmark data (gemeenten 8000+, each with an algemeen
contactpersoon and unlinked persons; per contactpersoon two linked persons with three new signals), then
times `weekmail_versturen` — aggregation plus queuing one outbox row per contactpersoon and dispatching it
to Redis — and, with --versturen, a real worker process sending every mail (to the locmem backend of the test settings).
Target: the run under 60 s for 10 000 contactpersonen, one mail each. Use a database of its own: the script
deletes the previous benchmark's rows.
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pib.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from inburgering.constants import Wet  # noqa: E402
from inburgering.models import Gemeente, MailStatus, Persoon, UitgaandeMail  # noqa: E402
from pib.celery import app  # noqa: E402
from signalen.models import Signaal  # noqa: E402
from wi2021 import mails_contactpersonen as mails  # noqa: E402
from wi2021.constants import Doelgroep  # noqa: E402
from wi2021.models import Contactpersoon, Inburgeringsplicht, Koppeling, Mailronde  # noqa: E402

CODES = ("SS101", "SS102", "SS103", "SS120", "SS126", "SS139")
BSN_BASIS = 700_000_000
CHUNK = 5000


def bsn(n: int) -> str:
    """The first 9-digit number from BSN_BASIS + n on that passes the elfproef."""
    while True:
        kandidaat = f"{BSN_BASIS + n:09d}"
        if sum(int(c) * w for c, w in zip(kandidaat, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True)) % 11 == 0:
            return kandidaat
        n += 1


def bsns(aantal: int) -> list[str]:
    uit, n = [], 0
    while len(uit) < aantal:
        b = bsn(n)
        uit.append(b)
        n = int(b) - BSN_BASIS + 1
    return uit


def opruimen() -> None:
    gemeenten = Gemeente.objects.filter(code__startswith="8")
    Mailronde.objects.all().delete()
    UitgaandeMail.objects.filter(sleutel__startswith="wi2021-").delete()
    Signaal.objects.filter(feit__startswith="bench:").delete()
    Koppeling.objects.filter(gemeente__in=gemeenten).delete()
    Contactpersoon.objects.filter(gemeente__in=gemeenten).delete()
    Persoon.objects.filter(bsn__startswith="7").delete()


def opbouwen(aantal: int, per_gemeente: int) -> int:
    n_gemeenten = max(1, aantal // per_gemeente)
    gemeenten = [
        Gemeente.objects.get_or_create(code=f"{8000 + i:04d}", defaults={"naam": f"Benchgemeente {i}"})[0]
        for i in range(n_gemeenten)
    ]
    ongekoppeld_per_gemeente = 10
    nummers = bsns(aantal * 2 + n_gemeenten * ongekoppeld_per_gemeente)
    personen = [
        Persoon(bsn=b, voornamen="Bench", achternaam=f"Persoon{i}", woongemeente=gemeenten[(i // 2) % n_gemeenten],
                wet=Wet.WI2021)
        for i, b in enumerate(nummers)
    ]  # fmt: skip
    # the last ones are the unlinked persons; give them gemeenten round robin
    for j, p in enumerate(personen[aantal * 2 :]):
        p.woongemeente = gemeenten[j % n_gemeenten]
    personen = Persoon.objects.bulk_create(personen, batch_size=CHUNK)
    Inburgeringsplicht.objects.bulk_create(
        (Inburgeringsplicht(persoon=p, datum_start=timezone.localdate(), doelgroep=Doelgroep.ASIELSTATUSHOUDER)
         for p in personen), batch_size=CHUNK,
    )  # fmt: skip
    cps = Contactpersoon.objects.bulk_create(
        (Contactpersoon(gemeente=gemeenten[i % n_gemeenten], naam=f"Contact {i}", email=f"contact{i}@bench.nl",
                        algemeen=i < n_gemeenten)
         for i in range(aantal)), batch_size=CHUNK,
    )  # fmt: skip
    # Contactpersoon i (gemeente i mod n) gets persons 2i and 2i+1, who live in that gemeente too.
    koppelingen = [
        Koppeling(persoon=p, gemeente_id=cp.gemeente_id, contactpersoon=cp)
        for i, cp in enumerate(cps)
        for p in personen[2 * i : 2 * i + 2]
    ]
    Koppeling.objects.bulk_create(koppelingen, batch_size=CHUNK)
    signalen = []
    for i, p in enumerate(personen):
        for j in range(3 if i < aantal * 2 else 1):
            signalen.append(Signaal(wet=Wet.WI2021, code=CODES[(i + j) % len(CODES)], persoon=p,
                                    persoon_bsn=p.bsn, persoon_achternaam=p.achternaam,
                                    gemeente_id=p.woongemeente_id, datum=timezone.localdate(),
                                    feit=f"bench:{p.pk}:{j}"))  # fmt: skip
    Signaal.objects.bulk_create(signalen, batch_size=CHUNK)
    _, tot = mails.week_periode(timezone.now())
    Signaal.objects.filter(feit__startswith="bench:").update(aangemaakt_op=tot - timedelta(hours=1))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return len(signalen)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--aantal", type=int, default=10_000, help="contactpersonen (default 10 000)")
    parser.add_argument("--per-gemeente", type=int, default=50)
    parser.add_argument("--versturen", action="store_true", help="also time a worker sending every mail")
    args = parser.parse_args()
    if connection.vendor != "postgresql" or not os.environ.get("CELERY_BROKER_URL", "").startswith(
        "redis://"
    ):
        sys.exit("Zet DATABASE_URL (PostgreSQL) en CELERY_BROKER_URL (redis://…).")
    app.conf.update(broker_url=os.environ["CELERY_BROKER_URL"], task_always_eager=False, result_backend=None)
    call_command("migrate", verbosity=0)
    begin = time.perf_counter()
    opruimen()
    n_signalen = opbouwen(args.aantal, args.per_gemeente)
    print(
        f"opbouw: {args.aantal} contactpersonen, {n_signalen} signalen in {time.perf_counter() - begin:.1f} s"
    )
    with app.connection_for_write() as conn:
        app.control.purge(connection=conn)

    begin = time.perf_counter()
    aantal = mails.weekmail_versturen()
    duur = time.perf_counter() - begin
    sleutels = UitgaandeMail.objects.filter(sleutel__startswith="wi2021-signalen-")
    print(f"weekmail_versturen: {aantal} mails in de wachtrij in {duur:.1f} s (doel < 60 s)")
    assert sleutels.count() == args.aantal == aantal, (sleutels.count(), aantal)
    ronde = Mailronde.objects.get()
    assert ronde.voltooid_op is not None and ronde.aantal_mails == args.aantal
    begin = time.perf_counter()
    assert mails.weekmail_versturen() == 0
    print(f"tweede run: 0 mails in {time.perf_counter() - begin:.2f} s")

    if args.versturen:
        omgeving = dict(os.environ)  # the test settings' locmem backend: nothing leaves the machine
        begin = time.perf_counter()
        werker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "pib", "worker", "--pool", "prefork", "--concurrency", "2",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "WARNING"],
            cwd=ROOT, env=omgeving,
        )  # fmt: skip
        try:
            while sleutels.exclude(status=MailStatus.VERZONDEN).exists():
                time.sleep(1)
        finally:
            werker.terminate()
            werker.wait(timeout=60)
        print(
            f"verzonden door een werker (2 processen): {args.aantal} mails in {time.perf_counter() - begin:.1f} s"
        )


if __name__ == "__main__":
    main()
