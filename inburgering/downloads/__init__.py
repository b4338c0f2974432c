"""Downloads ("Downloaden bestanden"): law apps declare extracts, a nightly job builds them per gemeente.

registry.py  what a law contributes (Extract), looked up by key or law
csv.py       Dutch-Excel CSV writer that streams row by row
builder.py   one extract for one gemeente → zip on disk + Downloadbestand row, then rotation
tasks.py     thin Celery jobs (per gemeente; the nightly fan-out)
views.py     the page and the access-checked, audited download
"""
