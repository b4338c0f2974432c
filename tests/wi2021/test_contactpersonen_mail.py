"""Issue 12 deliverable 2: the weekly signal e-mail per contactpersoon and the daily koppelingen digest
(seed 001 §3.3, R-CP-8, R-CP-9, D-27, M-43), through the outbox with one key per contactpersoon and period."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.utils import timezone

import pytest

from inburgering.models import UitgaandeMail
from inburgering.outbox.services import mails_in_wachtrij
from tests.factories import GemeenteFactory, SignaalFactory
from wi2021 import mails_contactpersonen as mails
from wi2021 import services_contactpersonen as services
from wi2021.models import Contactpersoon, Koppeling, Mailronde, MailSoort

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
ONDERWERP = "Nieuwe signalen Wet inburgering 2021 – Groningen"


def volgende_maandag() -> datetime:
    """Just after the first Monday 07:00 to come: the signals made in the test fall in that week's period.
    On a Monday before 07:00 that is today (the run of next week would cover the week after)."""
    nu = timezone.localtime()
    maandag = nu.date() - timedelta(days=nu.weekday())
    moment = datetime(maandag.year, maandag.month, maandag.day, 7, 1, tzinfo=AMS)
    return moment if moment > nu else moment + timedelta(days=7)


def vandaag_na_zessen() -> datetime:
    nu = timezone.localtime()
    return datetime(nu.year, nu.month, nu.day, 18, 1, tzinfo=AMS) + (
        timedelta(days=1) if nu.hour >= 18 else timedelta()
    )


def cp(gemeente, naam, **kwargs) -> Contactpersoon:
    return Contactpersoon.objects.create(
        gemeente=gemeente, naam=naam, email=f"{naam.lower()}@gemeente.nl", **kwargs
    )


def koppel(persoon, contactpersoon) -> Koppeling:
    return Koppeling.objects.create(
        persoon=persoon, gemeente=contactpersoon.gemeente, contactpersoon=contactpersoon
    )


def mails_aan(adres: str) -> list[UitgaandeMail]:
    return [m for m in UitgaandeMail.objects.order_by("pk") if m.aan == [adres]]


@pytest.fixture
def situatie(groningen, plicht):
    """Groningen: Henk with a caseload of two, Algemeen (algemeen, caseload of one), two unlinked persons.
    Almere: no algemeen contactpersoon, one unlinked person."""
    henk, algemeen = cp(groningen, "Henk"), cp(groningen, "Algemeen", algemeen=True)
    a, b, c, d, e = (plicht().persoon for _ in range(5))
    koppel(a, henk), koppel(b, henk), koppel(c, algemeen)
    almere = GemeenteFactory(code="0034", naam="Almere")
    f = plicht(persoon={"woongemeente": almere}).persoon
    for persoon, code in ((a, "SS101"), (a, "SS101"), (b, "SS102"), (c, "SS126"), (d, "SS126"), (e, "SS139"),
                          (f, "SS101")):  # fmt: skip
        SignaalFactory(persoon=persoon, code=code)
    return {"henk": henk, "algemeen": algemeen, "personen": [a, b, c, d, e, f]}


def test_item2_weekmail_counts_per_code_with_the_manual_text_and_two_sections(situatie):
    assert mails.weekmail_versturen(volgende_maandag()) == 2  # Henk and Algemeen; Almere has nobody
    (henk,) = mails_aan("henk@gemeente.nl")
    assert henk.onderwerp == ONDERWERP
    assert "Nieuwe signalen voor de inburgeringsplichtigen in uw caseload" in henk.tekst
    assert "- SS101 Persoon is inburgeringsplichtig.: 2" in henk.tekst
    assert "- SS102 " in henk.tekst and "Totaal: 3" in henk.tekst
    assert "zonder contactpersoon" not in henk.tekst and "SS126" not in henk.tekst  # fn 11
    link = f"/signalen/wi2021/?contactpersoon={situatie['henk'].pk}&datum_vanaf="
    assert link in henk.tekst and link.replace("&", "&amp;") in henk.html
    (algemeen,) = mails_aan("algemeen@gemeente.nl")
    # Own caseload (c: SS126) and, in a second section, the unlinked persons d and e (SS126, SS139).
    eigen, zonder = algemeen.tekst.split("Nieuwe signalen voor inburgeringsplichtigen zonder contactpersoon")
    assert "- SS126 " in eigen and "Totaal: 1" in eigen
    assert "- SS126 " in zonder and "- SS139 " in zonder and "Totaal: 2" in zonder
    assert "contactpersoon=geen" in zonder
    assert "SS101" not in algemeen.tekst  # a linked person's signals go only to that contactpersoon


def test_item2_weekmail_has_no_bsn_or_name_of_any_person(situatie):
    mails.weekmail_versturen(volgende_maandag())
    rijen = list(UitgaandeMail.objects.all())
    assert rijen
    for persoon in situatie["personen"]:
        for m in rijen:
            for deel in (m.onderwerp, m.tekst, m.html):
                assert persoon.bsn not in deel
                assert persoon.achternaam not in deel and persoon.voornamen not in deel


def test_item2_weekmail_only_new_signals_and_none_without_signals(groningen, plicht):
    henk = cp(groningen, "Henk")
    p = plicht().persoon
    koppel(p, henk)
    oud = SignaalFactory(persoon=p)
    type(oud).objects.filter(pk=oud.pk).update(aangemaakt_op=timezone.now() - timedelta(days=30))
    assert mails.weekmail_versturen(volgende_maandag()) == 0  # fn 6: no new signals, no e-mail
    assert not UitgaandeMail.objects.exists()
    assert Mailronde.objects.get().voltooid_op is not None


def test_item2_weekmail_idempotent_run_twice_one_mail_each(situatie, django_capture_on_commit_callbacks):
    mail.outbox = []
    nu = volgende_maandag()
    with django_capture_on_commit_callbacks(execute=True):
        assert mails.weekmail_versturen(nu) == 2
        assert mails.weekmail_versturen(nu) == 0  # the same week again
        assert mails.weekmail_versturen(nu + timedelta(hours=3)) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["algemeen@gemeente.nl", "henk@gemeente.nl"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    # Next week: only what is new since this run.
    assert mails.weekmail_versturen(nu + timedelta(days=7)) == 0
    SignaalFactory(persoon=situatie["personen"][0], code="SS103")
    assert mails.weekmail_versturen(nu + timedelta(days=7)) == 0  # made now: before the period of next week
    assert UitgaandeMail.objects.count() == 2


def test_item2_weekmail_next_week_reports_only_the_new_signal(situatie):
    nu = volgende_maandag()
    mails.weekmail_versturen(nu)
    nieuw = SignaalFactory(persoon=situatie["personen"][0], code="SS103")
    type(nieuw).objects.filter(pk=nieuw.pk).update(
        aangemaakt_op=nu + timedelta(days=1)
    )  # placed during the week
    mails.weekmail_versturen(nu + timedelta(days=7))
    tweede = mails_aan("henk@gemeente.nl")[1]
    assert "SS103" in tweede.tekst and "SS101" not in tweede.tekst and "Totaal: 1" in tweede.tekst
    assert len(mails_aan("algemeen@gemeente.nl")) == 1


def test_item2_weekmail_resumes_a_dead_run_without_mailing_twice(situatie):
    """A run whose worker died after queuing Henk's mail: `rondes_hervatten` (beat, every five minutes)
    queues only the rest once the claim expired, with the same period and keys."""
    nu = volgende_maandag()
    periode, tot = mails.week_periode(nu)
    ronde = mails._ronde(MailSoort.WEEK, periode, tot)
    from django.db import transaction

    inhoud = mails._signalen_per_contactpersoon(ronde)
    henk = situatie["henk"]
    with transaction.atomic():
        henk = Contactpersoon.objects.select_related("gemeente").get(pk=henk.pk)
        mails_in_wachtrij([mails._bericht(ronde, henk, inhoud[henk.pk])])
    Mailronde.objects.filter(pk=ronde.pk).update(geclaimd_tot=timezone.now() + timedelta(minutes=5))
    assert mails.rondes_hervatten() == 0  # the claim is live: the other worker may still be busy
    Mailronde.objects.filter(pk=ronde.pk).update(geclaimd_tot=timezone.now() - timedelta(seconds=1))
    assert mails.rondes_hervatten() == 1
    assert len(mails_aan("henk@gemeente.nl")) == 1 and len(mails_aan("algemeen@gemeente.nl")) == 1
    ronde.refresh_from_db()
    assert ronde.voltooid_op is not None and ronde.aantal_mails == 2
    assert mails.weekmail_versturen(nu) == 0


def test_item2_week_and_day_periods_in_amsterdam_time():
    zondag = datetime(2026, 3, 29, 12, 0, tzinfo=AMS)  # the day summer time starts
    assert mails.week_periode(zondag) == ("2026W13", datetime(2026, 3, 23, 7, 0, tzinfo=AMS))
    maandag = datetime(2026, 3, 30, 7, 0, tzinfo=AMS)
    assert mails.week_periode(maandag) == ("2026W14", maandag)
    assert mails.dag_periode(datetime(2026, 3, 30, 17, 59, tzinfo=AMS))[0] == "20260329"
    assert mails.dag_periode(datetime(2026, 3, 30, 18, 0, tzinfo=AMS))[0] == "20260330"


# --- the daily digest ------------------------------------------------------------------------------------------


def test_item2_koppelmail_counts_koppelingen_ontkoppelingen_and_caseload(medewerker, groningen, plicht):
    henk, _connie = cp(groningen, "Henk"), cp(groningen, "Connie")
    a, b, c = (plicht().persoon for _ in range(3))
    koppel(c, henk)  # older link: part of the caseload, not of today's count
    Koppeling.objects.update(gekoppeld_op=timezone.now() - timedelta(days=3))
    for persoon in (a, b):
        services.koppelen(actor=medewerker, gemeente=groningen, persoon=persoon, contactpersoon_id=henk.pk)
    services.ontkoppelen(actor=medewerker, gemeente=groningen, persoon=b)
    nu = vandaag_na_zessen()
    assert mails.koppelmail_versturen(nu) == 1  # Connie had no change: no mail
    (digest,) = mails_aan("henk@gemeente.nl")
    assert digest.onderwerp == "Koppelingen contactpersoon Wet inburgering 2021 – Groningen"
    assert "Aantal koppelingen: 2" in digest.tekst and "Aantal ontkoppelingen: 1" in digest.tekst
    assert "Aantal inburgeringsplichtigen in uw caseload: 2" in digest.tekst
    for persoon in (a, b, c):
        assert persoon.bsn not in digest.tekst + digest.html and persoon.achternaam not in digest.tekst
    assert mails.koppelmail_versturen(nu) == 0  # at most one per day
    assert mails.koppelmail_versturen(nu + timedelta(hours=2)) == 0
    assert UitgaandeMail.objects.count() == 1


def test_item2_koppelmail_transfer_counts_as_koppelingen_for_the_receiver(medewerker, groningen, plicht):
    henk, connie = cp(groningen, "Henk"), cp(groningen, "Connie")
    for _ in range(3):
        koppel(plicht().persoon, henk)
    Koppeling.objects.update(gekoppeld_op=timezone.now() - timedelta(days=3))
    services.caseload_overdragen(actor=medewerker, gemeente=groningen, van_id=henk.pk, naar_id=connie.pk)
    mails.koppelmail_versturen(vandaag_na_zessen())
    (ontvanger,) = mails_aan("connie@gemeente.nl")
    assert "Aantal koppelingen: 3" in ontvanger.tekst and "Aantal ontkoppelingen: 0" in ontvanger.tekst
    assert "Aantal inburgeringsplichtigen in uw caseload: 3" in ontvanger.tekst
    (bron,) = mails_aan("henk@gemeente.nl")
    assert "Aantal ontkoppelingen: 3" in bron.tekst and "caseload: 0" in bron.tekst


def test_item2_weekmail_query_count_does_not_grow_with_contactpersonen(
    groningen, plicht, django_assert_max_num_queries
):
    """The counts are aggregated in SQL and the mails inserted per batch: the number of queries does not
    depend on the number of contactpersonen."""

    def maak(n):
        for i in range(n):
            persoon = plicht().persoon
            koppel(persoon, cp(groningen, f"cp{Contactpersoon.objects.count()}x{i}"))
            SignaalFactory(persoon=persoon)

    maak(2)
    nu = volgende_maandag()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as twee:
        mails.weekmail_versturen(nu)
    Mailronde.objects.all().delete()
    UitgaandeMail.objects.all().delete()
    maak(20)
    with CaptureQueriesContext(connection) as tweeentwintig:
        mails.weekmail_versturen(nu)
    assert len(tweeentwintig.captured_queries) == len(twee.captured_queries)
