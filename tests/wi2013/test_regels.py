"""The Wi2013 rules layer (issue 10, DESIGN "The rules layer"): one function per action in `wi2013.regels`
whose answer the service raises and the page shows; the "factuur possible" rule defined once, in a Python
and a query form used by the factuur tab, "Zoeken personen" and column R of the PVT extract; the messages
in one catalogue, verbatim and without FS codes."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.urls import reverse

import pytest

from inburgering.constants import Rol, Wet
from inburgering.regels import Geweigerd, Melding
from tests.factories import PersoonFactory, UserFactory
from wi2013 import extracten, meldingen, regels, selectors, services
from wi2013.constants import RedenNietVoldaan as R
from wi2013.models import Factuur, Wi2013Persoon

pytestmark = pytest.mark.django_db
GELDIG = {"factuurnummer": "FACT11", "factuurdatum": date(2018, 7, 30), "debiteurnummer": "BX771080"}


def maak(gemeente, **gegevens) -> Wi2013Persoon:
    persoon = PersoonFactory(woongemeente=gemeente, wet=Wet.WI2013)
    return Wi2013Persoon.objects.create(persoon=persoon, **gegevens)


def factuur(g, **kwargs) -> Factuur:
    return Factuur.objects.create(gegevens=g, gemeente=g.persoon.woongemeente, **GELDIG, **kwargs)


def situatie(g, gemeente, *, mag_muteren=True) -> regels.Situatie:
    g = Wi2013Persoon.objects.select_related("persoon").get(pk=g.pk)
    f = Factuur.objects.filter(gegevens=g).first()
    return regels.situatie(gegevens=g, factuur=f, gemeente=gemeente, mag_muteren=mag_muteren)


def weigering(oordeel) -> Melding | None:
    return oordeel.eerste_fout.melding if oordeel.eerste_fout else None


def test_rule_factuur_mogelijk_is_one_rule_in_python_and_query_form_for_tab_search_and_extract(iban, toegang):
    """Every combination of loan × datum voldaan: the Python form, the query form, "Zoeken personen" with
    "Factuur aanwezig: Nee" and column R of the extract give the same answer."""
    gevallen = {
        (lening, voldaan): maak(iban, lening_duo=lening, datum_voldaan=date(2018, 6, 17) if voldaan else None)
        for lening in (True, False)
        for voldaan in (True, False)
    }
    met_factuur = maak(iban, lening_duo=True, datum_voldaan=date(2018, 6, 17))
    factuur(met_factuur)
    gevonden = set(
        selectors.zoek_personen(toegang=toegang(iban, Rol.WI2013), criteria={"factuur": "N"}).values_list(
            "pk", flat=True
        )
    )
    kolommen = [k.naam for k in extracten.PVT_KOLOMMEN]
    kolom_r = {
        rij[kolommen.index("BSN")]: rij[kolommen.index("Factuur aanwezig")]
        for rij in extracten.pvt_rijen(iban, date(2026, 1, 1))
    }
    for (lening, voldaan), g in gevallen.items():
        mogelijk = lening and voldaan
        assert regels.factuur_mogelijk(g) is mogelijk
        assert Wi2013Persoon.objects.filter(regels.factuur_mogelijk_q(), pk=g.pk).exists() is mogelijk
        assert (g.pk in gevonden) is mogelijk
        assert kolom_r[g.persoon.bsn] == ("N" if mogelijk else "N.v.t.")
        oordeel = regels.factuur_toevoegen(situatie(g, iban))
        assert oordeel.toegestaan is mogelijk
        assert weigering(oordeel) == (None if mogelijk else meldingen.GEEN_LENING_OF_VOLDAAN)
    assert met_factuur.pk not in gevonden and kolom_r[met_factuur.persoon.bsn] == "J"


@pytest.fixture
def toegang():
    from inburgering.access import Toegang

    def maak_toegang(gemeente, *rollen):
        return Toegang(gemeente=gemeente, rollen=frozenset(rollen))

    return maak_toegang


@pytest.mark.parametrize(
    ("geval", "verwacht"),
    [
        ("vrij", None),
        ("geen_rol", meldingen.GEEN_ROL),
        ("verhuisd", meldingen.NIET_WOONACHTIG),
        ("overleden", meldingen.OVERLEDEN),
        ("definitief", meldingen.DEFINITIEF),
    ],
)
def test_rule_pvt_wijzigen_is_asked_by_the_service_and_the_page(
    geval, verwacht, groningen, almere, medewerker, raadpleger, client
):
    g = maak(groningen, pvt_plichtig=True, datum_start_pvt_plicht=date(2017, 11, 1),
             datum_einde_pvt_plicht=date(2018, 11, 1), definitief=geval == "definitief")  # fmt: skip
    if geval == "verhuisd":
        g.persoon.woongemeente = almere
        g.persoon.verhuizingen.create(van_gemeente=groningen, naar_gemeente=almere, datum=date(2018, 1, 1))
    if geval == "overleden":
        g.persoon.datum_overlijden = date(2018, 1, 1)
    g.persoon.save()
    gebruiker = raadpleger if geval == "geen_rol" else medewerker
    oordeel = regels.pvt_wijzigen(situatie(g, groningen, mag_muteren=geval != "geen_rol"))
    assert weigering(oordeel) == verwacht and oordeel.toegestaan is (verwacht is None)

    # The service refuses with the same message (a refusal of access as 403, like the role check).
    data = {"datum_start_deelname": date(2017, 11, 15)}
    if verwacht in meldingen.TOEGANG:
        with pytest.raises(PermissionDenied, match=verwacht.tekst.replace("(", r"\(").replace(")", r"\)")):
            services.pvt_wijzigen(actor=gebruiker, gemeente=groningen, persoon=g.persoon, data=data,
                                  versie=g.versiekenmerk)  # fmt: skip
    elif verwacht is not None:
        with pytest.raises(Geweigerd) as fout:
            services.pvt_wijzigen(actor=gebruiker, gemeente=groningen, persoon=g.persoon, data=data,
                                  versie=g.versiekenmerk)  # fmt: skip
        assert [b.melding for b in fout.value.bevindingen] == [verwacht]
    else:
        services.pvt_wijzigen(actor=gebruiker, gemeente=groningen, persoon=g.persoon, data=data,
                              versie=g.versiekenmerk)  # fmt: skip

    # The page shows its Wijzigen button exactly when the rule allows it.
    client.force_login(gebruiker)
    pagina = client.get(reverse("wi2013:persoon", kwargs={"persoon": g.persoon_id})).content.decode()
    assert (reverse("wi2013:wijzigen", kwargs={"persoon": g.persoon_id}) in pagina) is (verwacht is None)


@pytest.mark.parametrize(
    ("geval", "toevoegen", "wijzigen"),
    [
        ("mogelijk", None, meldingen.GEEN_FACTUUR),
        ("geen_iban", meldingen.GEEN_IBAN, meldingen.GEEN_FACTUUR),
        ("geen_lening", meldingen.GEEN_LENING_OF_VOLDAAN, meldingen.GEEN_FACTUUR),
        ("factuur", meldingen.AL_EEN_FACTUUR, None),
        ("geweigerd", meldingen.AL_EEN_FACTUUR, None),  # a refused factuur may be corrected
        ("geaccepteerd", meldingen.AL_EEN_FACTUUR, meldingen.GEACCEPTEERD),
    ],
)
def test_rule_factuur_actions_are_asked_by_the_service_and_the_page(
    geval, toevoegen, wijzigen, groningen, medewerker, client
):
    if geval != "geen_iban":
        groningen.iban = "NL91ABNA0417164300"
        groningen.save()
    g = maak(groningen, lening_duo=geval != "geen_lening", datum_voldaan=date(2018, 6, 17))
    if geval in ("factuur", "geweigerd", "geaccepteerd"):
        factuur(g, geaccepteerd={"factuur": None, "geweigerd": False, "geaccepteerd": True}[geval])
    s = situatie(g, groningen)
    assert weigering(regels.factuur_toevoegen(s)) == toevoegen
    assert weigering(regels.factuur_wijzigen(s)) == wijzigen
    assert weigering(regels.factuur_verwijderen(s)) == wijzigen

    # The tab shows each button exactly when its rule allows the action.
    client.force_login(medewerker)
    tab = client.get(reverse("wi2013:persoon", kwargs={"persoon": g.persoon_id}) + "?tab=factuur")
    tab = tab.content.decode()
    for naam, verwacht in (("factuur_toevoegen", toevoegen), ("factuur_wijzigen", wijzigen),
                           ("factuur_verwijderen", wijzigen)):  # fmt: skip
        knop = reverse(f"wi2013:{naam}", kwargs={"persoon": g.persoon_id})
        assert (f'href="{knop}"' in tab) is (verwacht is None), naam
    assert (meldingen.GEEN_IBAN.tekst in tab) is (toevoegen == meldingen.GEEN_IBAN)

    def geweigerd_met(service, **kwargs):
        try:
            service(actor=medewerker, gemeente=groningen, persoon=g.persoon, **kwargs)
        except Geweigerd as fout:
            return fout.bevindingen[0].melding
        return None

    f = Factuur.objects.filter(gegevens=g).first()
    versie = f.versiekenmerk if f else None
    assert geweigerd_met(services.factuur_wijzigen, data=GELDIG, versie=versie) == wijzigen
    assert geweigerd_met(services.factuur_toevoegen, data=GELDIG) == toevoegen  # last: it may add one


def test_rule_field_messages_fill_in_the_field_and_the_reason():
    g = Wi2013Persoon(datum_start_pvt_plicht=date(2017, 11, 1), datum_einde_pvt_plicht=date(2018, 11, 1))
    data = {"datum_start_deelname": date(2018, 1, 1), "reden_niet_voldaan": R.WEIGERT_DEELNAME}
    oordeel = regels.pvt_gegevens(g, data, date(2018, 10, 1))
    assert [(b.veld, b.tekst) for b in oordeel.fouten] == [
        ("datum_start_deelname", "'Datum start deelname PV-traject' moet leeg zijn bij de reden "
         "'Persoon weigert deel te nemen aan het PV-traject'."),
        ("reden_niet_voldaan", "De reden 'Persoon weigert deel te nemen aan het PV-traject' kan pas worden "
         "geregistreerd nadat de PV-termijn is overschreden (na 01-11-2018)."),
    ]  # fmt: skip
    oordeel = regels.pvt_gegevens(g, {"reden_niet_voldaan": R.ZIEKTE}, date(2018, 8, 31))
    assert [b.tekst for b in oordeel.fouten] == [
        "De reden 'Bijzondere omstandigheden - Ziekte' kan worden geregistreerd vanaf twee maanden voor het "
        "einde van de PV-termijn (vanaf 01-09-2018)."
    ]
    assert regels.pvt_gegevens(g, {"reden_niet_voldaan": R.ZIEKTE}, date(2018, 9, 1)).toegestaan


def test_rule_catalogue_is_verbatim_and_has_no_fs_codes():
    catalogus = [waarde for waarde in vars(meldingen).values() if isinstance(waarde, Melding)]
    assert len(catalogus) > 30 and all(melding.code == "" for melding in catalogus)
    # The texts the pages showed before the rules layer, unchanged (seed 000 §4.4 where it gives them).
    assert (
        meldingen.GEEN_IBAN.tekst
        == "U kunt geen factuur invoeren, omdat er geen IBAN van uw gemeente bekend is"
    )
    assert meldingen.GEEN_LENING_OF_VOLDAAN.tekst == (
        "U kunt alleen een factuur indienen als de inburgeraar een lening heeft bij DUO én als "
        "'Datum voldaan aan PVT-plicht' gevuld is."
    )
    assert meldingen.OVERLEDEN.weergave() == "Persoon is volgens BRP overleden"
    assert set(catalogus) >= meldingen.TOEGANG | meldingen.BLOKKADES


def test_rule_read_role_of_the_old_gemeente_is_refused_as_access(groningen, almere):
    """A-6 on the service: the old gemeente with the MUT role gets a 403, not a message to correct."""
    user = UserFactory(rollen={groningen: [Rol.WI2013MUT], almere: [Rol.WI2013MUT]})
    g = maak(almere)
    with pytest.raises(PermissionDenied, match="woont niet"):
        services.pvt_wijzigen(actor=user, gemeente=groningen, persoon=g.persoon, data={}, versie=None)
