"""Benchmark (not a test): one gemeente with N signals on PostgreSQL.

Measures the first page of "Selecteren signalen" (queries, time) and the nightly signal extract
(time, peak RSS) in a fresh process. Usage:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pib_bench .venv/bin/python scripts/bench_signalen.py [N]
"""

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pib.settings.dev")
N = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000


def zorg_voor_database() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    naam = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone():
            conn.execute(f'CREATE DATABASE "{naam}"')


def vul(n: int):
    import random
    from datetime import date, timedelta

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from inburgering.constants import Rol
    from inburgering.demo import bsn_uit
    from inburgering.models import Autorisatie, Gemeente, Persoon
    from signalen.catalogus import catalogus
    from signalen.models import Signaal

    call_command("migrate", verbosity=0)
    call_command("load_gemeenten", verbosity=0)
    groningen = Gemeente.objects.get(code="0014")
    user, _ = get_user_model().objects.get_or_create(username="bench")
    for rol in Rol.values:
        Autorisatie.objects.get_or_create(user=user, gemeente=groningen, rol=rol)
    bestaand = Signaal.objects.filter(gemeente=groningen, wet="WI2021").count()
    if bestaand >= n:
        return user
    rng, gebruikt = random.Random(1), set(Persoon.objects.values_list("bsn", flat=True))
    personen = [Persoon(bsn=bsn_uit(rng, gebruikt), achternaam=f"Achternaam{i:06d}", woongemeente=groningen,
                        wet="WI2021") for i in range(n // 5)]  # fmt: skip
    Persoon.objects.bulk_create(personen, batch_size=5000)
    sleutels = {
        pk: (bsn, naam)
        for pk, bsn, naam in Persoon.objects.filter(woongemeente=groningen, wet="WI2021").values_list(
            "id", "bsn", "achternaam"
        )
    }
    ids = list(sleutels)
    codes = sorted(catalogus("WI2021"))
    statussen = ["nieuw", "in_behandeling", "afgehandeld"]
    vandaag = date.today()
    Signaal.objects.bulk_create(
        (
            Signaal(
                wet="WI2021",
                code=rng.choice(codes),
                persoon_id=(pk := rng.choice(ids)),
                persoon_bsn=sleutels[pk][0],
                persoon_achternaam=sleutels[pk][1],
                gemeente=groningen,
                datum=vandaag - timedelta(days=rng.randint(0, 90)),
                status=rng.choice(statussen),
                feit=f"bench:{i}",
            )
            for i in range(bestaand, n)
        ),  # fmt: skip
        batch_size=5000,
    )
    with __import__("django.db").db.connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return user


def meet_pagina(
    user, pad: str, keer: int = 7, gemeente_code: str | None = None, zoek: dict | None = None
) -> tuple[int, float]:
    """Queries and median time of a GET of `pad`. With `zoek`, `pad` is a search form: the criteria are
    POSTed once (searches never put criteria in the URL) and the result page it redirects to is measured."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    if gemeente_code:
        client.post("/gemeente/kiezen/", {"gemeente": gemeente_code})
    if zoek is not None:
        antwoord = client.post(pad, zoek)
        assert antwoord.status_code in (302, 303), antwoord.status_code
        pad = antwoord["Location"]
    client.get(pad)  # warm up
    tijden, queries = [], 0
    for _ in range(keer):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(pad)
            tijden.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        queries = len(ctx.captured_queries)
    return queries, statistics.median(tijden) * 1000


EXTRACT = """
import os, resource, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pib.settings.dev")
django.setup()
from datetime import date
from inburgering.downloads.builder import bouw_extract
from inburgering.downloads.registry import extract
from inburgering.models import Gemeente
g = Gemeente.objects.get(code="0014")
voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
b = bouw_extract(extract=extract("signaallijst_wi2021"), gemeente=g, peildatum=date.today())
duur = time.perf_counter() - start
na = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{b.rijen};{duur:.2f};{voor/1024:.1f};{na/1024:.1f};{b.grootte}")
"""


def main() -> None:
    zorg_voor_database()
    import django

    django.setup()
    start = time.perf_counter()
    user = vul(N)
    print(f"Data klaar ({N} signalen in Groningen) in {time.perf_counter() - start:.1f} s")
    for pad in ("/signalen/wi2021/?alle=1", "/signalen/wi2021/?open=1&sort=achternaam",
                "/signalen/wi2021/?alle=1&sort=-datum&page=400", "/signalen/wi2021/?alle=1&sort=omschrijving",
                "/signalen/wi2021/?open=1&sort=-omschrijving&page=50"):  # fmt: skip
        queries, ms = meet_pagina(user, pad)
        print(f"{pad}: {queries} queries, mediaan {ms:.0f} ms")
    uit = subprocess.run(
        [sys.executable, "-c", EXTRACT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    rijen, duur, voor, na, grootte = uit.stdout.strip().splitlines()[-1].split(";")
    print(f"Extract signaallijst_wi2021: {rijen} rijen in {duur} s; piek-RSS {voor} MiB na opstarten, "
          f"{na} MiB na bouwen; zip {int(grootte) / 1024:.0f} KiB")  # fmt: skip
    print(f"(dit proces: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()
