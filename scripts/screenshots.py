"""Serve the portal on a scratch SQLite database and take headless-Chromium screenshots of its pages.

Usage: .venv/bin/python scripts/screenshots.py [outdir]   (writes PNGs, default ./screenshots)
"""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "screenshots")
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
DB = ROOT / "var" / "screenshots.sqlite3"
ENV = {**os.environ, "DJANGO_SETTINGS_MODULE": "pib.settings.dev", "DATABASE_URL": f"sqlite:///{DB}",
       "DEMO_PASSWORD": "pib-demo", "MEDIA_ROOT": str(ROOT / "var" / "screenshots-media")}  # fmt: skip
LAUNCH = {
    "executable_path": "/usr/bin/chromium",
    "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync"],
}  # fmt: skip


def demo_code(username: str) -> str:
    import hashlib

    from django_otp.oath import totp

    sleutel = hashlib.sha256(f"pib-demo-totp:{username}".encode()).hexdigest()[:40]  # as inburgering.demo
    return f"{totp(bytes.fromhex(sleutel)):06d}"


def manage(*args) -> str:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True,
                          capture_output=True, text=True).stdout  # fmt: skip


def main() -> None:
    DB.parent.mkdir(exist_ok=True)
    OUT.mkdir(exist_ok=True)
    manage("migrate", "--noinput")
    seeded = manage("seed_demo", "--persons", "2000", "--seed", "2021")
    manage("shell", "-c", "from datetime import date, timedelta; from inburgering.models import Gemeente; "
           "from inburgering.downloads.tasks import bouw_extracten_gemeente as t; "
           "t(Gemeente.objects.get(code='0014').id, (date.today() - timedelta(days=1)).isoformat())")  # fmt: skip
    bsns = dict((rol, bsn) for bsn, rol in re.findall(r"^\s+(\d{9})\s+(.+)$", seeded, re.M))
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"{BASE}/healthz", timeout=1)  # noqa: S310 (loopback only)
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(**LAUNCH)
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            shot = lambda name: page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)  # noqa: E731

            def inloggen(username, wachtwoord="pib-demo"):
                page.get_by_label("Gebruikersnaam").fill(username)
                page.get_by_label("Wachtwoord").fill(wachtwoord)
                page.get_by_role("button", name="Inloggen").click()
                if "/inloggen/code/" in page.url:  # PIB_TWEE_FACTOR=true: the demo users' TOTP keys are known
                    shot(f"00-tweede-stap-{username}")
                    page.get_by_label("Code uit uw authenticator-app").fill(demo_code(username))
                    page.get_by_role("button", name="Inloggen").click()

            page.goto(f"{BASE}/inloggen/")
            shot("01-inloggen")
            inloggen("medewerker", "fout")
            shot("02-inloggen-fout")
            inloggen("medewerker")
            shot("03-start-medewerker")

            page.get_by_role("link", name="Onder welke wet valt een persoon").click()
            shot("04-wet-zoeken")
            for naam, rol in (
                ("05-wet-in-gemeente", "Wi2013, woont in Groningen"),
                ("06-wet-overleden", "Wi2021, overleden, woonde in Groningen"),
                ("07-wet-andere-gemeente", "Wi2013, woont in Almere"),
            ):
                page.get_by_label("Burgerservicenummer").fill(bsns[rol])
                page.get_by_role("button", name="Zoek").click()
                shot(naam)
            page.get_by_label("Burgerservicenummer").fill("123456789")
            page.get_by_role("button", name="Zoek").click()
            shot("08-wet-fs603")

            page.get_by_role("link", name="Signalen 2021").click()
            shot("13-zoeken-signalen-wi2021")
            page.get_by_role("button", name="Zoek").click()
            shot("14-zoeken-signalen-leeg")
            page.get_by_role("link", name="Toon deze signalen.").click()
            page.locator(".pib-selectie").nth(0).check()
            page.locator(".pib-selectie").nth(2).check()
            shot("15-selecteren-signalen-selectie")
            page.get_by_role("button", name="In behandeling").click()
            shot("16-selecteren-signalen-gewijzigd")
            page.get_by_role("link", name="Achternaam").click()
            page.get_by_role("link", name="Achternaam").click()
            shot("17-selecteren-signalen-aflopend")

            page.goto(f"{BASE}/wi2007/zoeken/")
            shot("20-wi2007-zoeken-nummers")
            page.get_by_role("link", name="Zoek met overige velden").click()
            page.get_by_label("Geslacht").select_option(label="Vrouw")
            page.get_by_role("button", name="Zoek").click()
            shot("21-wi2007-gevonden-personen")
            page.goto(f"{BASE}/wi2007/zoeken/?tab=nummers")
            page.get_by_label("Burgerservicenummer").fill(bsns["Wi2007, woont in Groningen"])
            page.get_by_role("button", name="Zoek").click()
            pad = page.url.split("?")[0]
            for tab in ("persoonsgegevens", "indicatie", "handhaving", "voorziening", "vrijstelling", "boete",
                        "examens"):  # fmt: skip
                page.goto(f"{pad}?tab={tab}")
                shot(f"22-wi2007-persoon-{tab}")
            pdf = page.request.get(f"{pad}pdf/")
            (OUT / "23-wi2007-persoon.pdf").write_bytes(pdf.body())
            subprocess.run([shutil.which("pdftoppm") or "/usr/bin/pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(OUT / "23-wi2007-persoon.pdf"),
                            str(OUT / "23-wi2007-pdf")], check=False)  # fmt: skip

            page.goto(f"{BASE}/wi2013/zoeken/")
            page.get_by_role("group", name="PVT-plichtig", exact=True).get_by_label("Ja").check()
            page.get_by_role("button", name="Zoeken").click()
            shot("24-wi2013-gevonden-personen")
            page.locator("td a.utrecht-link").first.click()
            shot("25-wi2013-persoon")
            page.goto(page.url.split("?")[0] + "?tab=factuur")
            shot("26-wi2013-factuur")
            page.goto(f"{BASE}/wi2013/zoeken/")
            page.get_by_label("Burgerservicenummer").fill(bsns["Wi2013, woont in Groningen"])
            page.get_by_role("button", name="Zoeken").click()
            shot("27-wi2013-persoon-demo")

            page.get_by_role("link", name="Downloaden", exact=True).click()
            shot("19-downloaden-bestanden")

            page.get_by_role("link", name="Contactformulier").click()
            page.get_by_label("Naam").fill("Eva de Boer")
            page.get_by_label("Ja").check()
            page.get_by_role("button", name="Verstuur").click()
            shot("09-contact-fouten")
            page.get_by_role("button", name="Uitloggen").click()

            inloggen("raadpleger")
            shot("10-start-raadpleger")
            page.goto(f"{BASE}/signalen/wi2007/?alle=1")
            shot("18-selecteren-signalen-wi2007-raadpleger")
            page.get_by_role("button", name="Uitloggen").click()

            inloggen("helpdesk")
            page.get_by_label("Gekozen gemeente:").select_option(label="Almere")
            page.get_by_role("button", name="Kies").click()
            shot("11-start-helpdesk-almere")
            page.get_by_role("button", name="Uitloggen").click()

            inloggen("beheerder")
            page.goto(f"{BASE}/beheer/inburgering/auditentry/")
            shot("12-beheer-audit")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"Screenshots in {OUT}")


if __name__ == "__main__":
    main()
