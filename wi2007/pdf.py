"""The person screen as a PDF, rendered by WeasyPrint from the same data and tab rows.

Resources are read from the static files on disk through `pibstatic:` URLs; any other URL is
refused, so rendering never touches the network. The scheme has letters only: Django's manifest storage
(production) leaves `url(scheme:...)` in static/css/pdf.css alone only when the scheme matches ^[a-z]+:,
and otherwise refuses to build the image (issue 8 item 3).
"""

import mimetypes

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

SCHEMA = "pibstatic:"


class StatischeBestandenFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        if not url.startswith(SCHEMA):
            raise ValueError(f"PDF: alleen statische bestanden, geen netwerk ({url})")
        pad = finders.find(url.removeprefix(SCHEMA).lstrip("/"))
        if not pad:
            raise ValueError(f"PDF: statisch bestand niet gevonden ({url})")
        with open(pad, "rb") as fh:
            inhoud = fh.read()
        soort = mimetypes.guess_type(pad)[0] or "application/octet-stream"
        return URLFetcherResponse(url, inhoud, {"Content-Type": soort})


def persoon_pdf(context: dict) -> bytes:
    html = render_to_string("wi2007/persoon_pdf.html", context)
    return HTML(string=html, base_url=SCHEMA, url_fetcher=StatischeBestandenFetcher()).write_pdf()
