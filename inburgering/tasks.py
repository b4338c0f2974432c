"""Thin jobs: they take ids and do one idempotent thing."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from celery import shared_task

from .downloads.tasks import bouw_extracten_gemeente, bouw_nachtelijke_extracten  # noqa: F401  (worker registry)
from .models import ContactBericht


@shared_task
def verstuur_contactbericht(bericht_id: int) -> bool:
    """E-mail a contact message to the SCI mailbox exactly once.

    The conditional UPDATE claims the message before sending, so a retry or a second
    worker finds nothing left to claim and sends nothing twice.
    """
    claimed = ContactBericht.objects.filter(pk=bericht_id, verzonden_op__isnull=True).update(
        verzonden_op=timezone.now()
    )
    if not claimed:
        return False
    bericht = ContactBericht.objects.select_related("gemeente").get(pk=bericht_id)
    context = {"bericht": bericht}
    try:
        EmailMessage(
            subject=render_to_string("inburgering/email/contactbericht_subject.txt", context).strip(),
            body=render_to_string("inburgering/email/contactbericht.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[settings.SCI_EMAIL],
            reply_to=[bericht.email],
        ).send()
    except Exception:
        # Release the claim so the retry can send it.
        ContactBericht.objects.filter(pk=bericht_id).update(verzonden_op=None)
        raise
    return True
