"""Issue 12 deliverable 1: Contactpersonen 2021 (S-04…S-13, R-CP, §4.2 i, D-20, D-21, D-22, D-46)."""

import re
from datetime import date

from django.db import DatabaseError
from django.template.loader import render_to_string
from django.urls import reverse

import pytest

from inburgering.constants import Rol
from inburgering.models import AuditActie, AuditEntry
from inburgering.regels import Geweigerd
from tests.factories import UserFactory
from wi2021 import regels
from wi2021 import services_contactpersonen as services
from wi2021.models import Contactpersoon, Koppeling
from wi2021.selectors_contactpersonen import blok_contactpersoon

pytestmark = pytest.mark.django_db
LIJST = reverse("wi2021:contactpersonen")
TOEVOEGEN = reverse("wi2021:contactpersoon_toevoegen")


def cp(gemeente, naam="Henk", email=None, **kwargs) -> Contactpersoon:
    return Contactpersoon.objects.create(
        gemeente=gemeente, naam=naam, email=email or f"{naam.lower()}@gemeente.nl", **kwargs
    )


def koppel(persoon, contactpersoon, **kwargs) -> Koppeling:
    kwargs.setdefault("gekoppeld_op", None)
    return Koppeling.objects.create(
        persoon=persoon, gemeente=contactpersoon.gemeente, contactpersoon=contactpersoon, **kwargs
    )


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def fouten(pagina: str) -> list[str]:
    return re.findall(r'class="utrecht-form-field-error-message pib-error"[^>]*>([^<]*)<', pagina)


def formulier(**velden) -> dict:
    data = {
        "naam": "Connie Talens",
        "telefoon": "0612312312",
        "email": "c.talens@gemeente.nl",
        "algemeen": "nee",
    }
    data.update(velden)
    return data


# --- S-04 / start screen ----------------------------------------------------------------------------------


def test_item1_start_item_07_leads_to_s04_for_mut_only(login, medewerker, raadpleger):
    start = reverse("inburgering:start")
    assert f'href="{LIJST}"' in html(login(medewerker).get(start))
    assert "Contactpersonen 2021" not in html(login(raadpleger).get(start))


def test_item1_s04_empty_state_and_button(login, medewerker):
    pagina = html(login(medewerker).get(LIJST))
    assert "Er zijn nog geen contactpersonen voor uw gemeente geregistreerd." in pagina  # D-22
    assert ">Voeg contactpersoon toe</a>" in pagina


def test_item1_s04_lists_columns_and_links(login, medewerker, groningen, almere):
    henk = cp(groningen, telefoon="0651487644", algemeen=True)
    cp(almere, naam="Anders")
    pagina = html(login(medewerker).get(LIJST))
    for kop in ("Naam contactpersoon", "Telefoonnummer", "E-mailadres", "Alg. contact"):
        assert kop in pagina
    assert "0651487644" in pagina and "henk@gemeente.nl" in pagina and "Anders" not in pagina
    for naam in ("caseload", "contactpersoon_wijzigen", "contactpersoon_verwijderen"):
        assert reverse(f"wi2021:{naam}", args=[henk.pk]) in pagina


# --- S-07 / S-08 and the §4.2 i messages (rendered per D-19) ---------------------------------------------------


def test_item1_s07_toevoegen_saves_and_returns_to_s04(login, medewerker, groningen):
    client = login(medewerker)
    response = client.post(TOEVOEGEN, formulier())
    assert response.status_code == 302 and response["Location"] == LIJST
    nieuw = Contactpersoon.objects.get()
    assert (nieuw.gemeente, nieuw.naam, nieuw.telefoon, nieuw.algemeen) == (
        groningen,
        "Connie Talens",
        "0612312312",
        False,
    )
    assert "Connie Talens" in html(client.get(LIJST))
    entry = AuditEntry.objects.get(actie=AuditActie.AANMAKEN)
    assert entry.gebruiker == "medewerker" and entry.wijzigingen["email"] == [None, "c.talens@gemeente.nl"]


