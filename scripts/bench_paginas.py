"""Benchmark (not a test): the main pages on a national-size demo database on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pib_schaal .venv/bin/python manage.py seed_demo --persons 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pib_schaal .venv/bin/python scripts/bench_paginas.py

Prints, per page, the number of queries and the median time of 7 requests (after one warm-up).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pib.settings.dev")
os.environ.setdefault("PIB_TWEE_FACTOR", "false")  # the benchmark measures the pages, not the login


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from bench_signalen import meet_pagina  # noqa: E402 (same folder)

    from inburgering.models import Gemeente, Persoon

    helpdesk = get_user_model().objects.get(username="helpdesk")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    for code in ("0014", "0363"):
        gemeente = Gemeente.objects.get(code=code)
        inwoners = Persoon.objects.filter(woongemeente=gemeente)
        wi2007 = inwoners.filter(wet="WI2007", wi2007__isnull=False).values_list("pk", flat=True).first()
        wi2013 = inwoners.filter(wet="WI2013", wi2013__isnull=False).values_list("pk", flat=True).first()
        print(f"\nGemeente {gemeente.naam} ({code}): {inwoners.count()} inwoners in een database van "
              f"{Persoon.objects.count()} personen")  # fmt: skip
        paden = [
            "/",
            "/signalen/wi2021/?open=1",
            "/signalen/wi2021/?alle=1&sort=achternaam",
            "/wi2007/zoeken/?tab=overig&geslacht=V&verblijf=woonachtig&zoek=1",
            *([f"/wi2007/personen/{wi2007}/?tab=examens"] if wi2007 else []),
            "/wi2013/zoeken/?pvt_plichtig=J&verblijf=woonachtig&zoek=1",
            "/wi2013/zoeken/?factuur_aanwezig=N&verblijf=woonachtig&zoek=1",
            *([f"/wi2013/personen/{wi2013}/"] if wi2013 else []),
            "/downloads/",
        ]
        for pad in paden:
            queries, ms = meet_pagina(helpdesk, pad, gemeente_code=code)
            print(f"  {pad}: {queries} queries, mediaan {ms:.0f} ms")


if __name__ == "__main__":
    main()
