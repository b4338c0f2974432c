"""The Wi2021 message catalogue: every row of seed 001 §4.2 with its verbatim text (data/meldingen.json,
distilled in WI2021.md section 4), plus the texts the manual shows only as images or not at all (D-11,
D-13, D-22, D-32), marked as ours by an empty code.

Rows are addressed by their number in WI2021.md ("b14" = FS 677 in "Opvoeren en wijzigen PIP-gegevens"):
FS 999 is one code with 24 texts, so the code alone does not identify a message.
"""

import json
from functools import cache
from pathlib import Path

from inburgering.regels import Melding


@cache
def _rijen() -> dict[str, dict]:
    pad = Path(__file__).parent / "data" / "meldingen.json"
    return {rij["nr"]: rij for rij in json.loads(pad.read_text(encoding="utf-8"))}


def melding(nr: str) -> Melding:
    rij = _rijen()[nr]
    return Melding(code=rij["code"], tekst=rij["tekst"])


def alle_rijen() -> list[dict]:
    return list(_rijen().values())


# §4.2 a — common to every view of a person, and (b–h) to every mutation.
FS603 = melding("a1")
FS617 = melding("a2")
FS636 = melding("a3")
FS642 = melding("a4")
FS655 = melding("a5")
AS602 = melding("a6")
FS602 = melding("b1")
FS674 = melding("b12")
FS675 = melding("b13")

# §4.2 b/c — PIP.
FS638 = melding("b5")
FS640 = melding("b6")
FS641 = melding("b7")
FS656 = melding("b11")
FS677 = melding("b14")
FORMAATFOUT = melding("b15")
DATUM_ONGELDIG = melding("b16")
DATUM_IN_TOEKOMST = melding("b17")
VELD_VERPLICHT = melding("b18")
ALLEEN_ASIEL_B1 = melding("b19")
AS605 = melding("b20")
AS606 = melding("b21")
FS643 = melding("c6")
FS645 = melding("c7")

# Texts the manual gives only as images or not at all; ours, so without a code.
GEEN_RESULTATEN = Melding("", "Er zijn geen zoekresultaten gevonden.")
GEEN_RESULTATEN_BSN = Melding(
    "", "Er zijn geen zoekresultaten gevonden. Controleer of u het juiste BSN hebt ingevoerd."
)
# S-16: the manual recommends at least one criterion without wording it; the signal search's text (§3.2.1).
MINSTENS_EEN_CRITERIUM = Melding("", "Vul ten minste een van de onderstaande velden in.")
DERTIG_DAGEN = Melding(
    "",
    "De datum dagtekening ligt meer dan 1 maand (30 dagen) in het verleden. Weet u zeker dat deze datum juist is?",
    attentie=True,
    sleutel="30-dagen",
)  # D-13: confirmed like an AS
ACHTTIEN_MAANDEN = Melding(
    "",
    "De inburgeringstermijn is meer dan 18 maanden geleden gestart. "
    "Wijzigen van de leerroute is in principe niet meer mogelijk.",
    attentie=True,
    sleutel="18-maanden",
)  # D-11
VERHUISD = Melding("", "Deze persoon is verhuisd. Werk de gegevens binnen 1 maand bij.")  # D-22, SS122/SS123

# The overview S-18: the manual's own texts (WI2021.md §4.k) and the wording D-22 chose for its images.
GEEN_PIP = Melding("", "Deze inburgeraar heeft nog geen persoonlijk plan inburgering en participatie (PIP).")
PIP_GEMELD_TITEL = "PIP gemeld bij DUO."
PIP_GEMELD = Melding(
    "",
    "Het persoonlijk plan inburgering en participatie (PIP) is gemeld bij DUO. Het PIP is nu nog niet definitief "
    "bij DUO geregistreerd. DUO hanteert hiervoor een termijn van 2 weken. U kunt de datum dagtekening PIP nog "
    "wijzigen. Ook kunt u het PIP nog verwijderen. Twee weken na registratie van het PIP is deze definitief "
    "geregistreerd en stelt DUO de inburgeringstermijn vast op basis van de datum dagtekening PIP.",
)
GEEN_CONTACTPERSOON = Melding("", "Er is aan deze inburgeringsplichtige nog geen contactpersoon gekoppeld.")
VERBLIJFSDOEL_GEWIJZIGD = Melding("", "Het verblijfsdoel van deze persoon is gewijzigd.")  # R-PL-4, one month
RECHTEN_OP_VERZOEK = Melding("", "De rechten van het verblijfsdoel zijn op verzoek gewijzigd.")  # R-PL-4
AANBOD_GEZINSMIGRANT = Melding(
    "",
    "Voor personen in de doelgroep 'Gezinsmigrant en overige migrant' kunt u geen inburgeringsaanbod doorgeven.",
)