def test_item1_s07_labels_optional_and_help_text(login, medewerker):
    pagina = html(login(medewerker).get(TOEVOEGEN))
    for tekst in ("Vul hieronder de gegevens van de contactpersoon bij uw gemeente in.", "Naam contactpersoon",
                  "Telefoonnummer <span class=\"pib-optional\">optioneel</span>", "E-mailadres",
                  "Algemeen contactpersoon", "Is deze persoon de algemene contactpersoon van uw gemeente voor DUO? "
                  "Per gemeente is er maximaal 1 algemeen contactpersoon aan te wijzen.", ">Bewaar</button>",
                  ">annuleer</a>", "← Terug naar contactpersonen beheren"):  # fmt: skip
        assert tekst in pagina, tekst


def test_fs999_i1_email_ongeldig(login, medewerker):
    pagina = html(login(medewerker).post(TOEVOEGEN, formulier(email="henk@")))
    assert fouten(pagina) == ["FS 999 E-mailadres: E-mailadres is ongeldig"]
    assert 'value="henk@"' in pagina and not Contactpersoon.objects.exists()  # what was typed stays


def test_fs999_i2_telefoonnummer_ongeldig(login, medewerker):
    pagina = html(login(medewerker).post(TOEVOEGEN, formulier(telefoon="06 123 45")))
    assert fouten(pagina) == ["FS 999 Telefoonnummer: Telefoonnummer is ongeldig"]
    assert login(medewerker).post(TOEVOEGEN, formulier(telefoon="+31-6123")).status_code == 302
    assert Contactpersoon.objects.get().telefoon == "+31-6123"  # digits, + and - are fine


def test_fs999_i3_fout_opslaan_contact(medewerker, groningen, monkeypatch):
    """A failure of the save itself (disk full, lost connection, …) is reported with gemeentecode and number;
    the failure is injected into the model's save because it cannot be provoked with valid input."""
    henk = cp(groningen)

    def stuk(*args, **kwargs):
        raise DatabaseError("schijf vol")

    monkeypatch.setattr(Contactpersoon, "save", stuk)
    with pytest.raises(Geweigerd) as fout:
        services.contactpersoon_wijzigen(actor=medewerker, gemeente=groningen, contactpersoon_id=henk.pk,
                                         data=formulier(), versie=henk.versiekenmerk)  # fmt: skip
    assert [b.tekst for b in fout.value.bevindingen] == [
        f"FS 999 Fout opslaan contact voor gemeente 0014 en volgnummer {henk.pk}."
    ]
    with pytest.raises(Geweigerd) as fout:
        services.contactpersoon_toevoegen(
            actor=medewerker, gemeente=groningen, data=formulier(email="x@y.nl")
        )
    assert (
        fout.value.bevindingen[0].tekst
        == "FS 999 Fout opslaan contact voor gemeente 0014 en volgnummer nieuw."
    )


def test_fs999_i4_lengte_ongeldig_d21(login, medewerker):
    pagina = html(login(medewerker).post(TOEVOEGEN, formulier(naam="x" * 101, telefoon="1" * 21,
                                                              email="a" * 250 + "@b.nl")))  # fmt: skip
    assert fouten(pagina) == [
        "FS 999 Naam contactpersoon: Lengte is ongeldig",
        "FS 999 Telefoonnummer: Lengte is ongeldig",
        "FS 999 E-mailadres: Lengte is ongeldig",
    ]
    assert login(medewerker).post(TOEVOEGEN, formulier(naam="x" * 100, telefoon="1" * 20)).status_code == 302
    assert Contactpersoon.objects.count() == 1  # 100 and 20 are the maxima, allowed


def test_fs999_i5_veld_is_verplicht(login, medewerker):
    pagina = html(login(medewerker).post(TOEVOEGEN, formulier(naam=" ", telefoon="", email="")))
    assert fouten(pagina) == [
        "FS 999 Naam contactpersoon: Veld is verplicht",
        "FS 999 E-mailadres: Veld is verplicht",
    ]


