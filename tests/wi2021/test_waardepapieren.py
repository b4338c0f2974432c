"""Issue 12 "Wi2021 (3/3)" item 6: "Waardepapieren bestellen" (seed 001 §3.9; S-54; R-WP-1…R-WP-5; D-07, D-21,
D-22, D-38): the set limits per soort, the "more than 4 sets" attention, the address fields, the order stored
for beheer and the confirmation e-mail queued exactly once, in Dutch; the start-screen link (S-01, item 18)."""

from django.urls import reverse

import pytest

from inburgering.models import AuditEntry, UitgaandeMail
from tests.wi2021.mapuren import fouten, tekst
from wi2021.models import WaardepapierBestelling

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.wi2021.mapuren_fixtures"]
URL = "/wi2021/waardepapieren/"
LET_OP = "U bestelt meer dan 4 sets PVT-waardepapier. Dit aantal is hoger dan verwacht."


def bestelling(**kwargs) -> dict:
    data = {"naam": "Jan Jansen", "email": "j.jansen@groningen.nl", "telefoon": "050-1234567", "soort": "PVT",
            "aantal_sets": "2", "postcode": "9712cp", "huisnummer": "1", "toevoeging": "A",
            "straat": "Grote Markt", "plaats": "Groningen"}  # fmt: skip
    return {**data, **kwargs}


def veldfout(response, veld: str) -> str:
    import re

    gevonden = re.search(rf'id="id_{veld}_error">([^<]*)<', tekst(response))
    return gevonden.group(1) if gevonden else ""


def test_s01_item_18_links_the_form_for_the_mut_role_only(mut, login, raadpleger):
    assert f'href="{URL}"' in tekst(mut.get("/"))
    assert "Waardepapieren bestellen" not in tekst(login(raadpleger).get("/"))


def test_s54_form_shows_the_manual_labels(mut):
    pagina = tekst(mut.get(URL))
    for t in ("Waardepapieren bestellen", "Naam besteller", "E-mailadres besteller", "Telefoonnummer besteller",
              "optioneel", "Soort waardepapier", "Z-route",
              "Aantal sets waardepapieren (PVT set 25 stuks, Z-route set 50 stuks)", "Adres", "postcode",
              "huisnummer", "toevoeging", "Straat", "Plaats", "Bestel",
              "Van het PVT waardepapier bestelt u altijd een veelvoud van 25 stuks."):  # fmt: skip
        assert t in pagina, t
    assert AuditEntry.objects.filter(omschrijving="WI2021 Waardepapieren bestellen (formulier)").exists()


