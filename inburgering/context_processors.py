from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .registry import navigatie_voor


def portal(request):
    """Header and footer data for every page: who is logged in, the active gemeente, SCI contact."""
    toegang = getattr(request, "toegang", None)
    user = getattr(request, "user", None)
    # Until the second factor is passed the page shows nothing of the portal: no menu, no counts.
    ingelogd = bool(user and user.is_authenticated and (not settings.PIB_TWEE_FACTOR or user.is_verified()))
    return {
        "volledig_ingelogd": ingelogd,
        "toegang": toegang,
        "actieve_gemeente": toegang.gemeente if toegang else None,
        "sci_telefoon": settings.SCI_TELEFOON,
        "sci_email": settings.SCI_EMAIL,
        # Lazy: pages without the navigation bar (login, errors) run none of its queries.
        "navigatie": SimpleLazyObject(
            lambda: navigatie_voor(request) if toegang and toegang.gemeente else []
        ),
    }
