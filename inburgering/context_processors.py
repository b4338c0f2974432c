from django.conf import settings


def portal(request):
    """Header and footer data for every page: who is logged in, the active gemeente, SCI contact."""
    toegang = getattr(request, "toegang", None)
    return {
        "toegang": toegang,
        "actieve_gemeente": toegang.gemeente if toegang else None,
        "sci_telefoon": settings.SCI_TELEFOON,
        "sci_email": settings.SCI_EMAIL,
    }
