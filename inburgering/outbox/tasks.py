"""Thin jobs around the outbox: send one row (with backoff), and the sweep that beat runs every minute."""

from celery import shared_task

from . import services

SWEEP_BATCH = 500


# The limits end a hung send well within CLAIMDUUR, so an expired claim means a dead worker.
@shared_task(bind=True, max_retries=None, soft_time_limit=60, time_limit=90)
def verstuur_uitgaande_mail(self, mail_id: int) -> str:
    try:
        return services.verstuur(mail_id)
    except services.VerzendFout as fout:
        # The row holds the schedule too (volgende_poging_op): if this retry message is lost, or there is
        # no broker to hold it (eager mode), the sweep sends the mail when it is due.
        if self.request.is_eager:
            return services.MailStatus.WACHTEND
        raise self.retry(countdown=fout.wachttijd.total_seconds()) from fout


@shared_task
def verstuur_uitgaande_mails(mail_ids: list[int]) -> int:
    """The one dispatch message of `mails_in_wachtrij`: one send task per row, so each mail keeps its own
    claim, retries and backoff. If this message is lost, the sweep dispatches the rows."""
    for mail_id in mail_ids:
        verstuur_uitgaande_mail.delay(mail_id)
    return len(mail_ids)


@shared_task
def veeg_uitgaande_mail() -> int:
    """Dispatch every due row: waiting, retry time reached, or claimed by a worker that died."""
    ids = list(
        services.te_versturen().order_by("volgende_poging_op").values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for mail_id in ids:
        verstuur_uitgaande_mail.delay(mail_id)
    return len(ids)
