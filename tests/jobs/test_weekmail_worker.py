"""Issue 12 deliverable 2 on real workers: the weekly signal e-mail for 200 contactpersonen through Redis and
worker processes on PostgreSQL. Each gets exactly one mail; a worker killed in the middle of the run is
replaced and the rest goes out exactly once; a second run sends nothing."""

import os
import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

from django.db import connection
from django.utils import timezone

import pytest

from inburgering import services
from inburgering.constants import Wet
from inburgering.models import MailStatus, Persoon, UitgaandeMail
from pib.celery import app
from signalen.models import Signaal
from tests.conftest import skip_or_fail
from tests.factories import geldig_bsn
from tests.jobs.test_worker import redis_broker, start_werker_proces, stop, wait_for  # noqa: F401 (fixture)
from wi2021 import mails_contactpersonen as mails
from wi2021.constants import Doelgroep
from wi2021.models import Contactpersoon, Inburgeringsplicht, Koppeling, Mailronde
from wi2021.tasks import mailrondes_hervatten, weekmail_contactpersonen

pytestmark = pytest.mark.services
AANTAL = 200


def maak_caseloads(gemeente, aantal: int) -> list[Contactpersoon]:
    """`aantal` contactpersonen, each with one linked person with one signal placed in the current period."""
    personen = Persoon.objects.bulk_create(
        Persoon(
            bsn=geldig_bsn(i),
            voornamen="Test",
            achternaam=f"Persoon{i}",
            woongemeente=gemeente,
            wet=Wet.WI2021,
        )
        for i in range(aantal)
    )
    Inburgeringsplicht.objects.bulk_create(
        Inburgeringsplicht(persoon=p, datum_start=timezone.localdate(), doelgroep=Doelgroep.ASIELSTATUSHOUDER)
        for p in personen
    )
    cps = Contactpersoon.objects.bulk_create(
        Contactpersoon(gemeente=gemeente, naam=f"Contact {i}", email=f"contact{i}@gemeente.nl")
        for i in range(aantal)
    )
    Koppeling.objects.bulk_create(
        Koppeling(persoon=p, gemeente=gemeente, contactpersoon=c) for p, c in zip(personen, cps, strict=True)
    )
    Signaal.objects.bulk_create(
        Signaal(wet=Wet.WI2021, code="SS101", persoon=p, gemeente=gemeente, datum=timezone.localdate(),
                feit=f"weekmail-test:{p.pk}")
        for p in personen
    )  # fmt: skip
    # Placed an hour before the latest Monday 07:00: inside the period the beat run covers now.
    _, tot = mails.week_periode(timezone.now())
    Signaal.objects.update(aangemaakt_op=tot - timedelta(hours=1))
    return cps


def kopieen_per_mail(mailmap: Path) -> Counter:
    """How many copies of each outbox key the worker processes handed to the (file) mail backend."""
    teller: Counter = Counter()
    for bestand in mailmap.iterdir():
        teller.update(re.findall(r"^Message-ID: <([^@>]+)@", bestand.read_text(), re.M))
    return teller


@pytest.mark.django_db(transaction=True)
def test_item2_weekmail_200_contactpersonen_worker_killed_mid_run_mails_each_once(
    redis_broker,  # noqa: F811 (the fixture imported above)
    medewerker,
    groningen,
    settings,
    tmp_path,
):
    if connection.vendor != "postgresql":
        skip_or_fail("a worker in another process needs the test database on PostgreSQL (DATABASE_URL)")
    import redis

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(broker_url=redis_broker, task_always_eager=False, result_backend=None)
    with app.connection_for_write() as conn:
        app.control.purge(connection=conn)
    cps = maak_caseloads(groningen, AANTAL)
    sleutels = {f"wi2021-signalen-{mails.week_periode(timezone.now())[0]}-{c.pk}" for c in cps}
    mailmap, sterf = tmp_path / "mail", tmp_path / "sterf"
    mailmap.mkdir()
    sterf.touch()
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.jobs.werker_weekmail_instellingen",
        "CELERY_BROKER_URL": redis_broker,
        "PIB_TEST_DATABASE": connection.settings_dict["NAME"],
        "PIB_TEST_MAILMAP": str(mailmap),
        "PIB_TEST_STERF": str(tmp_path / "niet-bij-verzenden"),
        "PIB_TEST_STERF_WEEKMAIL": str(sterf),
        "PIB_TEST_STERF_BIJ": "3",  # the INSERT of the third batch of 50
    }
    werkers = []
    try:
        # 1. The beat entry's task on a worker that dies while inserting its third batch of mails.
        with (tmp_path / "werker1.log").open("w") as log:
            werkers.append(start_werker_proces("eerste", omgeving, log))
            weekmail_contactpersonen.delay()
            assert werkers[0].wait(timeout=180) == 17, (tmp_path / "werker1.log").read_text()
        assert not sterf.exists()
        assert UitgaandeMail.objects.count() == 100  # two batches committed, the third rolled back
        assert Mailronde.objects.get().voltooid_op is None

        # 2. A new worker sends what was queued; once the run's claim expired, the beat entry that resumes
        # dead runs queues the other 100, exactly once.
        with (tmp_path / "werker2.log").open("w") as log:
            werkers.append(start_werker_proces("tweede", omgeving, log))
            assert wait_for(lambda: Mailronde.objects.get().geclaimd_tot < timezone.now(), timeout=30)
            mailrondes_hervatten.delay()
            assert wait_for(
                lambda: UitgaandeMail.objects.filter(status=MailStatus.VERZONDEN).count() == AANTAL,
                timeout=300,
            ), (tmp_path / "werker2.log").read_text()
            ronde = Mailronde.objects.get()
            assert ronde.voltooid_op is not None and ronde.aantal_mails == AANTAL

            # 3. The beat entry again (a rerun or a duplicate beat): nothing new. The single-process worker
            # runs tasks in order, so once a later contact mail is out, the rerun has run.
            weekmail_contactpersonen.delay()
            mailrondes_hervatten.delay()
            data = {"naam": "Eva", "email": "eva@groningen.nl", "onderwerp": "storing", "bericht": "Storing"}
            bericht = services.contactbericht_versturen(actor=medewerker, gemeente=groningen, data=data)
            assert wait_for(
                lambda: (
                    UitgaandeMail.objects.get(sleutel=f"contactbericht-{bericht.pk}").status
                    == MailStatus.VERZONDEN
                ),
                timeout=120,
            ), (tmp_path / "werker2.log").read_text()
        kopieen = kopieen_per_mail(mailmap)
        assert {k: n for k, n in kopieen.items() if k.startswith("wi2021-")} == dict.fromkeys(sleutels, 1)
        assert UitgaandeMail.objects.count() == AANTAL + 1
        assert Mailronde.objects.count() == 1
    finally:
        for werker in werkers:
            stop(werker)
        # The dead worker's unacknowledged message would come back in an hour, in some later run.
        redis.Redis.from_url(redis_broker).delete("unacked", "unacked_index")
        app.conf.task_always_eager = True
