"""The Wi2013 message catalogue: every text the Wi2013 rules, services and the DUO side show, verbatim.

Seed 000 gives no FS/AS codes for the Wi2013 pages, so every code is "" (the texts are shown without a
code). Placeholders as `inburgering.regels.Melding` fills them: <veldnaam> is the field's label, &1 and
&2 are values (a reason's label, a date as dd-mm-jjjj, a list of fields).
"""

from inburgering import messages as gedeeld
from inburgering.regels import Melding

# --- Who may change what (A-4, A-5, A-6) -------------------------------------------------------------
GEEN_ROL = Melding("", gedeeld.GEEN_TOEGANG)
NIET_WOONACHTIG = Melding(
    "", "U kunt deze gegevens niet wijzigen: de persoon woont niet (meer) in uw gemeente."
)
OVERLEDEN = Melding("", gedeeld.FS602, sleutel="FS 602")

# --- PVT registration (13-3, seed 000 §4.5) -----------------------------------------------------------
DEFINITIEF = Melding(
    "", "De registratie is definitief vastgelegd en kan niet meer worden gewijzigd.", sleutel="definitief"
)
DATUM_IN_TOEKOMST = Melding("", "De datum mag niet in de toekomst liggen.")
START_DEELNAME_ONTBREEKT = Melding(
    "", "Vul de datum start deelname PV-traject in als de datum einde gevuld is."
)
EINDE_VOOR_START = Melding("", "De datum einde deelname ligt voor de datum start deelname.")
VOLDAAN_VOOR_DEELNAME = Melding("", "De datum voldaan ligt voor de datum start deelname PV-traject.")
VOLDAAN_VOOR_PLICHT = Melding("", "De datum voldaan ligt voor de datum start PVT-plicht.")
VOLDAAN_EN_REDEN = Melding("", "Vul een datum voldaan óf een reden niet voldaan in, niet allebei.")
MOET_LEEG = Melding("", "'<veldnaam>' moet leeg zijn bij de reden '&1'.")
MOET_GEVULD = Melding("", "'<veldnaam>' moet gevuld zijn bij de reden '&1'.")
GEEN_EINDE_PVT_PLICHT = Melding(
    "", "Er is geen einddatum van de PVT-plicht bekend; een reden kan nog niet worden geregistreerd."
)
PAS_NA_TERMIJN = Melding(
    "", "De reden '&1' kan pas worden geregistreerd nadat de PV-termijn is overschreden (na &2)."
)
VANAF_TWEE_MAANDEN = Melding(
    "",
    "De reden '&1' kan worden geregistreerd vanaf twee maanden voor het einde van de PV-termijn (vanaf &2).",
)

# --- Factuur (13-4, seed 000 §4.4) --------------------------------------------------------------------
GEEN_IBAN = Melding(
    "", "U kunt geen factuur invoeren, omdat er geen IBAN van uw gemeente bekend is", sleutel="geen_iban"
)
GEEN_LENING_OF_VOLDAAN = Melding(
    "",
    "U kunt alleen een factuur indienen als de inburgeraar een lening heeft bij DUO én als "
    "'Datum voldaan aan PVT-plicht' gevuld is.",
    sleutel="niet_mogelijk",
)
GEEN_FACTUUR = Melding("", "Geen factuur gevonden.", sleutel="geen_factuur")
AL_EEN_FACTUUR = Melding(
    "",
    "Er is al een factuur voor deze persoon. Per persoon kan één factuur worden ingediend.",
    sleutel="al_een_factuur",
)
GEACCEPTEERD = Melding(
    "",
    "De factuur is geaccepteerd door de inburgeraar en kan niet meer worden gewijzigd of verwijderd.",
    sleutel="geaccepteerd",
)
FACTUURNUMMER = Melding(
    "", "Het factuurnummer mag maximaal 16 posities en moet alfanumeriek zijn. Bijvoorbeeld ABCDEF1234567890."
)
DEBITEURNUMMER = Melding("", "Het debiteurnummer mag maximaal 10 posities en moet alfanumeriek zijn.")
FACTUURDATUM_VERPLICHT = Melding("", "Het veld 'Factuurdatum' is verplicht")
FACTUURDATUM_IN_TOEKOMST = Melding("", "De factuurdatum mag niet in de toekomst liggen.")

# --- DUO side (wi2013.duo: the admin and the chain events) ---------------------------------------------
GEEN_DUO_VELDEN = Melding("", "Deze velden zijn geen DUO-gegevens en kunnen hier niet worden gewijzigd: &1.")
EINDE_PVT_VOOR_START = Melding("", "De datum einde PVT-plicht ligt voor de datum start PVT-plicht.")
MB_ZONDER_RECHT = Melding(
    "",
    "'Maatschappelijke begeleiding gemeld bij BZK' is alleen gevuld (Ja of Nee) als er recht op "
    "maatschappelijke begeleiding is.",
)
MB_JAAR_ONTBREEKT = Melding(
    "", "Vul het jaar van de melding bij BZK (meicirculaire) in als de melding Ja is."
)
MB_JAAR_ZONDER_MELDING = Melding("", "Het jaar van de melding bij BZK hoort alleen bij een melding Ja.")
AL_GEACCEPTEERD = Melding("", "De factuur is al geaccepteerd door de inburgeraar; weigeren kan niet meer.")
ONGELDIGE_STATUS = Melding("", "Ongeldige indicatie status factuur &1: kies 1 tot en met 5.")

# A refusal of access is a 403, as the role check of inburgering.access: the page offers nothing to do.
TOEGANG = frozenset({GEEN_ROL, NIET_WOONACHTIG})
# Refusals of a whole action that leave nothing to fill in: a change page shows the message, not the form.
BLOKKADES = frozenset({OVERLEDEN, DEFINITIEF, GEEN_IBAN, GEEN_LENING_OF_VOLDAAN, GEEN_FACTUUR, AL_EEN_FACTUUR,
                       GEACCEPTEERD})  # fmt: skip