# §4.2 f/g — MAP and PVT (Wi2021 2/3). The FS 999 date texts exist per action; f and g read the same.
FS657 = melding("f7")
FS667 = melding("f8")
FS627 = melding("g4")
FS629 = melding("g5")
MAP_DATUM_ONGELDIG = melding("f11")
MAP_DATUM_IN_TOEKOMST = melding("f12")
MAP_DATUM_VOOR_START = melding("f13")
PVT_DATUM_ONGELDIG = melding("g12")
PVT_DATUM_IN_TOEKOMST = melding("g13")
PVT_DATUM_VOOR_START = melding("g14")
# §4.2 h — deelgenomen uren.
FS646_UREN = melding("h6")
FS659 = melding("h8")
FS660 = melding("h9")
FS666 = melding("h10")
UREN_FORMAATFOUT = melding("h13")
UREN_DATUM_ONGELDIG = melding("h14")
UREN_VELD_VERPLICHT = melding("h15")
UREN_VOOR_START = melding("h16")
UREN_NA_EINDE = melding("h17")
UREN_IN_TOEKOMST = melding("h18")

# MAP, PVT and uren: the manual's own texts outside §4.2 (WI2021.md §4.k) and ours (D-16, D-22), without code.
MAP_EINDGESPREK = Melding(
    "", "De MAP gegevens zijn niet meer te wijzigen: er is een eindgesprek Z-route doorgegeven."
)  # D-16, decided wording
MAP_NVT = Melding("", "De MAP is geen onderdeel van de Onderwijsroute (O-route).")  # §3.6.8.1, R-MP-1
TRAJECT_AL_DOORGEGEVEN = Melding("", "Het &1 resultaat is al doorgegeven. Wijzig het bestaande resultaat.")
TRAJECT_NIET_DOORGEGEVEN = Melding("", "Er is geen &1 resultaat doorgegeven.")
MAP_VERWIJDEREN_VRAAG = "Weet u zeker dat u het MAP resultaat wilt verwijderen?"  # S-39, verbatim
MAP_VERWIJDEREN_UREN = "Als u voor MAP al uren hebt doorgegeven, moet u het totaal aantal uren zelf bijwerken in 'Deelgenomen uren'."
PVT_VERWIJDEREN_VRAAG = "Weet u zeker dat u het PVT resultaat wilt verwijderen?"  # S-42, verbatim
PVT_VERWIJDEREN_UREN = "Als u voor PVT al uren hebt doorgegeven, moet u het totaal aantal uren zelf bijwerken in 'Deelgenomen uren'."
UREN_TEL_OP = (
    "Tel het aantal uren dat u nu wilt doorgeven op bij het aantal dat tot nu toe is doorgegeven"  # S-43
)
UREN_DATUM_HINT = "Vul de datum in tot wanneer het nieuwe totaal aantal uren geldt"  # S-43, S-44
# The same two texts the overview (S-18) shows in B-10; the lead keeps one copy when merging.
GEEN_UREN_TAALLES = Melding("", "Er zijn nog geen uren taalles en KNM doorgegeven.")
UREN_GEZINSMIGRANT = Melding(
    "",
    "Voor personen in de doelgroep 'Gezinsmigrant en overige migrant' kunt u geen uren taalles en KNM doorgeven.",
)
GEEN_EXAMENS = Melding("", "Er zijn nog geen examens")  # verbatim, without a period
GEEN_BOETES = Melding("", "Er zijn (nog) geen boetes opgelegd door DUO.")  # D-35

UREN_ANDERE_INSTELLING = Melding(
    "", "Controleer hieronder wat tot nu toe is doorgegeven voor deze instelling en bewaar opnieuw."
)


# --- Inburgeringsaanbod (§4.2 d and e; S-32…S-36) ------------------------------------------------------
FS646 = melding("d7")
FS648 = melding("d8")
FS649 = melding("d9")
FS671 = melding("d10")
FS672 = melding("d11")
FS673 = melding("d12")
AANBOD_DATUM_ONGELDIG = melding("d15")
WIJZIGEN_AANBOD_NIET_MEER = melding("d16")
GEEN_AANBOD_VOOR_INSTELLING = melding("e9")  # &1 BSN, &2 instelling (D-19)
GEEN_AANBOD_VOOR_ZAKENPARTNER = melding("e10")  # &1 BSN
INTREKKEN_NA_TWEEENHALF_JAAR = melding("e11")

