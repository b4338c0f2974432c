"""Outgoing e-mail through an outbox table; see services.py for what is guaranteed and what is not.

Use: inside the transaction that causes the mail,
    mail_in_wachtrij(sleutel=..., aan=[...], onderwerp_template=..., tekst_template=..., context={...})
"""
