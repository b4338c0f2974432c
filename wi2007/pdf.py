"""The person screen as a PDF, rendered by WeasyPrint from the same data and tab rows.

Resources are read from the static files on disk through `pib-static:` URLs; any other URL is
refused, so rendering never touches the network.
"""

import mimetypes

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

SCHEMA = "pib-static:"


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