# Ours (the manual has no code for these).
AANBOD_BESTAAT_AL = Melding(
    "",
    "Er is al een actueel inburgeringsaanbod voor deze instelling. Wijzig het bestaande inburgeringsaanbod.",
)  # D-32
AANBOD_ANDERE_GEMEENTE = Melding(
    "", "U kunt de inburgeringsaanbiedingen van een andere gemeente niet wijzigen of verwijderen."
)  # R-ACC-7 (§3.6.7.2 "U kunt de inburgeringsaanbiedingen van de vorige gemeente niet wijzigen.")
AANBOD_ONDERWIJSROUTE_START = Melding(
    "",
    "De datum start opleiding ligt meer dan 6 maanden na de datum inschrijving instelling. Een persoon in de "
    "Onderwijsroute moet binnen 6 maanden na het aanbod met de opleiding kunnen starten; anders verlengt DUO "
    "de inburgeringstermijn met zes maanden.",
    attentie=True,
    sleutel="6-maanden",
)  # R-AB-8, M-24, D-32: a hint (confirmed like an AS, D-07), never a refusal
# D-22: B-8, S-32 and S-35.
GEEN_AANBOD_DOORGEGEVEN = Melding("", "Er is voor deze persoon nog geen inburgeringsaanbod doorgegeven.")
AANBOD_VERWIJDEREN_A = Melding("", "Weet u zeker dat u dit inburgeringsaanbod wilt verwijderen?")
AANBOD_VERWIJDEREN_B = Melding(
    "",
    "Weet u zeker dat u dit inburgeringsaanbod (en daarmee ook de gekoppelde uren taalles en KNM) wilt "
    "verwijderen?",
)