def test_fs999_i6_email_bestaat_al_case_insensitive(login, medewerker, groningen, almere):
    cp(groningen, email="Henk@DUO.nl")
    cp(almere, naam="Ander", email="c.talens@gemeente.nl")  # another gemeente's address does not count
    client = login(medewerker)
    pagina = html(client.post(TOEVOEGEN, formulier(email="henk@duo.nl")))
    assert fouten(pagina) == [
        "FS 999 Er bestaat al een contactpersoon voor gemeente Groningen en mailadres henk@duo.nl"
    ]
    assert client.post(TOEVOEGEN, formulier()).status_code == 302


def test_item1_s08_wijzigen_prefilled_saves_and_keeps_own_email(login, medewerker, groningen):
    henk = cp(groningen, email="henk@duo.nl")
    client = login(medewerker)
    url = reverse("wi2021:contactpersoon_wijzigen", args=[henk.pk])
    pagina = html(client.get(url))
    assert (
        'value="Henk"' in pagina and 'value="henk@duo.nl"' in pagina and "Contactpersoon wijzigen" in pagina
    )
    versie = re.search(r'name="versie" value="([^"]+)"', pagina).group(1)
    response = client.post(url, formulier(naam="Henk de Vries", email="HENK@duo.nl", versie=versie))
    assert response.status_code == 302
    henk.refresh_from_db()
    assert (henk.naam, henk.email) == ("Henk de Vries", "HENK@duo.nl")


def test_item1_s08_stale_form_is_refused(login, medewerker, groningen):
    henk = cp(groningen)
    client = login(medewerker)
    url = reverse("wi2021:contactpersoon_wijzigen", args=[henk.pk])
    oud = henk.versiekenmerk
    services.contactpersoon_wijzigen(actor=medewerker, gemeente=groningen, contactpersoon_id=henk.pk,
                                     data=formulier(naam="Ander"), versie=oud)  # fmt: skip
    pagina = html(client.post(url, formulier(naam="Mijn versie", versie=oud)))
    assert "intussen door een ander gewijzigd" in pagina and 'value="Mijn versie"' in pagina
    assert Contactpersoon.objects.get().naam == "Ander"


# --- S-09: algemeen replacement (R-CP-3) ---------------------------------------------------------------------


def test_item1_s09_algemeen_replacement_on_add_and_change(login, medewerker, groningen):
    henk = cp(groningen, algemeen=True)
    client = login(medewerker)
    client.post(TOEVOEGEN, formulier(algemeen="ja"))
    connie = Contactpersoon.objects.get(naam="Connie Talens")
    henk.refresh_from_db()
    assert connie.algemeen and not henk.algemeen  # at most one per gemeente
    pagina = html(client.get(LIJST))
    for tekst in ("TER INFORMATIE", "Algemeen contactpersoon gewijzigd", "De toegevoegde / gewijzigde contactpersoon "
                  "is vanaf nu de algemeen contactpersoon en vervangt daarmee de vorige.", ">SLUIT</a>"):  # fmt: skip
        assert tekst in pagina
    assert "TER INFORMATIE" not in html(client.get(LIJST))  # shown once
    # Back via S-08 (fn 10: it never reverts by itself).
    url = reverse("wi2021:contactpersoon_wijzigen", args=[henk.pk])
    client.post(
        url, formulier(naam="Henk", email="henk@gemeente.nl", algemeen="ja", versie=henk.versiekenmerk)
    )
    assert list(Contactpersoon.objects.filter(algemeen=True)) == [henk]
    assert "Algemeen contactpersoon gewijzigd" in html(client.get(LIJST))


def test_item1_s09_not_shown_without_a_previous_algemeen(login, medewerker):
    client = login(medewerker)
    client.post(TOEVOEGEN, formulier(algemeen="ja"))
    assert "TER INFORMATIE" not in html(client.get(LIJST))


# --- S-05 / S-06 -----------------------------------------------------------------------------------------------


