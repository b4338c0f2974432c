"""Downloads ("Downloaden bestanden"): law apps declare extracts, a nightly job builds them per gemeente.

registry.py  what a law contributes (Extract, Document), looked up by key or law
csv.py       Dutch-Excel CSV writer that streams row by row
xlsx.py      Excel workbook writer (XlsxWriter, constant memory) for the files "in excel formaat"
builder.py   one extract for one gemeente → zip on disk + Downloadbestand row, then rotation
tasks.py     thin Celery jobs (per gemeente; the nightly fan-out)
models.py    Downloaddocument: the PDF beheer uploads for a registered Document (admin.py)
views.py     the page and the access-checked, audited downloads
"""
