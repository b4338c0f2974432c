from django.apps import AppConfig


class InburgeringConfig(AppConfig):
    name = "inburgering"
    verbose_name = "Inburgering (gedeelde kern)"

    def ready(self):
        from .constants import Rol
        from .registry import Onderdeel, registreer_onderdeel

        alle_rollen = frozenset(Rol.values)
        registreer_onderdeel(
            Onderdeel(
                titel="Onder welke wet valt een persoon",
                omschrijving="Hier kunt u opzoeken onder welke wet een persoon valt.",
                rollen=alle_rollen,
                url_name="inburgering:wet_zoeken",
            )
        )
        registreer_onderdeel(
            Onderdeel(
                titel="Downloaden bestanden",
                omschrijving="Downloaden bestanden voor Inburgering",
                rollen=alle_rollen,
            )
        )
