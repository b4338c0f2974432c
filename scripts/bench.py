"""`make bench` (issue 15): one table, measured in one run, of the main pages at 10 000 and 1 000 000 persons,
the nightly extracts against PostgreSQL's own COPY, and a load run of gunicorn (production settings) with 50
locust users. Writes docs/performance.md (table, machine, EXPLAIN plans of the slowest queries).

    make bench                                   # seeds pib_bench_10k / pib_bench_1m when they are missing
    BENCH_DATABASE_URL_10K=postgres://… BENCH_DATABASE_URL_1M=postgres://… make bench   # existing databases

Environment (all optional):
    BENCH_DATABASE_URL_10K, BENCH_DATABASE_URL_1M   the two databases (created and seeded when missing or small)
    BENCH_PERSONS_KLEIN, BENCH_PERSONS_GROOT        their sizes (10000, 1000000)
    BENCH_REDIS_URL                                 broker + cache of the load run (redis://127.0.0.1:6379/7)
    BENCH_PORT                                      gunicorn's port in the load run (8817)
    BENCH_KEER                                      requests per page (20, after one warm-up)
    BENCH_PAGINAS                                   a regular expression: only the pages whose name matches
    BENCH_LOAD_USERS, BENCH_LOAD_SECONDEN           the load run (50 users, 60 s); BENCH_LOAD=0 skips it
    BENCH_EXTRACTEN_ALLE=0                          skip the all-gemeenten extract run (it takes minutes)
    BENCH_GUNICORN_WORKERS                          (3, as the Dockerfile)
    BENCH_SIGNALEN_STRESS                           signal rows of the stress copy (3000000; 0 skips it)
    LOCUST                                          the locust executable (default: this Python's -m locust)

Each measurement runs in a child process of this script with its own DATABASE_URL (`--kind …`), so Django
is set up once per database and the peak RSS of an extract is that extract's own.
"""

import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

PG = "postgres://postgres@127.0.0.1:5432"
KLEIN = int(os.environ.get("BENCH_PERSONS_KLEIN", "10000"))
GROOT = int(os.environ.get("BENCH_PERSONS_GROOT", "1000000"))
KEER = int(os.environ.get("BENCH_KEER", "20"))
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
PORT = os.environ.get("BENCH_PORT", "8817")
BENCH_USER = "bench"
LOAD_WACHTWOORD = "bench-load-Wachtwoord-2026"  # noqa: S105 (a throwaway user of the benchmark database)


# ---------------------------------------------------------------------------------------------- children


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pib.settings.dev")
    os.environ.setdefault("DEBUG", "false")  # templates and queries as in production, not the debug path
    os.environ.setdefault("PIB_TWEE_FACTOR", "false")  # the page timings measure the pages, not the login
    os.environ.setdefault("CELERY_BROKER_URL", REDIS)
    # This checkout comes first: an editable install of another checkout (a git worktree next to it) must
    # not lend modules this one lacks.
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__.lower()]
    import django

    django.setup()


