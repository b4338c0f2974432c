from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .registry import navigatie_voor


def portal(request):
    """Header and footer data for every page: who is logged in, the active gemeente, SCI contact."""
    toegang = getattr(request, "toegang", None)
    return {
        "toegang": toegang,
        "actieve_gemeente": toegang.gemeente if toegang else None,
        "sci_telefoon": settings.SCI_TELEFOON,
        "sci_email": settings.SCI_EMAIL,
        # Lazy: pages without the navigation bar (login, errors) run none of its queries.
        "navigatie": SimpleLazyObject(
            lambda: navigatie_voor(request) if toegang and toegang.gemeente else []
        ),
    }
