"""Chain-event import: every line through the services, idempotent, one transaction per event."""

import json
from datetime import date

from django.core.management import CommandError, call_command

import pytest

from inburgering.constants import Wet
from inburgering.models import AuditEntry, Persoon, VerwerktEvent
from signalen.models import Signaal
from tests.factories import PersoonFactory

pytestmark = pytest.mark.django_db


def feed(tmp_path, *berichten, naam="feed.jsonl"):
    pad = tmp_path / naam
    pad.write_text(
        "\n".join(b if isinstance(b, str) else json.dumps(b) for b in berichten) + "\n", encoding="utf-8"
    )
    return str(pad)


def verhuizing(event_id, bsn, naar="0034", datum="2026-11-01"):
    return {
        "id": event_id,
        "type": "persoon_verhuisd",
        "bsn": bsn,
        "gegevens": {"naar_gemeente": naar, "datum": datum},
    }


def met_wi2021_plicht(persoon):
    """Wi2021 move and death signals concern an inburgeringsplicht (SS120 "De persoon is al
    inburgeringsplichtig"); without one the person gets none."""
    from wi2021.models import Inburgeringsplicht

    Inburgeringsplicht.objects.create(persoon=persoon, datum_start=date(2026, 1, 5), doelgroep="asiel")
    return persoon


def signalen():
    return sorted(Signaal.objects.values_list("wet", "code", "gemeente__code"))


def test_s9_moves_produce_the_move_signals_of_each_law(tmp_path, groningen, almere):
    wi2007 = PersoonFactory(woongemeente=groningen, wet=Wet.WI2007)
    wi2013 = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)
    wi2021 = met_wi2021_plicht(PersoonFactory(woongemeente=groningen, wet=Wet.WI2021))
    geen = PersoonFactory(woongemeente=groningen, wet="")
    call_command("import_events", feed(tmp_path, *(verhuizing(f"e{i}", p.bsn) for i, p in
                                                  enumerate((wi2007, wi2013, wi2021, geen)))))  # fmt: skip
    assert signalen() == [
        ("WI2007", "SS001", "0034"),
        ("WI2013", "SS613", "0034"), ("WI2013", "SS614", "0014"),
        ("WI2021", "SS120", "0034"), ("WI2021", "SS122", "0014"),
    ]  # fmt: skip
    wi2021.refresh_from_db()
    assert wi2021.woongemeente == almere and wi2021.datum_vestiging == date(2026, 11, 1)
    entry = AuditEntry.objects.get(bsn=wi2021.bsn, omschrijving="Persoonsgegevens gewijzigd")
    assert entry.gebruiker == "ketenberichten-import" and entry.wijzigingen["woongemeente"] == [
        "Groningen",
        "Almere",
    ]


def test_replaying_a_file_changes_nothing(tmp_path, groningen, almere):
    persoon = met_wi2021_plicht(PersoonFactory(woongemeente=groningen, wet=Wet.WI2021))
    pad = feed(tmp_path, verhuizing("e1", persoon.bsn),
               {"id": "e2", "type": "persoon_overleden", "bsn": persoon.bsn, "gegevens": {"datum": "2026-11-10"}})  # fmt: skip
    call_command("import_events", pad)
    voor = (signalen(), AuditEntry.objects.count(), VerwerktEvent.objects.count())
    call_command("import_events", pad)
    assert (signalen(), AuditEntry.objects.count(), VerwerktEvent.objects.count()) == voor
    assert signalen() == [
        ("WI2021", "SS111", "0034"),
        ("WI2021", "SS120", "0034"),
        ("WI2021", "SS122", "0014"),
    ]


def test_same_fact_under_another_id_signals_once(tmp_path, groningen, almere):
    persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)
    call_command("import_events", feed(tmp_path, verhuizing("a", persoon.bsn)))
    persoon.refresh_from_db()
    # The same move re-sent with a new id: the person already lives there, nothing changes.
    call_command("import_events", feed(tmp_path, verhuizing("b", persoon.bsn), naam="2.jsonl"))
    assert Signaal.objects.count() == 2


