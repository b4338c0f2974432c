from celery import shared_task

from . import mails_contactpersonen, services, services_z_route


@shared_task
def pips_definitief_maken() -> int:
    """Daily (R-PIP-10): initial PIPs registered two weeks ago become final; DUO sets the termijn (SS102)."""
    return services.pips_definitief_maken()


@shared_task
def weekmail_contactpersonen() -> int:
    """Monday 07:00 (D-27): each contactpersoon one e-mail with the counts of its new signals."""
    return mails_contactpersonen.weekmail_versturen()


@shared_task
def koppelmail_contactpersonen() -> int:
    """Daily 18:00 (R-CP-9, D-27): at most one e-mail per contactpersoon about the day's koppelingen."""
    return mails_contactpersonen.koppelmail_versturen()


@shared_task
def mailrondes_hervatten() -> int:
    """Every five minutes: finish a contactpersoon mail run whose worker died."""
    return mails_contactpersonen.rondes_hervatten()


@shared_task
def eindgesprekken_definitief_maken() -> int:
    """Daily (R-Z-4): eindgesprekken Z-route registered two weeks ago become final; the plicht ends, the
    certificate is issued and the gemeente gets SS141."""
    return services_z_route.eindgesprekken_definitief_maken()
