"""The Wi2021 message catalogue (seed 001 §4.2) and the shared rules layer that renders it (D-07, D-19)."""

import pytest

from inburgering.regels import BevestigingNodig, Geweigerd, Oordeel
from wi2021 import meldingen


def test_catalogue_holds_every_row_of_section_4_2():
    rijen = meldingen.alle_rijen()
    assert len(rijen) == 119  # WI2021.md section 9
    assert len({(r["code"], r["tekst"]) for r in rijen}) == 60
    assert (
        sum(1 for r in rijen if r["code"] == "FS 999")
        and len({r["tekst"] for r in rijen if r["code"] == "FS 999"}) == 24
    )


def test_d19_rendering_shows_the_code_and_fills_placeholders():
    assert meldingen.melding("d12").weergave() == "FS 673 Datum ligt niet binnen de termijn"
    assert (
        meldingen.DATUM_IN_TOEKOMST.weergave("Datum dagtekening PIP")
        == "FS 999 Datum dagtekening PIP: Datum mag niet in toekomst liggen"
    )
    # "Groep n, " is the web service's prefix: dropped on screen, kept in the catalogue.
    assert meldingen.melding("d7").tekst.startswith("Groep n, ")
    assert (
        meldingen.melding("d7").weergave("Instelling")
        == "FS 646 Instelling: Geen geldige instelling opgegeven."
    )
    assert (
        meldingen.melding("e9").weergave("", "123456782", "Taalhuis")
        == "FS 999 Geen aanbod voor zakenpartner 123456782 en instelling Taalhuis"
    )
    assert meldingen.melding("j5").weergave() == "AS 607 Geen signalen gevonden."


def test_fs_blocks_and_as_needs_confirmation():
    oordeel = Oordeel()
    oordeel.voeg_toe(meldingen.AS605, "niveau")
    assert oordeel.toegestaan
    with pytest.raises(BevestigingNodig) as exc:
        oordeel.vereis()
    assert exc.value.codes == ("AS 605",)
    assert oordeel.vereis(bevestigd=["AS 605"]) == ("AS 605",)
    oordeel.voeg_toe(meldingen.FS641, "niveau")
    assert not oordeel.toegestaan
    with pytest.raises(Geweigerd) as exc:
        oordeel.vereis(bevestigd=["AS 605"])
    assert exc.value.message_dict == {"niveau": ["FS 641 Niveau is niet toegestaan"]}


def test_own_attention_texts_are_confirmed_by_their_key():
    oordeel = Oordeel()
    oordeel.voeg_toe(meldingen.DERTIG_DAGEN, "dagtekening")
    assert oordeel.attenties[0].tekst.startswith("De datum dagtekening ligt meer dan 1 maand")
    assert oordeel.vereis(bevestigd=["30-dagen"]) == ("30-dagen",)
