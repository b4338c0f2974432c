from django.apps import AppConfig


class SignalenConfig(AppConfig):
    name = "signalen"
    verbose_name = "Signalen"

    def ready(self):
        from inburgering.gebeurtenissen import PersoonsgegevensGewijzigd, abonneer
        from inburgering.registry import DemoAanvulling, registreer_demo, registreer_navigatie

        from . import demo, extracten, services

        registreer_navigatie(_navigatie)
        abonneer(PersoonsgegevensGewijzigd, services.bij_persoonsgegevens_gewijzigd)
        extracten.registreer()
        # Last of the demo steps: the deadline rules and the caseworkers run after the laws fed their events.
        registreer_demo(DemoAanvulling("signalen", demo.per_batch, demo.samenvatting, afronden=demo.afronden))


def _navigatie(request):
    """S-2: one item per readable law with the open signals of the active gemeente (one query)."""
    from django.urls import reverse

    from inburgering.constants import Wet
    from inburgering.registry import NavItem

    from .selectors import open_aantallen

    toegang = request.toegang
    wetten = [wet for wet in Wet.values if toegang.mag_lezen(wet)]
    if not wetten:
        return []
    aantallen = open_aantallen(toegang.gemeente)
    items = []
    for volgorde, wet in enumerate(wetten, start=20):
        slug = wet.lower()
        items.append(
            NavItem(
                f"Signalen {wet[2:]}",
                reverse("signalen:zoeken", kwargs={"wet": slug}),
                teller=aantallen.get(wet, 0),
                volgorde=volgorde,
                actief_pad=f"/signalen/{slug}/",
            )
        )
    return items
