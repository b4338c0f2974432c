"""HTTP client of scripts/prod_smoke.sh: logs in to a production gunicorn (password + computed TOTP code) and
fetches the start page, its hashed CSS, a Wi2007 person and that person's PDF. Standard library only.

Usage: prod_smoke_client.py http://127.0.0.1:PORT DATA.json   (the password comes from SMOKE_PASSWORD)
"""

import contextlib
import hashlib
import hmac
import http.client
import json
import os
import re
import struct
import sys
import time
import zlib
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit


class Client:
    def __init__(self, base: str):
        self.base = urlsplit(base)
        self.cookies: dict[str, str] = {}  # kept by hand: the production cookies are Secure, this is http
        self.checks = 0

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection(self.base.hostname, self.base.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        inhoud = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for naam, morsel in SimpleCookie(header).items():
                self.cookies[naam] = morsel.value
        conn.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, inhoud

    def check(self, ok: bool, wat: str):
        if not ok:
            sys.exit(f"prod smoke FAILED: {wat}")
        self.checks += 1
        print(f"ok  {wat}")

    def csrf(self, html: bytes) -> str:
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        self.check(match is not None, "form carries a CSRF token")
        return match.group(1).decode()


def totp(hex_key: str, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 with django-otp's defaults (SHA-1, 30 s, 6 digits)."""
    digest = hmac.new(
        bytes.fromhex(hex_key), struct.pack(">Q", int(time.time()) // step), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits:0{digits}d}"


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed (object) streams unpacked, where the font names live."""
    delen = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        with contextlib.suppress(zlib.error):  # not every stream is Flate-compressed
            delen.append(zlib.decompressobj().decompress(stream.group(1)))
    return b"".join(delen)


def wait_until_up(client: Client):
    for _ in range(60):
        try:
            if client.request("GET", "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("prod smoke FAILED: gunicorn did not answer /healthz within 30 s")


def main(base: str, data_file: str):
    data = json.loads(Path(data_file).read_text())
    client = Client(base)
    wait_until_up(client)

    status, headers, html = client.request("GET", "/inloggen/")
    client.check(status == 200, "GET /inloggen/ is 200")
    client.check("frame-ancestors 'none'" in headers.get("content-security-policy", ""), "CSP header is sent")
    css = re.search(rb'href="(/static/css/pib\.[0-9a-f]{12}\.css)"', html)
    client.check(css is not None, "page links the hashed static CSS")
    status, headers, inhoud = client.request("GET", css.group(1).decode())
    client.check(
        status == 200 and headers["content-type"].startswith("text/css") and inhoud, "hashed CSS served"
    )

    status, headers, _ = client.request(
        "POST",
        "/inloggen/",
        {
            "username": data["username"],
            "password": os.environ["SMOKE_PASSWORD"],
            "csrfmiddlewaretoken": client.csrf(html),
        },
    )
    client.check(status == 302 and not headers["location"].startswith("/inloggen/?"), "password accepted")
    status, headers, _ = client.request("GET", "/")
    client.check(status == 302 and headers["location"].startswith("/inloggen/code/"), "TOTP code is asked")
    status, _, html = client.request("GET", "/inloggen/code/")
    client.check(status == 200, "GET /inloggen/code/ is 200")
    status, headers, _ = client.request(
        "POST", "/inloggen/code/", {"code": totp(data["totp_key"]), "csrfmiddlewaretoken": client.csrf(html)}
    )
    client.check(status == 302 and "/inloggen" not in headers["location"], "TOTP code accepted")

    status, _, html = client.request("GET", "/")
    client.check(status == 200 and b"Uitloggen" in html, "start page is 200 and logged in")
    status, _, html = client.request("GET", f"/wi2007/personen/{data['persoon']}/")
    client.check(status == 200 and data["bsn"].encode() in html, "Wi2007 person page is 200 with the BSN")
    status, headers, pdf = client.request("GET", f"/wi2007/personen/{data['persoon']}/pdf/")
    client.check(status == 200 and headers["content-type"] == "application/pdf", "Wi2007 PDF is 200")
    client.check(pdf.startswith(b"%PDF"), f"PDF starts with %PDF ({len(pdf)} bytes)")
    client.check(
        b"Noto-Sans" in pdf_objects(pdf), "PDF embeds the vendored Noto Sans (offline fetcher found it)"
    )
    print(f"prod smoke: all {client.checks} checks ok")


if __name__ == "__main__":
    main(*sys.argv[1:3])