def test_bad_lines_are_reported_with_their_number_and_the_rest_goes_on(tmp_path, groningen, almere, capsys):
    goed = PersoonFactory(woongemeente=groningen, wet=Wet.WI2021)
    pad = feed(
        tmp_path,
        "{geen json",
        {"id": "x1", "type": "persoon_gevlogen", "bsn": goed.bsn},
        verhuizing("x2", "111222333"),  # unknown BSN
        verhuizing("x3", goed.bsn, naar="9999"),  # unknown gemeente
        {"id": "x4", "type": "persoon_overleden", "bsn": goed.bsn, "gegevens": {"datum": "morgen"}},
        {"type": "persoon_overleden", "bsn": goed.bsn},  # no id
        verhuizing("x5", goed.bsn),
    )
    with pytest.raises(CommandError, match="6 regel"):
        call_command("import_events", pad)
    fouten = capsys.readouterr().err
    for regel in ("regel 1: geen geldige JSON", "regel 2: onbekend type 'persoon_gevlogen'",
                  "regel 3: onbekend BSN '111222333'", "regel 4: onbekende gemeentecode '9999'",
                  "regel 5: 'datum' is geen datum", "regel 6: 'id' ontbreekt"):  # fmt: skip
        assert regel in fouten
    goed.refresh_from_db()
    assert goed.woongemeente == almere  # line 7 was applied
    assert list(VerwerktEvent.objects.values_list("event_id", flat=True)) == ["x5"]


def test_a_failing_event_leaves_no_partial_change(tmp_path, groningen):
    persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2021)
    pad = feed(tmp_path, {"id": "p1", "type": "persoon_ingeschreven", "bsn": "123456789",
                          "gegevens": {"achternaam": "Fout", "woongemeente": "0014"}})  # fmt: skip
    with pytest.raises(CommandError):
        call_command("import_events", pad)
    assert not Persoon.objects.filter(achternaam="Fout").exists()
    assert not VerwerktEvent.objects.exists() and not AuditEntry.objects.exists()
    assert Persoon.objects.get() == persoon


def test_inschrijven_overlijden_en_vertrek(tmp_path, groningen):
    pad = feed(
        tmp_path,
        {"id": "i1", "type": "persoon_ingeschreven", "bsn": "111222333",
         "gegevens": {"achternaam": "Yilmaz", "voornamen": "Ayse", "geboortedatum": "1990-05-04",
                      "woongemeente": "0014", "wet": "WI2007", "datum_vestiging": "2010-01-01"}},
        {"id": "i2", "type": "persoon_vertrokken_uit_nederland", "bsn": "111222333", "gegevens": {"datum": "2026-10-01"}},
        {"id": "i3", "type": "persoon_overleden", "bsn": "111222333", "gegevens": {"datum": "2026-10-15"}},
    )  # fmt: skip
    call_command("import_events", pad)
    persoon = Persoon.objects.get(bsn="111222333")
    assert persoon.geboortedatum == date(1990, 5, 4) and persoon.woongemeente == groningen
    assert persoon.datum_vertrek == date(2026, 10, 1) and persoon.datum_overlijden == date(2026, 10, 15)
    assert signalen() == [("WI2007", "SS008", "0014"), ("WI2007", "SS011", "0014")]


def test_admin_move_produces_signals_too(client, groningen, almere):
    from django.urls import reverse

    from tests.factories import UserFactory

    persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013, bsn="111222333", geslacht="V")
    client.force_login(UserFactory(username="beheerder", is_superuser=True, is_staff=True))
    response = client.post(reverse("admin:inburgering_persoon_change", args=[persoon.pk]), {
        "bsn": "111222333", "voornamen": persoon.voornamen, "achternaam": persoon.achternaam,
        "geslacht": "V", "woongemeente": almere.pk, "wet": "WI2013", "datum_vestiging": "01-11-2026",
    })  # fmt: skip
    assert response.status_code == 302
    assert signalen() == [("WI2013", "SS613", "0034"), ("WI2013", "SS614", "0014")]
