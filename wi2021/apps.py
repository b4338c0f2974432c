from django.apps import AppConfig


class Wi2021Config(AppConfig):
    name = "wi2021"
    verbose_name = "Wet inburgering 2021"

    def ready(self):
        from inburgering.constants import Rol
        from inburgering.registry import Onderdeel, registreer_onderdeel

        # Seed 001 §3.1: parts 02–07 and 18 per role; the read variant gives way to the MUT variant.
        lezen, mut = frozenset({Rol.WI2021}), frozenset({Rol.WI2021MUT})
        for onderdeel in (
            Onderdeel(
                "Raadplegen persoon 2021",
                "Raadplegen persoonsgegevens voor de Wet Inburgering 2021",
                lezen,
                niet_met=mut,
                url_name="wi2021:zoeken",
            ),
            Onderdeel(
                "Raadplegen en muteren persoon 2021",
                "Raadplegen en muteren persoonsgegevens voor de Wet Inburgering 2021",
                mut,
                url_name="wi2021:zoeken",
            ),
            Onderdeel(
                "Raadplegen signalen 2021",
                "Raadplegen signalen voor de Wet Inburgering 2021",
                lezen,
                niet_met=mut,
                url_name="signalen:zoeken",
                url_kwargs=(("wet", "wi2021"),),
            ),
            Onderdeel(
                "Raadplegen en muteren signalen 2021",
                "Raadplegen en muteren signalen voor de Wet Inburgering 2021",
                mut,
                url_name="signalen:zoeken",
                url_kwargs=(("wet", "wi2021"),),
            ),
            Onderdeel(
                "Z-route certificaten downloaden 2021",
                "Downloaden van Z-route certificaten voor de Wet Inburgering 2021",
                mut,
                url_name="wi2021:z_certificaten",
            ),
            Onderdeel(
                "Contactpersonen 2021",
                "Beheren contactpersonen voor de Wet Inburgering 2021",
                mut,
                url_name="wi2021:contactpersonen",
            ),
            Onderdeel(
                "Waardepapieren bestellen",
                "Bestellen van PVT- en Z-route waardepapieren",
                mut,
                url_name="wi2021:waardepapieren",
            ),
        ):
            registreer_onderdeel(onderdeel)

        from . import extracten

        # Before the signal CSV re-registers itself (signaaluitbreidingen): S-53 lists the manual's file first.
        extracten.registreer()  # Inburgeraars 2021 extract, SPUK bestand (R-DL, D-28)

        from django.urls import reverse

        from inburgering.registry import registreer_persoon_url

        # Where a Wi2021 BSN leads: "Selecteren signalen" and "Onder welke wet" open the overview (S-18).
        registreer_persoon_url(
            "WI2021", lambda persoon: reverse("wi2021:overzicht", kwargs={"persoon": persoon.pk})
        )

        from . import demo, ketenberichten, signaaluitbreidingen, signalering, termijnregels

        signaaluitbreidingen.registreer()  # S-02/S-03: Contactpersoon and Doelgroep on the signal pages

        signalering.registreer()  # SS111, SS120–SS123, SS139 from BRP facts
        ketenberichten.registreer()  # the DUO chain events of WI2021.md section 7
        termijnregels.registreer()  # SS126, SS127

        from . import selectors_aanbod, services_uren

        # Uren taalles en KNM hang under an aanbod: S-35 variant B and their removal with it (R-UR-11).
        selectors_aanbod.registreer_uren(
            selectors_aanbod.UrenKoppeling(
                gekoppeld=services_uren.aanbiedingen_met_uren,
                verwijderen=services_uren.uren_van_aanbod_verwijderen,
            )
        )
        demo.registreer()  # demo Wi2021 persons in every state, told through chain events and the PIP services
