from django.apps import AppConfig


class InburgeringConfig(AppConfig):
    name = "inburgering"
    verbose_name = "Inburgering (gedeelde kern)"

    def ready(self):
        from . import inlogaudit  # noqa: F401  (connects the login/logout audit receivers)
        from .constants import Rol
        from .registry import Onderdeel, registreer_navigatie, registreer_onderdeel

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
                url_name="downloads:lijst",
            )
        )
        registreer_navigatie(_navigatie)

        # Admin of the fixed download documents; inburgering/admin.py covers the rest of the core.
        from .downloads import admin as _downloads_admin  # noqa: F401


def _navigatie(request):
    from django.urls import reverse

    from .registry import NavItem

    start = reverse("inburgering:start")
    wet = reverse("inburgering:wet_zoeken")
    return [
        NavItem("Inburgering", start, volgorde=0, actief_pad=start),
        NavItem("Onder welke wet", wet, volgorde=10, actief_pad=wet),
        NavItem("Downloaden", reverse("downloads:lijst"), volgorde=80, actief_pad=reverse("downloads:lijst")),
    ]