def test_r_wp_4_order_stored_mail_queued_once_in_dutch(mut, groningen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = mut.post(URL, bestelling(), follow=True)
    assert "Uw bestelling is ontvangen. U ontvangt een bevestiging per e-mail." in tekst(r)
    rij = WaardepapierBestelling.objects.get()
    assert (
        rij.gemeente,
        rij.soort,
        rij.aantal_sets,
        rij.aantal_stuks,
        rij.postcode,
        rij.status,
        rij.besteld_door,
    ) == (groningen, "PVT", 2, 50, "9712 CP", "ontvangen", "medewerker")
    mail = UitgaandeMail.objects.get()
    assert mail.sleutel == f"wi2021-waardepapieren-{rij.pk}" and mail.aan == ["j.jansen@groningen.nl"]
    assert mail.onderwerp == "Bevestiging bestelling waardepapieren – Groningen"
    for t in ("Beste Jan Jansen,", "Soort waardepapier: PVT", "Aantal sets: 2 (50 stuks)",
              "Adres: Grote Markt 1 A, 9712 CP Groningen", "per aangetekende post"):  # fmt: skip
        assert t in mail.tekst, t
    assert '<html lang="nl">' in mail.html and "<td>2 (50 stuks)</td>" in mail.html
    entry = AuditEntry.objects.get(object_type="wi2021.WaardepapierBestelling")
    assert entry.actie == "aanmaken" and entry.omschrijving == "Waardepapieren besteld: 2 sets PVT"


def test_r_wp_2_d07_more_than_4_pvt_sets_needs_confirmation(mut):
    r = mut.post(URL, bestelling(aantal_sets="5"))
    pagina = tekst(r)
    assert "LET OP" in pagina and LET_OP in pagina
    assert "Ik heb de melding gelezen en wil toch doorgaan" in pagina
    assert not WaardepapierBestelling.objects.exists()
    # The second submit without the tick asks again; with it the order is stored and the key audited.
    r = mut.post(URL, bestelling(aantal_sets="5", bevestigd="meer-dan-4-sets"))
    assert "Vink aan dat u de melding hebt gelezen als u toch wilt doorgaan." in tekst(r)
    assert not WaardepapierBestelling.objects.exists()
    r = mut.post(URL, bestelling(aantal_sets="5", bevestigd="meer-dan-4-sets", bevestiging="on"))
    assert r.status_code == 302 and WaardepapierBestelling.objects.get().aantal_sets == 5
    assert AuditEntry.objects.get(object_type="wi2021.WaardepapierBestelling").omschrijving == (
        "Waardepapieren besteld: 5 sets PVT (bevestigd: meer-dan-4-sets)"
    )


def test_r_wp_2_boundaries_4_pvt_sets_without_attention_40_allowed_41_refused(mut):
    assert mut.post(URL, bestelling(aantal_sets="4")).status_code == 302
    r = mut.post(URL, bestelling(aantal_sets="41"))
    assert veldfout(r, "aantal_sets") == "Aantal sets: U kunt maximaal 40 sets PVT-waardepapier bestellen"
    assert LET_OP not in tekst(r)
    r = mut.post(URL, bestelling(aantal_sets="40", bevestigd="meer-dan-4-sets", bevestiging="on"))
    assert r.status_code == 302
    assert list(WaardepapierBestelling.objects.order_by("pk").values_list("aantal_sets", flat=True)) == [
        4,
        40,
    ]


def test_r_wp_3_z_route_1_or_2_sets_of_50_no_attention(mut):
    r = mut.post(URL, bestelling(soort="Z", aantal_sets="3"))
    assert veldfout(r, "aantal_sets") == "Aantal sets: U kunt maximaal 2 sets Z-route waardepapier bestellen"
    assert mut.post(URL, bestelling(soort="Z", aantal_sets="2")).status_code == 302
    assert WaardepapierBestelling.objects.get().aantal_stuks == 100


def test_r_wp_2_minimum_one_set_and_format(mut):
    assert veldfout(mut.post(URL, bestelling(aantal_sets="0")), "aantal_sets") == (
        "Aantal sets: U moet minimaal één set bestellen"
    )
    for waarde in ("twee", "-1", "²", "1.5", "1000"):
        assert veldfout(mut.post(URL, bestelling(aantal_sets=waarde)), "aantal_sets") == (
            "FS 999 Aantal sets: Formaatfout"
        ), waarde
    assert not WaardepapierBestelling.objects.exists()


def test_r_wp_5_required_fields_fs999_veld_is_verplicht_telefoon_optional(mut):
    r = mut.post(URL, {"telefoon": ""})
    assert fouten(r) == [f"FS 999 {label}: Veld is verplicht" for label in (
        "Naam besteller", "E-mailadres besteller", "Soort waardepapier", "Aantal sets", "Postcode", "Huisnummer",
        "Straat", "Plaats")]  # fmt: skip
    assert mut.post(URL, bestelling(telefoon="", toevoeging="")).status_code == 302


def test_d21_address_and_contact_formats_and_lengths(mut):
    gevallen = {
        "postcode": (
            ("0123 AB", "9712", "9712 C1", "97123AB", "９７１２ＣＰ"),
            "FS 999 Postcode: Formaatfout",
        ),
        "huisnummer": (("0", "123456", "12a", "²"), "FS 999 Huisnummer: Formaatfout"),
        "email": (("geen-adres", "a@b"), "FS 999 E-mailadres: E-mailadres is ongeldig"),
        "telefoon": (("050 1234567", "06-abc"), "FS 999 Telefoonnummer: Telefoonnummer is ongeldig"),
        "soort": (("Certificaat",), "FS 999 Soort waardepapier: Formaatfout"),
        "naam": (("x" * 101,), "FS 999 Naam besteller: Lengte is ongeldig"),
        "toevoeging": (("ABCDEFG",), "FS 999 Toevoeging: Lengte is ongeldig"),
        "straat": (("s" * 101,), "FS 999 Straat: Lengte is ongeldig"),
        "plaats": (("p" * 81,), "FS 999 Plaats: Lengte is ongeldig"),
    }
    for veld, (waarden, melding) in gevallen.items():
        for waarde in waarden:
            r = mut.post(URL, bestelling(**{veld: waarde}))
            assert r.status_code == 200 and veldfout(r, veld) == melding, (veld, waarde)
            assert f'value="{waarde}"' in tekst(r) or veld == "soort"  # the form keeps what was typed
    for postcode in ("9712 CP", "9712cp", " 1011AB "):
        assert mut.post(URL, bestelling(postcode=postcode)).status_code == 302, postcode
    assert list(WaardepapierBestelling.objects.values_list("postcode", flat=True).order_by("pk")) == [
        "9712 CP",
        "9712 CP",
        "1011 AB",
    ]
    assert (
        mut.post(URL, bestelling(naam="n" * 100, huisnummer="99999", toevoeging="ABCDEF")).status_code == 302
    )


def test_read_role_refused_on_get_and_post(login, raadpleger):
    client = login(raadpleger)
    assert client.get(URL).status_code == 403
    assert client.post(URL, bestelling()).status_code == 403
    assert not WaardepapierBestelling.objects.exists() and not UitgaandeMail.objects.exists()


def test_order_is_for_the_active_gemeente_only(login, groningen, almere):
    from tests.factories import UserFactory

    client = login(UserFactory(username="almeerder", rollen={almere: ["WI2021", "WI2021MUT"]}))
    assert client.post(URL, bestelling()).status_code == 302
    assert WaardepapierBestelling.objects.get().gemeente == almere


def test_d38_beheer_lists_the_orders_and_marks_them_sent(client, groningen, mut):
    from tests.factories import UserFactory

    mut.post(URL, bestelling())
    beheerder = UserFactory(username="beheer", is_staff=True, is_superuser=True)
    client.force_login(beheerder)
    lijst = tekst(client.get(reverse("admin:wi2021_waardepapierbestelling_changelist")))
    assert "Jan Jansen" in lijst and "9712 CP" in lijst and "Ontvangen" in lijst
    rij = WaardepapierBestelling.objects.get()
    client.post(
        reverse("admin:wi2021_waardepapierbestelling_changelist"),
        {"action": "verzonden", "_selected_action": [rij.pk]},
    )
    rij.refresh_from_db()
    assert rij.status == "verzonden" and rij.verzonden_op is not None
    assert AuditEntry.objects.filter(object_type="wi2021.WaardepapierBestelling", actie="wijzigen").exists()
