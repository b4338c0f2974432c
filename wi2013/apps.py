from django.apps import AppConfig


class Wi2013Config(AppConfig):
    name = "wi2013"
    verbose_name = "Wet inburgering 2013"

    def ready(self):
        from inburgering.constants import Rol
        from inburgering.registry import Onderdeel, registreer_onderdeel

        # Seed 002 §3.1 lists the Wi2013 parts; the read variant gives way to the MUT variant.
        lezen, mut = frozenset({Rol.WI2013}), frozenset({Rol.WI2013MUT})
        for onderdeel in (
            Onderdeel(
                "Raadplegen persoon 2013",
                "Raadplegen van persoonsgegevens voor de Wet Inburgering 2013",
                lezen,
                niet_met=mut,
                url_name="wi2013:zoeken",
            ),
            Onderdeel(
                "Raadplegen en muteren persoon 2013",
                "Raadplegen en muteren van persoonsgegevens voor de Wet Inburgering 2013",
                mut,
                url_name="wi2013:zoeken",
            ),
            Onderdeel(
                "Raadplegen signalen 2013",
                "Raadplegen van signalen onder de Wet Inburgering 2013",
                lezen,
                niet_met=mut,
                url_name="signalen:zoeken",
                url_kwargs=(("wet", "wi2013"),),
            ),
            Onderdeel(
                "Raadplegen en muteren signalen 2013",
                "Raadplegen en muteren van signalen onder de Wet Inburgering 2013",
                mut,
                url_name="signalen:zoeken",
                url_kwargs=(("wet", "wi2013"),),
            ),
            Onderdeel("PVT waardepapieren bestellen", "Hier kunt u PVT waardepapieren bestellen", mut),
        ):
            registreer_onderdeel(onderdeel)

        from . import demo, extracten, ketenberichten, signalering, termijnregels

        signalering.registreer()  # SS613/SS614 on moves
        ketenberichten.registreer()  # wi2013_pvt_vastgesteld, wi2013_gegevens_gewijzigd, factuur_*
        termijnregels.registreer()  # SS602, SS603, SS604
        demo.registreer()  # demo Wi2013 data in every state
        extracten.registreer()  # PVT extract, Maatschappelijke begeleiding, COA declaraties

        from django.urls import reverse

        from inburgering.registry import registreer_persoon_url

        registreer_persoon_url(
            "WI2013", lambda persoon: reverse("wi2013:persoon", kwargs={"persoon": persoon.pk})
        )
