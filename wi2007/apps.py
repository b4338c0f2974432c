from django.apps import AppConfig


class Wi2007Config(AppConfig):
    name = "wi2007"
    verbose_name = "Wet inburgering 2007"

    def ready(self):
        from inburgering.constants import Rol
        from inburgering.registry import Onderdeel, registreer_onderdeel

        # Seed 002 §3.1: the parts of the role 'Raadplegen gegevens WI2007'. Pages follow in the Wi2007 issue.
        lezen = frozenset({Rol.WI2007})
        registreer_onderdeel(
            Onderdeel(
                "Raadplegen persoon 2007",
                "Raadplegen van persoonsgegevens voor de Wet Inburgering 2007",
                lezen,
                url_name="wi2007:zoeken",
            )
        )
        registreer_onderdeel(
            Onderdeel(
                "Raadplegen signalen 2007",
                "Raadplegen van signalen voor de Wet Inburgering 2007",
                lezen,
                url_name="signalen:zoeken",
                url_kwargs=(("wet", "wi2007"),),
            )
        )

        from . import demo, extracten, ketenberichten, services, signalering, termijnregels

        signalering.registreer()  # SS001/SS008/SS011 on moves, death, departure; SS009/SS010/SS012/SS052
        services.registreer()  # recompute ISI Actief/Definitief after BRP changes
        ketenberichten.registreer()  # wi2007_* chain-event types
        termijnregels.registreer()  # SS004, SS007, SS066
        demo.registreer()  # demo persons in every Wi2007 state
        extracten.registreer()  # ISI, ISI_VANAF2011, Termijnoverschrijdingen, Diplomamodellenboek

        from django.urls import reverse

        from inburgering.registry import registreer_persoon_url

        registreer_persoon_url(
            "WI2007", lambda persoon: reverse("wi2007:persoon", kwargs={"persoon": persoon.pk})
        )