def test_item1_s05_caseload_ten_per_page_onbekend_and_s06_history(login, medewerker, groningen, plicht,
                                                                  django_assert_max_num_queries):  # fmt: skip
    henk, ander = cp(groningen), cp(groningen, naam="Ander")
    personen = [plicht().persoon for _ in range(12)]
    for persoon in personen[:11]:
        koppel(persoon, henk)
    services.koppelen(actor=medewerker, gemeente=groningen, persoon=personen[11], contactpersoon_id=henk.pk)
    services.koppelen(actor=medewerker, gemeente=groningen, persoon=personen[0], contactpersoon_id=ander.pk)
    client = login(medewerker)
    url = reverse("wi2021:caseload", args=[henk.pk])
    with django_assert_max_num_queries(14):
        pagina = html(client.get(url))
    assert len(re.findall(r'/wi2021/personen/\d+/">\d{9}</a>', pagina)) == 10
    assert "Pagina 1 van 2" in pagina and "Datum koppeling" in pagina
    assert "Onbekend" in pagina and date.today().strftime("%d-%m-%Y") in pagina
    assert "Historie" in pagina and ">Caseload overdragen</a>" in pagina
    historie = html(client.get(reverse("wi2021:caseload_historie", args=[henk.pk]), {"per_page": 20}))
    assert "Datum ingetrokken" in historie and historie.count(personen[0].bsn) == 1
    assert len(re.findall(r'/wi2021/personen/\d+/">\d{9}</a>', historie)) == 12
    assert (
        AuditEntry.objects.filter(
            actie=AuditActie.BEKIJKEN, omschrijving__startswith="WI2021 Caseload"
        ).count()
        == 2
    )


# --- S-10 / S-11 and D-46 --------------------------------------------------------------------------------------


def test_item1_s10_variant_a_deletes(login, medewerker, groningen):
    henk = cp(groningen)
    client = login(medewerker)
    url = reverse("wi2021:contactpersoon_verwijderen", args=[henk.pk])
    pagina = html(client.get(url))
    assert "Weet u zeker dat u deze contactpersoon wilt verwijderen?" in pagina
    assert "algemeen contactpersoon" not in pagina
    assert client.post(url)["Location"] == LIJST
    assert not Contactpersoon.objects.exists()
    assert AuditEntry.objects.filter(
        actie=AuditActie.VERWIJDEREN, omschrijving__contains="verwijderd"
    ).exists()


def test_item1_s10_algemeen_line_d22(login, medewerker, groningen):
    henk = cp(groningen, algemeen=True)
    pagina = html(login(medewerker).get(reverse("wi2021:contactpersoon_verwijderen", args=[henk.pk])))
    assert "Deze contactpersoon is de algemeen contactpersoon van uw gemeente." in pagina


def test_d46_s10_variant_b_leads_to_s11_and_deletes_only_with_a_transfer(
    login, medewerker, groningen, plicht
):
    henk, connie = cp(groningen, algemeen=True), cp(groningen, naam="Connie")
    personen = [plicht().persoon for _ in range(3)]
    for persoon in personen:
        koppel(persoon, henk)
    client = login(medewerker)
    url = reverse("wi2021:contactpersoon_verwijderen", args=[henk.pk])
    pagina = html(client.get(url))
    for zin in ("Deze persoon is gekoppeld aan 1 of meerdere inburgeringsplichtigen.",
                "Weet u zeker dat u deze contactpersoon toch wilt verwijderen?",
                "Als u verder gaat, moet u de caseload van deze contactpersoon overdragen aan een andere contactpersoon.",
                "Anders kunt u de contactpersoon niet verwijderen.",
                "Deze contactpersoon is de algemeen contactpersoon van uw gemeente."):  # fmt: skip
        assert zin in pagina
    overdragen = client.post(url)["Location"]
    assert overdragen == reverse("wi2021:caseload_overdragen", args=[henk.pk]) + "?verwijderen=1"
    assert Contactpersoon.objects.filter(pk=henk.pk).exists()  # "Verwijder" alone deletes nothing
    # The service refuses a deletion without a target (D-46), whoever calls it.
    with pytest.raises(Geweigerd) as fout:
        services.contactpersoon_verwijderen(actor=medewerker, gemeente=groningen, contactpersoon_id=henk.pk)
    assert "Kies een contactpersoon om de caseload aan over te dragen" in fout.value.bevindingen[0].tekst
    # S-11 without a choice: required; then with Connie: transfer and deletion together.
    assert "Contactpersoon: Veld is verplicht" in html(client.post(overdragen, {"contactpersoon": ""}))
    response = client.post(overdragen, {"contactpersoon": connie.pk})
    assert response.status_code == 302 and response["Location"] == LIJST
    assert not Contactpersoon.objects.filter(pk=henk.pk).exists()
    assert set(Koppeling.objects.actueel().values_list("persoon", "contactpersoon")) == {
        (p.pk, connie.pk) for p in personen
    }
    connie.refresh_from_db()
    assert not connie.algemeen  # D-46: no automatic successor