# --- Leerbaarheidstoets (§3.6.5; B-6, S-21…S-23). §4.2 has no LBT rows: the field texts borrow the FS 999
# patterns (D-21), the rest is D-22's wording or ours.
LBT_LENGTE_ONGELDIG = melding("i4")  # "<veld>: Lengte is ongeldig" (D-21: Overig max 140, fn 15)
LBT_VELD_VERPLICHT = melding("b18")  # "<veldnaam>: Veld is verplicht"
LBT_ONTHEVEN = Melding("", "Deze persoon is ontheven van de leerbaarheidstoets.")  # D-22, B-6
LBT_ONTHEF_VRAAG = Melding(
    "",
    "Weet u zeker dat u deze persoon wilt ontheffen van de leerbaarheidstoets? De ontheffing is definitief, "
    "u kunt deze niet meer intrekken.",
)  # D-22, S-21
LBT_OPNIEUW_VERSTUURD = Melding(
    "",
    "Uw verzoek tot het opnieuw inplannen van de Leerbaarheidstoets is verstuurd. De Leerbaarheidstoets is "
    "binnen 2 werkdagen weer beschikbaar.",
)  # D-22, after S-22
LBT_GEEN_GEGEVENS = Melding("", "Er zijn nog geen gegevens van een leerbaarheidstoets bekend.")
LBT_ALLEEN_EIGEN_GEMEENTE = Melding(
    "",
    "De informatie over de Leerbaarheidstoets ziet u alleen bij inburgeringsplichtigen uit uw eigen gemeente.",
)  # R-ACC-10, §3.6.5: the old gemeente after a move
LBT_AL_ONTHEVEN = Melding("", "Deze persoon is al ontheven van de leerbaarheidstoets.")
LBT_AL_AFGENOMEN = Melding(
    "",
    "De Leerbaarheidstoets is al afgenomen. Ontheffen is alleen mogelijk zolang de toets nog niet is afgenomen.",
)  # R-LBT-3
LBT_OPNIEUW_ALLEEN_NA_N = Melding(
    "",
    "Opnieuw aanvragen is alleen mogelijk na het resultaat 'Nee, is niet in staat het B1 of A2 niveau te halen "
    "binnen 3 jaar'.",
)  # R-LBT-4, D-23
LBT_AL_OPNIEUW_AANGEVRAAGD = Melding("", "De Leerbaarheidstoets is al opnieuw aangevraagd.")
# --- Advies ontheffing BIO (§3.6.14, S-46…S-48, R-BIO, D-22, D-24) and waardepapieren (§3.9, S-54, R-WP) --
# §4.2 has no messages for either action (WI2021.md §4): the field checks reuse the FS 999 patterns of §4.2
# b and i with the field's label, an unknown contactpersoon is FS 650 (D-20); the rest is D-22's wording.
LENGTE_ONGELDIG = melding("i4")  # "<veld>: Lengte is ongeldig"
VERPLICHT = melding("i5")  # "<veld>: Veld is verplicht"
EMAIL_ONGELDIG = melding("i1")
TELEFOON_ONGELDIG = melding("i2")
FS650 = melding("b9")  # "Contact onbekend"
BIO_TITEL = "Advies ontheffing bijzondere individuele omstandigheden (BIO)"  # S-46 (D-22)
BIO_TOELICHTING_TITEL = "Toelichting advies ontheffing bijzondere individuele omstandigheden (BIO)"  # S-48
BIO_UITLEG = (
    "Via de Portal Inburgering kunt u uw advies over een ontheffing BIO aan DUO doorgeven. Aan de hand van uw "
    "advies beoordeelt DUO of een ontheffing BIO toegekend of afgewezen moet worden."
)  # §3.6.14, verbatim
BIO_CONTACT_VRAAG = (
    "Hebt u contact gehad met de inburgeraar voordat het aanvraagformulier werd opgestuurd?"  # D-22
)
BIO_GEEN_CONTACT = (
    "U hebt aangegeven dat u geen contact hebt gehad met de inburgeraar. Wilt u toch doorgaan met het "
    "doorgeven van het advies?"
)  # S-47 (D-22)
BIO_PRIVACY = "In verband met privacywetgeving mogen hier GEEN medische gegevens worden ingevuld"  # S-48
BIO_CONTACTPERSOON_HINT = (
    "Selecteer een contactpersoon. Komt de persoon nog niet voor in de lijst, voeg deze dan toe bij Beheren "
    "contactpersoon."
)  # S-48, verbatim
BIO_VRAGEN = (
    "Is er aanvullende informatie beschikbaar bij de gemeente (bijvoorbeeld informatie in het kader van de brede "
    "intake of uit voortgangsgesprekken) die relevant is voor de beoordeling van ontheffing BIO2021? Zo ja, welke "
    "informatie en waarom is dit relevant voor de BIO ontheffing?",
    "Is er volgens de gemeente sprake van bijzondere individuele omstandigheden waardoor het voor de "
    "inburgeringsplichtige onmogelijk of uiterst moeilijk is om aan de inburgeringsplicht te voldoen? Zo ja, "
    "welke? Zo nee, waarom niet?",
    "Leidt het vasthouden aan de inburgeringsplicht in het gegeven geval tot een zeer schrijnende situatie? "
    "Licht toe.",
)  # S-48, verbatim
BIO_MAXIMUM = "U kunt de vragen beantwoorden met een maximum van 1167 tekens per vraag."  # fn 35, verbatim
BIO_EEN_KEER = (
    "Let op: U kunt het advies maar één keer doorgeven aan DUO. Controleer of u alles correct hebt ingevuld. "
    "Weet u zeker dat u het advies wilt doorgeven?"
)  # §3.6.14, verbatim (D-24: the confirmation before "Geef door aan DUO")
BIO_AL_GEGEVEN = Melding("", "U kunt het advies maar één keer doorgeven aan DUO.")  # R-BIO-4, verbatim
BIO_GEEN_VERZOEK = Melding(
    "", "DUO heeft voor deze persoon geen advies gevraagd. U kunt (nog) geen advies BIO doorgeven."
)  # D-24: only after SS140
BIO_BESLOTEN = Melding(
    "", "DUO heeft al een besluit genomen op de aanvraag ontheffing. U kunt geen advies BIO meer doorgeven."
)
BIO_GELUKT = "Het advies BIO is doorgegeven aan DUO."  # D-22
BIO_DOORGEGEVEN_OP = "Advies doorgegeven aan DUO op {datum}"  # D-22, B-14
BIO_NIET_GEVRAAGD = "DUO heeft voor deze persoon geen advies gevraagd."
BIO_GEVRAAGD = "DUO heeft op {datum} uw advies gevraagd over een aanvraag ontheffing BIO."

