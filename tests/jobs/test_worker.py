"""A real Celery worker against the real Redis broker runs a job end to end (no eager mode)."""

import os
import time

from django.core import mail

import pytest
from celery.contrib.testing.worker import start_worker

from inburgering import services
from inburgering.models import ContactBericht
from pib.celery import app
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.services


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


@pytest.mark.django_db(transaction=True)
def test_contact_message_is_sent_by_a_real_worker(celery_worker, medewerker, groningen):
    mail.outbox = []
    bericht = services.contactbericht_versturen(
        actor=medewerker,
        gemeente=groningen,
        data={"naam": "Eva", "email": "eva@groningen.nl", "onderwerp": "storing", "bericht": "Storing"},
    )
    assert wait_for(lambda: ContactBericht.objects.get(pk=bericht.pk).verzonden_op is not None)
    assert wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].reply_to == ["eva@groningen.nl"]
    # A redelivered message (acks_late after a crash) must not mail twice.
    from inburgering.tasks import verstuur_contactbericht

    verstuur_contactbericht.delay(bericht.pk)
    time.sleep(1)
    assert len(mail.outbox) == 1


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
    # Run the whole night again: the same files are replaced, not added.
    bouw_nachtelijke_extracten.delay("2026-11-21")
    time.sleep(3)
    assert wait_for(lambda: Downloadbestand.objects.count() == verwacht)
    namen = set(Downloadbestand.objects.values_list("bestandsnaam", flat=True))
    assert (
        "signaallijst_wi2021_0014_20261121.zip" in namen and "signaallijst_wi2021_0034_20261121.zip" in namen
    )
    assert all((tmp_path / pad).exists() for pad in Downloadbestand.objects.values_list("pad", flat=True))