def test_d46_annuleer_keeps_contactpersoon_and_caseload(login, medewerker, groningen, plicht):
    henk, _cp2 = cp(groningen), cp(groningen, naam="Connie")
    koppel(plicht().persoon, henk)
    pagina = html(
        login(medewerker).get(reverse("wi2021:caseload_overdragen", args=[henk.pk]) + "?verwijderen=1")
    )
    assert f'href="{LIJST}">annuleer</a>' in pagina
    assert (
        Contactpersoon.objects.count() == 2
        and Koppeling.objects.actueel().filter(contactpersoon=henk).count() == 1
    )


def test_d46_no_other_contactpersoon_asks_to_opvoeren(login, medewerker, groningen, plicht):
    henk = cp(groningen)
    koppel(plicht().persoon, henk)
    pagina = html(
        login(medewerker).get(reverse("wi2021:caseload_overdragen", args=[henk.pk]) + "?verwijderen=1")
    )
    assert "Er is geen andere contactpersoon om de caseload aan over te dragen." in pagina
    assert f'href="{TOEVOEGEN}">opvoeren</a>' in pagina


def test_item1_s11_caseload_overdragen(login, medewerker, groningen, plicht):
    henk, connie = cp(groningen), cp(groningen, naam="Connie", telefoon="0612312312")
    personen = [plicht().persoon for _ in range(2)]
    oud = [koppel(p, henk) for p in personen]
    client = login(medewerker)
    url = reverse("wi2021:caseload_overdragen", args=[henk.pk])
    pagina = html(client.get(url))
    assert (
        "U kunt hieronder een contactpersoon bij uw gemeente selecteren om de caseload aan over te dragen."
        in pagina
    )
    assert "Details contactpersoon" in pagina and 'data-telefoon="0612312312"' in pagina
    assert f'<option value="{henk.pk}"' not in pagina  # not to itself
    assert client.post(url, {"contactpersoon": connie.pk})["Location"] == LIJST
    assert Contactpersoon.objects.filter(pk=henk.pk).exists()  # a transfer alone deletes nothing
    for koppeling in oud:
        koppeling.refresh_from_db()
        assert koppeling.ingetrokken_op is not None  # R-CP-6: history keeps them
    nieuw = Koppeling.objects.actueel().filter(contactpersoon=connie)
    assert nieuw.count() == 2 and all(k.gekoppeld_op for k in nieuw)
    assert AuditEntry.objects.filter(omschrijving="WI2021 caseload overgedragen").count() == 2


def test_d20_fs650_unknown_contactpersoon_on_s11_and_s12(login, medewerker, groningen, almere, plicht):
    henk, vreemd = cp(groningen), cp(almere, naam="Vreemd")
    p = plicht().persoon
    koppel(plicht().persoon, henk)
    client = login(medewerker)
    for waarde in (vreemd.pk, 999999, "abc"):
        pagina = html(
            client.post(reverse("wi2021:caseload_overdragen", args=[henk.pk]), {"contactpersoon": waarde})
        )
        assert "FS 650 Contact onbekend" in pagina, waarde
        pagina = html(
            client.post(reverse("wi2021:contactpersoon_koppelen", args=[p.pk]), {"contactpersoon": waarde})
        )
        assert "FS 650 Contact onbekend" in pagina, waarde
    assert not Koppeling.objects.filter(persoon=p).exists()


