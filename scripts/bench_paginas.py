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
        wi2021 = (
            inwoners.filter(wet="WI2021", wi2021_plichten__isnull=False).values_list("pk", flat=True).first()
        )
        # (path, search criteria POSTed first or None): searches go by POST and redirect to their result.
        paden = [
            ("/", None),
            ("/signalen/wi2021/?open=1", None),
            ("/signalen/wi2021/?alle=1&sort=achternaam", None),
            ("/wi2007/zoeken/", {"tab": "overig", "geslacht": "V", "verblijf": "woonachtig", "zoek": "1"}),
            *([(f"/wi2007/personen/{wi2007}/?tab=examens", None)] if wi2007 else []),
            ("/wi2013/zoeken/", {"pvt_plichtig": "J", "verblijf": "woonachtig", "zoek": "1"}),
            ("/wi2013/zoeken/", {"factuur": "N", "verblijf": "woonachtig", "zoek": "1"}),
            *([(f"/wi2013/personen/{wi2013}/", None)] if wi2013 else []),
            (
                "/wi2021/zoeken/",
                {"tab": "overig", "doelgroep": "asiel", "pip_niet_doorgegeven": "on", "zoek": "1"},
            ),
            *([(f"/wi2021/personen/{wi2021}/", None)] if wi2021 else []),
            ("/downloads/", None),
        ]
        for pad, zoek in paden:
            queries, ms = meet_pagina(helpdesk, pad, gemeente_code=code, zoek=zoek)
            criteria = f" {zoek}" if zoek else ""
            print(f"  {pad}{criteria}: {queries} queries, mediaan {ms:.0f} ms")


if __name__ == "__main__":
    main()
