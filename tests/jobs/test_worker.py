"""A real Celery worker against the real Redis broker runs a job end to end (no eager mode)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.core import mail
from django.db import connection
from django.utils import timezone

import pytest
from celery.contrib.testing.worker import start_worker

from inburgering import services
from inburgering.models import MailStatus, UitgaandeMail
from inburgering.outbox.services import message_id
from inburgering.outbox.tasks import veeg_uitgaande_mail, verstuur_uitgaande_mail
from pib.celery import app
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.services
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_broker():
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis://"):
        skip_or_fail("no Redis broker configured (set CELERY_BROKER_URL=redis://…)")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as exc:
        skip_or_fail(f"Redis at {url} is not reachable: {exc}")
    return url


@pytest.fixture
def celery_worker(redis_broker, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(broker_url=redis_broker, task_always_eager=False, result_backend=None)
    with app.connection_for_write() as conn:
        app.control.purge(connection=conn)  # leftovers of an interrupted earlier run
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker
    app.conf.task_always_eager = True


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def contactbericht(actor, gemeente, naam="Eva"):
    data = {
        "naam": naam,
        "email": f"{naam.lower()}@groningen.nl",
        "onderwerp": "storing",
        "bericht": "Storing",
    }
    bericht = services.contactbericht_versturen(actor=actor, gemeente=gemeente, data=data)
    return UitgaandeMail.objects.get(sleutel=f"contactbericht-{bericht.pk}")


def verzonden(uitgaand) -> bool:
    return UitgaandeMail.objects.get(pk=uitgaand.pk).status == MailStatus.VERZONDEN


@pytest.mark.django_db(transaction=True)
def test_contact_message_is_sent_by_a_real_worker(celery_worker, medewerker, groningen):
    mail.outbox = []
    eva = contactbericht(medewerker, groningen)
    assert wait_for(lambda: verzonden(eva))
    assert [m.reply_to for m in mail.outbox] == [["eva@groningen.nl"]]
    # A redelivered message (acks_late after a crash) and a sweep must not mail twice. The worker runs one
    # task at a time in queue order, so once a later mail is out, both duplicates have run.
    verstuur_uitgaande_mail.delay(eva.pk)
    veeg_uitgaande_mail.delay()
    bram = contactbericht(medewerker, groningen, naam="Bram")
    assert wait_for(lambda: verzonden(bram))
    assert [m.reply_to for m in mail.outbox] == [["eva@groningen.nl"], ["bram@groningen.nl"]]


@pytest.mark.django_db(transaction=True)
def test_nightly_extracts_fan_out_on_a_real_worker(celery_worker, groningen, almere, settings, tmp_path):
    """The beat entry's job enqueues one build per gemeente; the worker builds every zip, once."""
    from inburgering.downloads.registry import alle_extracten
    from inburgering.downloads.tasks import bouw_nachtelijke_extracten
    from inburgering.models import Downloadbestand
    from tests.factories import SignaalFactory

    settings.MEDIA_ROOT = tmp_path
    SignaalFactory(persoon__woongemeente=groningen)
    per_gemeente = len(alle_extracten())
    bouw_nachtelijke_extracten.delay("2026-11-21")
    verwacht = 2 * per_gemeente
    assert wait_for(lambda: Downloadbestand.objects.count() == verwacht, timeout=60)
    # Run the whole night again: the same files are replaced (rows updated), not added.
    eerste_ids = set(Downloadbestand.objects.values_list("id", flat=True))
    tweede_nacht = timezone.now()
    bouw_nachtelijke_extracten.delay("2026-11-21")
    assert wait_for(
        lambda: not Downloadbestand.objects.filter(aangemaakt_op__lt=tweede_nacht).exists(), timeout=60
    )
    assert set(Downloadbestand.objects.values_list("id", flat=True)) == eerste_ids
    namen = set(Downloadbestand.objects.values_list("bestandsnaam", flat=True))
    assert (
        "signaallijst_wi2021_0014_20261121.zip" in namen and "signaallijst_wi2021_0034_20261121.zip" in namen
    )
    assert all((tmp_path / pad).exists() for pad in Downloadbestand.objects.values_list("pad", flat=True))