# --- S-12 / S-13 / B-3 -----------------------------------------------------------------------------------------


def test_item1_s12_koppelen_and_wijzigen_return_to_overview(login, medewerker, groningen, plicht):
    henk, connie = cp(groningen), cp(groningen, naam="Connie")
    p = plicht().persoon
    client = login(medewerker)
    url = reverse("wi2021:contactpersoon_koppelen", args=[p.pk])
    pagina = html(client.get(url))
    assert p.bsn in pagina and f'href="{TOEVOEGEN}">opvoeren</a>' in pagina
    overzicht = reverse("wi2021:overzicht", kwargs={"persoon": p.pk})
    assert client.post(url, {"contactpersoon": henk.pk})["Location"] == overzicht
    assert client.post(url, {"contactpersoon": connie.pk})["Location"] == overzicht  # "Wijzig"
    rijen = list(
        Koppeling.objects.filter(persoon=p).order_by("pk").values_list("contactpersoon", "ingetrokken_op")
    )
    assert [r[0] for r in rijen] == [henk.pk, connie.pk] and rijen[0][1] is not None and rijen[1][1] is None
    assert "Deze contactpersoon is al aan deze inburgeringsplichtige gekoppeld." in html(
        client.post(url, {"contactpersoon": connie.pk})
    )
    assert AuditEntry.objects.filter(bsn=p.bsn, omschrijving="WI2021 contactpersoon gekoppeld").count() == 2


def test_item1_s13_ontkoppelen_keeps_the_contactpersoon(login, medewerker, groningen, plicht):
    henk = cp(groningen)
    p = plicht().persoon
    koppel(p, henk)
    client = login(medewerker)
    url = reverse("wi2021:contactpersoon_ontkoppelen", args=[p.pk])
    assert (
        "De koppeling tussen deze contactpersoon en inburgeringsplichtige wordt verwijderd. Weet u zeker dat u deze "
        "koppeling wilt verwijderen? De contactpersoon blijft wel geregistreerd staan in de portal. U vindt deze "
        "onder &#x27;Contactpersonen beheren&#x27;." in html(client.get(url))
    )
    assert client.post(url)["Location"] == reverse("wi2021:overzicht", kwargs={"persoon": p.pk})
    assert not Koppeling.objects.actueel().exists() and Contactpersoon.objects.filter(pk=henk.pk).exists()
    assert AuditEntry.objects.filter(bsn=p.bsn, actie=AuditActie.VERWIJDEREN).count() == 1


def test_item1_deceased_person_cannot_be_linked(login, medewerker, groningen, plicht):
    henk = cp(groningen)
    p = plicht(persoon={"datum_overlijden": date(2025, 1, 2)}).persoon
    pagina = html(login(medewerker).post(reverse("wi2021:contactpersoon_koppelen", args=[p.pk]),
                                         {"contactpersoon": henk.pk}))  # fmt: skip
    assert "FS 602 Persoon is volgens BRP overleden" in pagina and not Koppeling.objects.exists()


def test_item1_b3_partial_shows_links_only_for_mut(rf, medewerker, raadpleger, groningen, plicht):
    henk = cp(groningen, telefoon="0612312312")
    p = plicht().persoon
    s = regels.situatie(p, groningen)
    leeg = render_to_string(
        "wi2021/_blok_b3_contactpersoon.html", {"b3": blok_contactpersoon(s, mag_muteren=True)}
    )
    assert (
        "LET OP" in leeg and "Er is aan deze inburgeringsplichtige nog geen contactpersoon gekoppeld." in leeg
    )
    assert ">Koppel</a>" in leeg
    koppel(p, henk)
    mut = render_to_string(
        "wi2021/_blok_b3_contactpersoon.html", {"b3": blok_contactpersoon(s, mag_muteren=True)}
    )
    for tekst in ("Henk", "henk@gemeente.nl", "0612312312", ">Wijzig</a>", ">Verwijder</a>"):
        assert tekst in mut
    lezen = render_to_string(
        "wi2021/_blok_b3_contactpersoon.html", {"b3": blok_contactpersoon(s, mag_muteren=False)}
    )
    assert "Henk" in lezen and "Wijzig" not in lezen and "Verwijder" not in lezen