WP_LABEL_AANTAL = "Aantal sets waardepapieren (PVT set 25 stuks, Z-route set 50 stuks)"  # S-54, verbatim
WP_UITLEG = (
    "Vul de gevraagde gegevens in. In het veld 'Soort waardepapier' selecteert u het door u gewenste "
    "waardepapier (PVT of Z-route).",
    "Van het PVT waardepapier bestelt u altijd een veelvoud van 25 stuks. U moet minimaal één set bestellen en u "
    "kunt maximaal 40 sets bestellen.",
    "Van het Z-route-waardepapier bestelt u altijd een veelvoud van 50 stuks. U moet minimaal één set bestellen "
    "en u kunt maximaal 2 sets bestellen.",
    "Controleer uw invoer. Klopt uw bestelling? Klik op 'Bestel' om de bestelling door te geven. De "
    "waardepapieren worden per aangetekende post verstuurd.",
)  # §3.9, verbatim
WP_MEER_DAN_VIER = Melding(
    "",
    "U bestelt meer dan 4 sets PVT-waardepapier. Dit aantal is hoger dan verwacht.",
    attentie=True,
    sleutel="meer-dan-4-sets",
)  # D-22/D-38 (the box says "LET OP"), confirmed like an AS (D-07)
WP_MAXIMAAL = {
    "PVT": Melding("", "Aantal sets: U kunt maximaal 40 sets PVT-waardepapier bestellen"),
    "Z": Melding("", "Aantal sets: U kunt maximaal 2 sets Z-route waardepapier bestellen"),
}  # D-22
WP_MINIMAAL = Melding("", "Aantal sets: U moet minimaal één set bestellen")  # §3.9 "minimaal één set"
WP_GELUKT = "Uw bestelling is ontvangen. U ontvangt een bevestiging per e-mail."  # D-22
# --- Z-route eindgesprek and certificaten (§3.6.15, §3.6.16; S-49…S-52). The manual shows these texts only as
# images: the wording is D-22's; the date errors follow its "FS 999 pattern" (code FS 999, "<veld>: …").
EINDGESPREK_UITLEG = (
    "Inburgeraars in de Zelfredzaamheidsroute ronden hun inburgeringstraject af met een eindgesprek bij de "
    "gemeente. Na twee weken is de datum definitief en wordt de inburgeringsplicht beëindigd."
)  # S-49
EINDGESPREK_BEWAAR_UITLEG = (
    "Vul de datum van het eindgesprek in en klik op 'Bewaar'. Er verschijnt vervolgens een melding dat de datum "
    "succesvol is doorgegeven aan DUO."
)  # S-50, §3.6.15 verbatim
EINDGESPREK_TWEE_WEKEN = (
    "Na twee weken is de datum definitief en wordt de inburgeringsplicht van de persoon beëindigd. Tot die tijd "
    "kunt u de datum van het eindgesprek nog wijzigen."
)  # §3.6.15 verbatim (R-Z-4)
EINDGESPREK_GELUKT = "De datum van het eindgesprek Z-route is doorgegeven aan DUO."  # R-Z-3
EINDGESPREK_IN_TOEKOMST = Melding("FS 999", "Datum eindgesprek: Datum mag niet in toekomst liggen")
EINDGESPREK_VOOR_MAP = Melding(
    "FS 999", "Datum eindgesprek: Datum mag niet voor datum voldaan aan MAP liggen"
)
EINDGESPREK_VOOR_PVT = Melding(
    "FS 999", "Datum eindgesprek: Datum mag niet voor datum voldaan aan PVT liggen"
)
EINDGESPREK_NIET_MOGELIJK = Melding(
    "",
    "Eindgesprek Z-route doorgeven is alleen mogelijk voor inburgeraars in de Zelfredzaamheidsroute die de MAP "
    "en het PVT hebben afgerond.",
)  # R-Z-1
EINDGESPREK_ANDERE_GEMEENTE = Melding(
    "",
    "De datum van het eindgesprek Z-route is doorgegeven door een andere gemeente en kan niet worden gewijzigd.",
)  # ours, like FS 667/FS 627 for MAP and PVT (R-ACC-9)
CERTIFICAAT_AFHANDELEN_VRAAG = "Weet u zeker dat u dit certificaat wilt afhandelen?"  # S-52 (D-22)
CERTIFICAAT_AFGEHANDELD = "De wijzigingen zijn succesvol opgeslagen."  # S-52 success (D-22)
CERTIFICAAT_AL_AFGEHANDELD = Melding("", "Dit certificaat is al afgehandeld.")
CERTIFICAAT_ONBEKEND = Melding("", "Dit certificaat bestaat niet voor uw gemeente.")
GEEN_CERTIFICATEN = "Er zijn geen Z-route certificaten gevonden."
