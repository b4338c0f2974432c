"""The load run of `make bench` (scripts/bench.py): each locust user logs in (password + TOTP, its own user
and device, since django-otp refuses a code twice) and then works search → person → open signals.

The production cookies are Secure and this is plain http on 127.0.0.1, so the cookie jar is told they are
not (what the load balancer's TLS would otherwise carry)."""

import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import time

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["BENCH_LOAD_DATA"]).read())  # noqa: SIM115, PTH123
GEBRUIKERS = itertools.cycle(DATA["gebruikers"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def totp(hex_key: str) -> str:
    """RFC 6238 with django-otp's defaults (SHA-1, 30 s, 6 digits)."""
    digest = hmac.new(
        bytes.fromhex(hex_key), struct.pack(">Q", int(time.time()) // 30), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6:06d}"


class Medewerker(HttpUser):
    wait_time = between(1, 3)  # a caseworker reads a page before the next click

    def _csrf(self, html: str) -> str:
        match = CSRF.search(html)
        return match.group(1) if match else ""

    def on_start(self):
        verzoek = self.client.request

        def zonder_tls(*args, **kwargs):
            # requests copies the jar for every request, so a cookie policy would not stick: the copies keep
            # this flag, though.
            for cookie in self.client.cookies:
                cookie.secure = False
            return verzoek(*args, **kwargs)

        self.client.request = zonder_tls
        gebruiker = next(GEBRUIKERS)
        pagina = self.client.get("/inloggen/", name="inloggen (formulier)")
        self.client.post("/inloggen/", {"username": gebruiker["username"], "password": DATA["wachtwoord"],
                                        "csrfmiddlewaretoken": self._csrf(pagina.text)},
                         name="inloggen (wachtwoord)")  # fmt: skip
        pagina = self.client.get("/inloggen/code/", name="inloggen (code)")
        self.client.post("/inloggen/code/", {"code": totp(gebruiker["totp_key"]),
                                             "csrfmiddlewaretoken": self._csrf(pagina.text)},
                         name="inloggen (TOTP)")  # fmt: skip

    @task
    def zoeken_persoon_signalen(self):
        with self.client.get("/", name="start", catch_response=True) as start:
            if "Uitloggen" not in start.text:
                start.failure("niet ingelogd")
                return
        formulier = self.client.get("/wi2021/zoeken/", name="zoeken personen wi2021 (formulier)")
        with self.client.post(
            "/wi2021/zoeken/",
            {"tab": "bsn", "bsn": random.choice(DATA["bsns"]), "zoek": "1",
             "csrfmiddlewaretoken": self._csrf(formulier.text)},
            name="zoeken personen wi2021 (BSN, POST)", allow_redirects=False, catch_response=True,
        ) as zoek:  # fmt: skip
            if zoek.status_code not in (302, 303):
                zoek.failure(f"verwacht 302, kreeg {zoek.status_code}")
                return
        with self.client.get(zoek.headers["Location"], name="gevonden wi2021 (BSN)", allow_redirects=False,
                             catch_response=True) as gevonden:  # fmt: skip
            if gevonden.status_code not in (302, 303):
                gevonden.failure(f"verwacht 302 naar het overzicht, kreeg {gevonden.status_code}")
                return
        self.client.get(gevonden.headers["Location"], name="persoon wi2021 overzicht")
        self.client.get("/signalen/wi2021/?open=1", name="selecteren signalen wi2021 open")