# --- access: MUT only, read role refused, another gemeente 404 ----------------------------------------------------


def _urls(contactpersoon, persoon) -> list[str]:
    return [
        LIJST,
        TOEVOEGEN,
        *(reverse(f"wi2021:{naam}", args=[contactpersoon.pk]) for naam in (
            "contactpersoon_wijzigen", "contactpersoon_verwijderen", "caseload", "caseload_historie",
            "caseload_overdragen")),
        *(reverse(f"wi2021:{naam}", args=[persoon.pk]) for naam in (
            "contactpersoon_koppelen", "contactpersoon_ontkoppelen")),
    ]  # fmt: skip


def test_item1_read_role_gets_403_on_every_get_and_post(login, raadpleger, groningen, plicht):
    henk, connie = cp(groningen), cp(groningen, naam="Connie")
    p = plicht().persoon
    koppel(p, henk)
    client = login(raadpleger)
    for url in _urls(henk, p):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {**formulier(), "contactpersoon": connie.pk}).status_code == 403, url
    assert Contactpersoon.objects.count() == 2 and Koppeling.objects.actueel().get().contactpersoon == henk


def test_item1_read_role_refused_in_the_service(raadpleger, groningen):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.contactpersoon_toevoegen(actor=raadpleger, gemeente=groningen, data=formulier())


def test_item1_another_gemeente_is_404_on_every_url(login, groningen, almere, plicht):
    """Almere's contactpersoon and Almere's person, asked for by a MUT user of Groningen (the list and the
    add form have no id: they only ever show the active gemeente)."""
    vreemd = cp(almere, naam="Vreemd")
    p = plicht(persoon={"woongemeente": almere}).persoon
    koppel(p, vreemd)
    client = login(UserFactory(username="mutgroningen", rollen={groningen: [Rol.WI2021MUT]}))
    assert "Vreemd" not in html(client.get(LIJST))
    for url in _urls(vreemd, p)[2:]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {**formulier(), "contactpersoon": vreemd.pk}).status_code == 404, url
    assert Contactpersoon.objects.get() == vreemd and Koppeling.objects.actueel().count() == 1


def test_item1_s04_query_count_constant(login, medewerker, groningen, django_assert_max_num_queries):
    client = login(medewerker)
    for n in range(3):
        cp(groningen, naam=f"Persoon {n}")
    with django_assert_max_num_queries(12) as weinig:
        html(client.get(LIJST))
    for n in range(3, 30):
        cp(groningen, naam=f"Persoon {n}")
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        html(client.get(LIJST))


def test_issue15_s05_a_caseload_beyond_the_lists_cap_is_counted_exactly(login, medewerker, groningen, plicht,
                                                                        monkeypatch):  # fmt: skip
    """The lists cap their count ("meer dan 10.000"); a caseload's "Aantal inburgeringsplichtigen" and its page
    count stay exact also beyond that cap (a national demo caseload showed 10001 and "Pagina 1 van 1001")."""
    from inburgering.tables import BegrensdePaginator

    monkeypatch.setattr(BegrensdePaginator, "GRENS", 5)
    henk = cp(groningen)
    for _ in range(12):
        koppel(plicht().persoon, henk)
    pagina = html(login(medewerker).get(reverse("wi2021:caseload", args=[henk.pk])))
    assert re.search(r"<dt>Aantal inburgeringsplichtigen</dt><dd>12</dd>", pagina), pagina
    assert "Pagina 1 van 2" in pagina