def kind_info() -> dict:
    """The largest gemeente (by residents) and the size of the database."""
    from django.db.models import Count

    from inburgering.models import Persoon
    from signalen.models import Signaal

    rij = (
        Persoon.objects.values("woongemeente__code", "woongemeente__naam")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    return {
        "personen": Persoon.objects.count(),
        "gemeente": rij["woongemeente__code"] if rij else None,
        "naam": rij["woongemeente__naam"] if rij else None,
        "inwoners": rij["n"] if rij else 0,
        # The signal table as S-7's retention leaves it: per status (docs/performance.md, "Signalen").
        "signalen": dict(Signaal.objects.values_list("status").annotate(n=Count("id")).order_by("status")),
    }


def bench_gebruiker(code: str):
    """A user with every role for the gemeente under test (the demo users only know the demo gemeenten)."""
    from django.contrib.auth import get_user_model

    from inburgering.constants import Rol
    from inburgering.models import Autorisatie, Gemeente

    gemeente = Gemeente.objects.get(code=code)
    user, _ = get_user_model().objects.get_or_create(username=BENCH_USER)
    for rol in Rol.values:
        Autorisatie.objects.get_or_create(user=user, gemeente=gemeente, rol=rol)
    return user


def paginas(code: str) -> list[tuple[str, str, dict | None]]:
    """(name, path, search criteria POSTed first or None) of every main page for gemeente `code`."""
    from inburgering.models import Persoon
    from signalen.models import Signaal

    inwoners = Persoon.objects.filter(woongemeente__code=code).order_by("pk")
    wi2007 = inwoners.filter(wet="WI2007", wi2007__isnull=False).first()
    wi2013 = inwoners.filter(wet="WI2013", wi2013__isnull=False).first()
    wi2021 = inwoners.filter(wet="WI2021", wi2021_plichten__isnull=False).first()
    uit = [("Start", "/", None), ("Downloaden bestanden", "/downloads/", None)]
    for wet in ("wi2007", "wi2013", "wi2021"):
        uit.append((f"Zoeken signalen {wet}", f"/signalen/{wet}/zoeken/", None))
    for wet in ("wi2007", "wi2013"):
        uit.append((f"Selecteren signalen {wet} open", f"/signalen/{wet}/?open=1", None))
        uit.append((f"Selecteren signalen {wet} alle", f"/signalen/{wet}/?alle=1", None))
    kolommen = ("status", "bsn", "achternaam", "code", "omschrijving", "datum", "doelgroep", "contactpersoon")
    for filter_ in ("open", "alle"):
        uit.append((f"Selecteren signalen wi2021 {filter_}", f"/signalen/wi2021/?{filter_}=1", None))
        for kolom in kolommen:
            for richting in ("", "-"):
                uit.append((f"Selecteren signalen wi2021 {filter_} sort={richting}{kolom}",
                            f"/signalen/wi2021/?{filter_}=1&sort={richting}{kolom}", None))  # fmt: skip
        # A deep page: the 400th of 20 (row 8 000), within the capped count of 10 000.
        uit.append((f"Selecteren signalen wi2021 {filter_} pagina 400",
                    f"/signalen/wi2021/?{filter_}=1&page=400", None))  # fmt: skip
        uit.append((f"Selecteren signalen wi2021 {filter_} sort=achternaam pagina 400",
                    f"/signalen/wi2021/?{filter_}=1&sort=achternaam&page=400", None))  # fmt: skip
    uit += [
        ("Zoeken personen wi2007 (formulier)", "/wi2007/zoeken/", None),
        ("Zoeken personen wi2007 geslacht V", "/wi2007/zoeken/",
         {"tab": "overig", "geslacht": "V", "verblijf": "woonachtig", "zoek": "1"}),
        ("Zoeken personen wi2013 (formulier)", "/wi2013/zoeken/", None),
        ("Zoeken personen wi2013 PVT-plichtig", "/wi2013/zoeken/",
         {"pvt_plichtig": "J", "verblijf": "woonachtig", "zoek": "1"}),
        ("Zoeken personen wi2013 geen factuur", "/wi2013/zoeken/",
         {"factuur": "N", "verblijf": "woonachtig", "zoek": "1"}),
        ("Zoeken personen wi2021 (formulier)", "/wi2021/zoeken/", None),
        ("Zoeken personen wi2021 asiel, PIP niet doorgegeven", "/wi2021/zoeken/",
         {"tab": "overig", "doelgroep": "asiel", "pip_niet_doorgegeven": "on", "zoek": "1"}),
    ]  # fmt: skip
    if wi2007:
        uit += [
            ("Zoeken personen wi2007 BSN", "/wi2007/zoeken/", {"tab": "nummers", "bsn": wi2007.bsn, "zoek": "1"}),
            ("Persoon wi2007", f"/wi2007/personen/{wi2007.pk}/", None),
            ("Persoon wi2007 examens", f"/wi2007/personen/{wi2007.pk}/?tab=examens", None),
        ]  # fmt: skip
    if wi2013:
        uit += [
            ("Zoeken personen wi2013 BSN", "/wi2013/zoeken/", {"bsn": wi2013.bsn, "zoek": "1"}),
            ("Persoon wi2013", f"/wi2013/personen/{wi2013.pk}/", None),
            ("Persoon wi2013 factuur", f"/wi2013/personen/{wi2013.pk}/?tab=factuur", None),
        ]  # fmt: skip
    if wi2021:
        uit += [
            ("Zoeken personen wi2021 BSN", "/wi2021/zoeken/", {"tab": "bsn", "bsn": wi2021.bsn, "zoek": "1"}),
            ("Persoon wi2021 overzicht", f"/wi2021/personen/{wi2021.pk}/", None),
            ("Persoon wi2021 aanbod", f"/wi2021/personen/{wi2021.pk}/aanbod/", None),
            ("Persoon wi2021 PIP-historie", f"/wi2021/personen/{wi2021.pk}/pip/historie/", None),
            ("Contactpersonen wi2021", "/wi2021/contactpersonen/", None),
        ]  # fmt: skip
    met_signalen = (
        Signaal.objects.filter(gemeente__code=code, wet="WI2021").values_list("persoon_id", flat=True).first()
    )
    if met_signalen:
        uit.append(("Signalen van één persoon wi2021", f"/signalen/wi2021/?persoon={met_signalen}", None))
    return uit


def kind_paginas(code: str) -> dict:
    from django.db import connection
    from django.test import Client

    user = bench_gebruiker(code)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    resultaten, trage = [], {}
    filter_ = re.compile(os.environ.get("BENCH_PAGINAS", ""))
    for naam, pad, zoek in paginas(code):
        if not filter_.search(naam):
            continue
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        client.post("/gemeente/kiezen/", {"gemeente": code})
        if zoek is not None:
            antwoord = client.post(pad, zoek)
            if antwoord.status_code not in (302, 303):
                resultaten.append({"naam": naam, "fout": f"POST {pad}: {antwoord.status_code}"})
                continue
            pad = antwoord["Location"]
        client.get(pad)  # warm-up
        tijden, queries = [], 0
        for _ in range(KEER):
            gezien: list[tuple[float, str, object]] = []

            def meten(execute, sql, params, many, context, gezien=gezien):
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    gezien.append((time.perf_counter() - start, sql, params))

            with connection.execute_wrapper(meten):
                start = time.perf_counter()
                response = client.get(pad)
                tijden.append((time.perf_counter() - start) * 1000)
            if response.status_code not in (200, 302):  # a BSN search redirects to its person
                resultaten.append({"naam": naam, "fout": f"GET {pad}: {response.status_code}"})
                break
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            queries = len(gezien)
            for duur, sql, params in gezien:
                if duur > trage.get(sql, (0,))[0]:
                    trage[sql] = (duur, params, naam)
        else:
            tijden.sort()
            p95 = tijden[min(len(tijden) - 1, round(0.95 * (len(tijden) - 1)))]
            resultaten.append({"naam": naam, "pad": pad, "queries": queries,
                               "p50": statistics.median(tijden), "p95": p95})  # fmt: skip
    plannen = []
    for sql, (duur, params, naam) in sorted(trage.items(), key=lambda kv: -kv[1][0])[:5]:
        with connection.cursor() as cursor:
            try:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                plan = "\n".join(r[0] for r in cursor.fetchall())
            except Exception as exc:  # a plan is a bonus; the table matters
                plan = f"(EXPLAIN failed: {exc})"
        plannen.append({"pagina": naam, "ms": duur * 1000, "sql": sql, "plan": plan})
    return {"paginas": resultaten, "plannen": plannen}


def kind_extract(sleutel: str, code: str) -> dict:
    """Build one extract for one gemeente (or, with code "ALLE", for every active gemeente, as the nightly
    job does) and time COPY (the same main query) TO STDOUT of the same rows."""
    from django.db import connection
    from django.utils import timezone

    import psycopg

    from inburgering.downloads.builder import bouw_extract
    from inburgering.downloads.registry import extract
    from inburgering.models import Gemeente

    ex = extract(sleutel)
    peildatum = timezone.localdate()
    gemeenten = list(Gemeente.objects.filter(actief=True).order_by("code"))
    if code != "ALLE":
        gemeenten = [g for g in gemeenten if g.code == code]
    with tempfile.TemporaryDirectory() as media:
        from django.conf import settings

        settings.MEDIA_ROOT = media
        voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        hoofdqueries, rijen, duur = [], 0, 0.0
        for gemeente in gemeenten:
            gezien = []

            def vastleggen(execute, sql, params, many, context, gezien=gezien):
                gezien.append((sql, params))
                return execute(sql, params, many, context)

            start = time.perf_counter()
            with connection.execute_wrapper(vastleggen):
                bestand = bouw_extract(extract=ex, gemeente=gemeente, peildatum=peildatum)
            duur += time.perf_counter() - start
            rijen += bestand.rijen
            # The main query is the first SELECT that reads the extract's base table (not the gemeente lock).
            selects = [
                (s, p) for s, p in gezien if s.lstrip().upper().startswith("SELECT") and "FOR UPDATE" not in s
            ]
            if selects:
                hoofdqueries.append(selects[0])
        piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    connection.ensure_connection()
    rauw = connection.connection
    copy_duur, copy_bytes = 0.0, 0
    for sql, params in hoofdqueries:
        tekst = psycopg.ClientCursor(rauw).mogrify(sql, params)
        start = time.perf_counter()
        with rauw.cursor().copy(f"COPY ({tekst}) TO STDOUT") as copy:
            for blok in copy:
                copy_bytes += len(blok)
        copy_duur += time.perf_counter() - start
    rauw.rollback()
    return {"sleutel": sleutel, "code": code, "rijen": rijen, "s": duur, "copy_s": copy_duur,
            "rss_mb": piek / 1024, "rss_start_mb": voor / 1024, "gemeenten": len(gemeenten)}  # fmt: skip


def kind_signalen_vermenigvuldigen(doel: str) -> dict:
    """The stress copy (synthetic, never the demo): the table grown to `doel` rows with copies of its own
    signals, each copy afgehandeld and a whole number of weeks older, under its own fact key. It answers how
    the signal pages behave with a year's volume in the table, which S-7's retention never leaves there."""
    from django.db import connection

    from inburgering.bulk import statistieken_bijwerken
    from signalen.models import Signaal

    bestaand = Signaal.objects.count()
    keer = max(0, -(-int(doel) // max(bestaand, 1)) - 1)  # copies per signal, rounded up
    if keer:
        vast = ("id", "feit", "status", "datum", "status_gewijzigd_op", "aangemaakt_op")
        kolommen = ", ".join(f.column for f in Signaal._meta.concrete_fields if f.column not in vast)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO signalen_signaal ({kolommen}, feit, status, datum, aangemaakt_op, status_gewijzigd_op) "  # noqa: S608
                f"SELECT {kolommen}, feit || ':stress:' || k, 'afgehandeld', datum - 7 * k, "
                "aangemaakt_op - make_interval(days => 7 * k), aangemaakt_op - make_interval(days => 7 * k - 2) "
                "FROM signalen_signaal, generate_series(1, %s) AS k",
                [keer],
            )
    statistieken_bijwerken()  # as seed_demo after its bulk load: the planner must know the grown table
    return {"voor": bestaand, "na": Signaal.objects.count()}


def kind_extracten() -> list[str]:
    from inburgering.downloads.registry import alle_extracten

    return [e.sleutel for e in alle_extracten()]


def kind_load_data(code: str, aantal: str) -> dict:
    """Users bench_load_NN with a TOTP device and every role for the gemeente; BSNs to search for."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from inburgering.constants import Rol
    from inburgering.models import Autorisatie, Gemeente, Persoon

    gemeente = Gemeente.objects.get(code=code)
    wachtwoord = make_password(LOAD_WACHTWOORD)  # hashed once: 50 hashes would take half a minute
    gebruikers = []
    for i in range(int(aantal)):
        user, _ = get_user_model().objects.get_or_create(username=f"bench_load_{i:02d}")
        user.password = wachtwoord
        user.save(update_fields=["password"])
        Autorisatie.objects.filter(user=user).exclude(gemeente=gemeente).delete()
        for rol in Rol.values:
            Autorisatie.objects.get_or_create(user=user, gemeente=gemeente, rol=rol)
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        gebruikers.append({"username": user.username, "totp_key": device.key})
    bsns = list(
        Persoon.objects.filter(woongemeente=gemeente, wet="WI2021", wi2021_plichten__isnull=False)
        .order_by("pk")
        .values_list("bsn", flat=True)[:200]
    )
    return {"gebruikers": gebruikers, "bsns": bsns, "wachtwoord": LOAD_WACHTWOORD}


# ---------------------------------------------------------------------------------------------- parent


def _kind(url: str, *args: str, timeout: int = 3600, env: dict | None = None):
    env = {**os.environ, **(env or {}), "DATABASE_URL": url}
    uit = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--kind", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    if uit.returncode != 0:
        sys.stderr.write(uit.stderr[-4000:])
        raise SystemExit(f"bench: child {args} failed")
    return json.loads(uit.stdout.strip().splitlines()[-1])


def _manage(url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "pib.settings.dev", "DEBUG": "false"}
    env.setdefault("CELERY_BROKER_URL", REDIS)
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def zorg_voor(url: str, personen: int) -> dict:
    """Create, migrate and seed the database when it is missing or much smaller than asked."""
    import psycopg

    basis, naam = url.rsplit("/", 1)
    with psycopg.connect(basis + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone():
            print(f"bench: database {naam} aanmaken", flush=True)
            conn.execute(f'CREATE DATABASE "{naam}"')
    _manage(url, "migrate", "--noinput", "-v", "0")
    info = _kind(url, "info")
    if info["personen"] < 0.9 * personen:
        print(f"bench: {naam} heeft {info['personen']} personen; seed_demo --persons {personen}", flush=True)
        start = time.monotonic()
        _manage(url, "seed_demo", "--persons", str(personen))
        print(f"bench: seed_demo klaar in {time.monotonic() - start:.0f} s", flush=True)
        info = _kind(url, "info")
    return info


def signalen_stress(url: str, code: str, doel: int) -> dict:
    """The signal pages once more, on a throwaway copy of the large database whose signal table holds `doel`
    rows (kind_signalen_vermenigvuldigen); the copy is dropped afterwards."""
    import psycopg

    basis, naam = url.rsplit("/", 1)
    kopie = f"{naam}_stress"
    with psycopg.connect(f"{basis}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{kopie}"')
        conn.execute(f'CREATE DATABASE "{kopie}" TEMPLATE "{naam}"')
    try:
        groei = _kind(f"{basis}/{kopie}", "signalen_vermenigvuldigen", str(doel))
        print(f"bench: stresskopie met {groei['na']} signalen", flush=True)
        gemeten = _kind(f"{basis}/{kopie}", "paginas", code, env={"BENCH_PAGINAS": "[Ss]ignalen"})
    finally:
        with psycopg.connect(f"{basis}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{kopie}"')
    return {**groei, "paginas": gemeten["paginas"]}


def load_run(url: str, code: str) -> dict:
    users = int(os.environ.get("BENCH_LOAD_USERS", "50"))
    seconden = int(os.environ.get("BENCH_LOAD_SECONDEN", "60"))
    data = _kind(url, "load_data", code, str(users))
    werk = Path(tempfile.mkdtemp(prefix="pib-bench-"))
    (werk / "data.json").write_text(json.dumps(data))
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL", "PIB_TWEE_FACTOR", "DEBUG")}  # fmt: skip
    env.update({
        "DJANGO_SETTINGS_MODULE": "pib.settings.production", "SECRET_KEY": "bench-" + os.urandom(24).hex(),
        "DATABASE_URL": url, "ALLOWED_HOSTS": "127.0.0.1", "CELERY_BROKER_URL": REDIS,
        "SECURE_SSL_REDIRECT": "false", "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "STATIC_ROOT": str(werk / "static"), "MEDIA_ROOT": str(werk / "media"),
    })  # fmt: skip
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env,
                   check=True)  # fmt: skip
    workers = os.environ.get("BENCH_GUNICORN_WORKERS", "3")
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "pib.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
         "--workers", workers, "--timeout", "120", "--error-logfile", str(werk / "error.log")],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        import urllib.request

        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2):  # noqa: S310
                    break
            except OSError:
                time.sleep(0.5)
        locust = os.environ.get("LOCUST")
        cmd = [locust] if locust else [sys.executable, "-m", "locust"]
        cmd += ["-f", str(SCRIPTS / "locustfile.py"), "--headless", "-u", str(users), "-r", "10",
                "-t", f"{seconden}s", "--host", f"http://127.0.0.1:{PORT}", "--csv", str(werk / "load"),
                "--only-summary", "--stop-timeout", "10"]  # fmt: skip
        subprocess.run(cmd, cwd=ROOT, env={**os.environ, "BENCH_LOAD_DATA": str(werk / "data.json")},
                       capture_output=True, text=True)  # fmt: skip
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    import csv

    with open(werk / "load_stats.csv", newline="") as f:
        rijen = list(csv.DictReader(f))
    uit = {"users": users, "seconden": seconden, "workers": workers, "per_naam": []}
    for rij in rijen:
        item = {"naam": rij["Name"], "requests": int(rij["Request Count"]), "fouten": int(rij["Failure Count"]),
                "rps": float(rij["Requests/s"]), "p50": float(rij["50%"] or 0), "p95": float(rij["95%"] or 0)}  # fmt: skip
        if rij["Name"] == "Aggregated":
            uit["totaal"] = item
        else:
            uit["per_naam"].append(item)
    zonder_login = [r for r in rijen if r["Name"] != "Aggregated" and not r["Name"].startswith("inloggen")]
    uit["fouten_log"] = (werk / "error.log").read_text()[-2000:] if (werk / "error.log").exists() else ""
    uit["zonder_login_requests"] = sum(int(r["Request Count"]) for r in zonder_login)
    shutil.rmtree(werk, ignore_errors=True)
    return uit


def machine() -> str:
    cpu = next((r.split(":", 1)[1].strip() for r in Path("/proc/cpuinfo").read_text().splitlines()
                if r.startswith("model name")), platform.processor())  # fmt: skip
    geheugen = next((r.split(":", 1)[1].strip() for r in Path("/proc/meminfo").read_text().splitlines()
                     if r.startswith("MemTotal")), "?")  # fmt: skip
    import psycopg

    with psycopg.connect(os.environ.get("BENCH_DATABASE_URL_10K", f"{PG}/pib_bench_10k")) as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0]
    return (f"{os.cpu_count()} CPU ({cpu}), {geheugen} RAM, Linux {platform.release()}, "
            f"Python {platform.python_version()}, PostgreSQL {pg}")  # fmt: skip


def main() -> None:
    url_klein = os.environ.get("BENCH_DATABASE_URL_10K", f"{PG}/pib_bench_10k")
    url_groot = os.environ.get("BENCH_DATABASE_URL_1M", f"{PG}/pib_bench_1m")
    t0 = time.monotonic()
    info_klein = zorg_voor(url_klein, KLEIN)
    info_groot = zorg_voor(url_groot, GROOT)
    code = info_groot["gemeente"]
    print(f"bench: grootste gemeente {info_groot['naam']} ({code}): {info_groot['inwoners']} van "
          f"{info_groot['personen']} personen; in de kleine database {info_klein['personen']} personen", flush=True)  # fmt: skip
    res_klein = _kind(url_klein, "paginas", code)
    res_groot = _kind(url_groot, "paginas", code)
    print("bench: pagina's gemeten", flush=True)
    stress_doel = int(os.environ.get("BENCH_SIGNALEN_STRESS", "3000000"))
    stress = signalen_stress(url_groot, code, stress_doel) if stress_doel else None
    extracten = []
    for sleutel in _kind(url_groot, "extracten"):
        extracten.append(_kind(url_groot, "extract", sleutel, code))
        if os.environ.get("BENCH_EXTRACTEN_ALLE", "1") != "0":
            extracten.append(_kind(url_groot, "extract", sleutel, "ALLE"))
    print("bench: extracten gemeten", flush=True)
    load = load_run(url_groot, code) if os.environ.get("BENCH_LOAD", "1") != "0" else None
    tabel = maak_tabel(info_klein, info_groot, res_klein, res_groot, extracten, load, stress)
    print(tabel)
    schrijf_doc(tabel, res_groot["plannen"], load, time.monotonic() - t0)


def _ok(waar: bool) -> str:
    return "ja" if waar else "**nee**"


def _grootte(n: int) -> str:
    return f"{n / 1_000_000:.0f}M" if n >= 1_000_000 else f"{n / 1000:.0f}k"


def _fout(meting: dict, basis: dict) -> str:
    """The error of a page in either run ("" when both measured it)."""
    return meting.get("fout") or basis.get("fout") or ""


def _verhouding(meting: dict, basis: dict) -> float:
    """p95 of `meting` over p95 of the same page in `basis` (NaN when the basis lacks the page)."""
    return meting["p95"] / basis["p95"] if basis.get("p95") else float("nan")


def maak_tabel(info_klein, info_groot, res_klein, res_groot, extracten, load, stress=None) -> str:
    klein = {p["naam"]: p for p in res_klein["paginas"]}
    k, g = _grootte(info_klein["personen"]), _grootte(info_groot["personen"])
    if k == g:  # e.g. a large database with the same persons but more signals
        g = "groot"
    regels = [
        f"Pagina's voor {info_groot['naam']} ({info_groot['gemeente']}), {KEER} verzoeken per pagina na één "
        f"opwarmverzoek, servertijd in ms (Django test client, zonder netwerk); {k} = {info_klein['personen']} "
        f"personen, {g} = {info_groot['personen']} personen ({info_groot['inwoners']} in de gemeente):",
        "",
        f"| Pagina | queries {k} | queries {g} | p50 {k} | p95 {k} | p50 {g} | p95 {g} | p95 {g} / {k} | doel |",
        "|---|---:|---:|---:|---:|---:|---:|---:|:-:|",
    ]
    for p in res_groot["paginas"]:
        k = klein.get(p["naam"], {})
        if fout := _fout(p, k):
            regels.append(f"| {p['naam']} | | | | | | | | {fout} |")
            continue
        ratio = _verhouding(p, k)
        doel = p["p95"] <= 100 and ratio <= 1.5 and p["queries"] <= 12 and p["queries"] == k.get("queries")
        regels.append(
            f"| {p['naam']} | {k.get('queries', '')} | {p['queries']} | {k.get('p50', 0):.0f} | "
            f"{k.get('p95', 0):.0f} | {p['p50']:.0f} | {p['p95']:.0f} | {ratio:.2f} | {_ok(doel)} |"
        )
    per_status = info_groot.get("signalen", {})
    regels += [
        "",
        f"Signalen in de {g}-database: {sum(per_status.values())} ("
        + ", ".join(f"{status} {aantal}" for status, aantal in per_status.items())
        + ").",
    ]
    if stress:
        groot = {p["naam"]: p for p in res_groot["paginas"]}
        regels += [
            "",
            f"Signaalpagina's met {stress['na']} signalen in de tabel (stresskopie van de {g}-database, daarna "
            f"verwijderd: de {stress['voor']} signalen plus kopieën ervan, afgehandeld en per kopie een week "
            "ouder, onder een eigen feit; synthetisch, want S-7 laat afgehandelde signalen geen week staan):",
            "",
            f"| Pagina | queries | p50 {g} | p95 {g} | p50 stress | p95 stress | p95 stress / {g} | ≤ 100 ms |",
            "|---|---:|---:|---:|---:|---:|---:|:-:|",
        ]
        for p in stress["paginas"]:
            b = groot.get(p["naam"], {})
            if fout := _fout(p, b):
                regels.append(f"| {p['naam']} | | | | | | | {fout} |")
                continue
            ratio = _verhouding(p, b)
            regels.append(
                f"| {p['naam']} | {p['queries']} | {b.get('p50', 0):.0f} | {b.get('p95', 0):.0f} | "
                f"{p['p50']:.0f} | {p['p95']:.0f} | {ratio:.2f} | {_ok(p['p95'] <= 100)} |"
            )
    regels += [
        "",
        f"Nachtelijke extracten ({g}), bouwen (zip op schijf) tegen `COPY (dezelfde query) TO STDOUT`:",
        "",
        "| Extract | gemeente | rijen | bouwen s | COPY s | ratio | piek-RSS MB | doel (≤1.5×, ≤150 MB) |",
        "|---|---|---:|---:|---:|---:|---:|:-:|",
    ]
    for e in extracten:
        ratio = e["s"] / e["copy_s"] if e["copy_s"] else float("nan")
        wie = "alle" if e["code"] == "ALLE" else e["code"]
        regels.append(
            f"| {e['sleutel']} | {wie} | {e['rijen']} | {e['s']:.2f} | {e['copy_s']:.2f} | {ratio:.1f} | "
            f"{e['rss_mb']:.0f} | {_ok(ratio <= 1.5 and e['rss_mb'] <= 150)} |"
        )
    if load:
        t = load.get("totaal", {})
        regels += [
            "",
            f"Belasting ({g}): gunicorn {load['workers']} sync workers, productie-instellingen, PostgreSQL + "
            f"Redis; {load['users']} locust-gebruikers, {load['seconden']} s, elk: inloggen (wachtwoord + "
            "TOTP), dan herhaald start → zoeken → persoon → signalen met 1–3 s denktijd:",
            "",
            "| Verzoek | aantal | fouten | req/s | p50 ms | p95 ms |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for r in [*load["per_naam"], t]:
            regels.append(f"| {r['naam']} | {r['requests']} | {r['fouten']} | {r['rps']:.1f} | {r['p50']:.0f} | "
                          f"{r['p95']:.0f} |")  # fmt: skip
        regels.append("")
        regels.append(
            f"Doel belasting (p95 ≤ 300 ms, 0 fouten): {_ok(t.get('p95', 1e9) <= 300 and t.get('fouten', 1) == 0)}"
        )
    return "\n".join(regels)


def schrijf_doc(tabel: str, plannen: list, load, duur: float) -> None:
    delen = [
        "# Performance (generated by `make bench`, scripts/bench.py)",
        "",
        f"Machine: {machine()}. Run took {duur / 60:.0f} min. Measured {time.strftime('%Y-%m-%d %H:%M %Z')}.",
        "",
        "Targets (issue 15): every page p95 ≤ 100 ms at 1M and ≤ 1.5× its 10k time, ≤ 12 queries constant in "
        "data size; extracts ≤ 1.5× COPY with peak RSS ≤ 150 MB; load run p95 ≤ 300 ms and 0 errors.",
        "",
        tabel,
        "",
        "## EXPLAIN (ANALYZE, BUFFERS) of the slowest queries at 1M",
        "",
    ]
    for p in plannen:
        delen += [
            f"### {p['pagina']} — {p['ms']:.1f} ms",
            "",
            "```sql",
            p["sql"],
            "```",
            "",
            "```",
            p["plan"],
            "```",
            "",
        ]
    if load and load.get("fouten_log"):
        delen += [
            "## Tail of gunicorn's error log during the load run",
            "",
            "```",
            load["fouten_log"],
            "```",
            "",
        ]
    (ROOT / "docs" / "performance.md").write_text("\n".join(delen))
    print("bench: docs/performance.md geschreven")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--kind":
        soort, *args = sys.argv[2:]
        _django()
        uitkomst = {"info": kind_info, "paginas": kind_paginas, "extract": kind_extract,
                    "extracten": kind_extracten, "load_data": kind_load_data,
                    "signalen_vermenigvuldigen": kind_signalen_vermenigvuldigen}[soort](*args)  # fmt: skip
        print(json.dumps(uitkomst, default=str))
    else:
        main()