def start_werker_proces(naam: str, omgeving: dict, log) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "pib", "worker", "--pool", "solo", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "--loglevel", "INFO", "--hostname", f"{naam}@%h"],
        cwd=ROOT, env=omgeving, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def stop(proces: subprocess.Popen) -> None:
    if proces.poll() is None:
        proces.terminate()
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()


def verzonden_kopieen(mailmap: Path, uitgaand) -> int:
    """How many copies of this mail the worker processes handed to the (file) mail backend."""
    return sum(
        bestand.read_text().count(f"Message-ID: {message_id(uitgaand.sleutel)}")
        for bestand in mailmap.iterdir()
    )


@pytest.mark.django_db(transaction=True)
def test_item10_worker_killed_between_claim_and_send_mails_once_after_restart(
    redis_broker, medewerker, groningen, settings, tmp_path
):
    """A worker process that dies after claiming: the claim expires, the beat sweep hands the mail to a new
    worker, and it goes out exactly once — although the original task message is never redelivered."""
    if connection.vendor != "postgresql":
        skip_or_fail("a worker in another process needs the test database on PostgreSQL (DATABASE_URL)")
    import redis

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(broker_url=redis_broker, task_always_eager=False, result_backend=None)
    with app.connection_for_write() as conn:
        app.control.purge(connection=conn)
    mailmap, sterf = tmp_path / "mail", tmp_path / "sterf"
    mailmap.mkdir()
    sterf.touch()
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.jobs.werker_instellingen",
        "CELERY_BROKER_URL": redis_broker,
        "PIB_TEST_DATABASE": connection.settings_dict["NAME"],
        "PIB_TEST_MAILMAP": str(mailmap),
        "PIB_TEST_STERF": str(sterf),
    }
    werkers = []
    try:
        with (tmp_path / "werker1.log").open("w") as log:
            werkers.append(start_werker_proces("eerste", omgeving, log))
            eva = contactbericht(medewerker, groningen)  # dispatched on commit to the real broker
            assert werkers[0].wait(timeout=120) == 17, (tmp_path / "werker1.log").read_text()
        geclaimd = UitgaandeMail.objects.get(pk=eva.pk)
        assert (geclaimd.status, geclaimd.pogingen, verzonden_kopieen(mailmap, eva)) == (
            MailStatus.BEZIG,
            1,
            0,
        )
        assert not sterf.exists()  # it died in the send step, after the claim

        with (tmp_path / "werker2.log").open("w") as log:
            werkers.append(start_werker_proces("tweede", omgeving, log))
            assert wait_for(lambda: UitgaandeMail.objects.get(pk=eva.pk).geclaimd_tot < timezone.now())
            veeg_uitgaande_mail.delay()  # what beat sends every minute
            assert wait_for(lambda: verzonden(eva), timeout=120), (tmp_path / "werker2.log").read_text()
            # A late redelivery of the original message and another sweep change nothing; once a later
            # mail is out, the single-process worker has run both.
            verstuur_uitgaande_mail.delay(eva.pk)
            veeg_uitgaande_mail.delay()
            bram = contactbericht(medewerker, groningen, naam="Bram")
            assert wait_for(lambda: verzonden(bram), timeout=60), (tmp_path / "werker2.log").read_text()
        assert (verzonden_kopieen(mailmap, eva), verzonden_kopieen(mailmap, bram)) == (1, 1)
        assert UitgaandeMail.objects.get(pk=eva.pk).pogingen == 2
    finally:
        for werker in werkers:
            stop(werker)
        # The dead worker's unacknowledged message would come back in an hour, in some later run.
        redis.Redis.from_url(redis_broker).delete("unacked", "unacked_index")
        app.conf.task_always_eager = True
