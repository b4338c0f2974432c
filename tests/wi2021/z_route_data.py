"""Test data of the Z-route pages (Wi2021 3/3): a Z-route person with MAP and PVT done, and one whose eindgesprek
became final (certificate issued), written through the services as a caseworker and the daily job would."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wi2021 import constants as c
from wi2021 import services_map_pvt, services_z_route
from wi2021.models import EindgesprekZRoute, Inburgeringsplicht, Pip, Traject, ZRouteCertificaat


def z_route_klaar(plicht: Inburgeringsplicht, gemeente, vandaag: date):
    """A final Z-route PIP of `gemeente` with MAP and PVT registered: B-15 offers the eindgesprek."""
    moment = timezone.now() - timedelta(days=60)
    Pip.objects.create(
        plicht=plicht, gemeente=gemeente, geregistreerd_op=moment, initieel_geregistreerd_op=moment,
        dagtekening=vandaag - timedelta(days=61), dagtekening_initieel=vandaag - timedelta(days=61),
        definitief=True, leerroute=c.Leerroute.Z, niveau=c.Niveau.NVT, alfabetisering=c.Alfabetisering.NVT,
    )  # fmt: skip
    medewerker = get_user_model().objects.get(username="medewerker")
    for traject, dagen in ((Traject.MAP, 10), (Traject.PVT, 5)):
        services_map_pvt.traject_doorgeven(actor=medewerker, gemeente=gemeente, persoon=plicht.persoon,
                                           traject=traject, datum=vandaag - timedelta(days=dagen))  # fmt: skip
    return plicht.persoon


def z_route_certificaat(plicht: Inburgeringsplicht, gemeente, vandaag: date) -> ZRouteCertificaat:
    """`z_route_klaar`, the eindgesprek registered 15 days ago and made final by the daily job."""
    persoon = z_route_klaar(plicht, gemeente, vandaag)
    medewerker = get_user_model().objects.get(username="medewerker")
    gesprek = services_z_route.eindgesprek_doorgeven(actor=medewerker, gemeente=gemeente, persoon=persoon,
                                                     datum=vandaag - timedelta(days=4))  # fmt: skip
    geregistreerd = timezone.now() - timedelta(days=15)
    EindgesprekZRoute.objects.filter(pk=gesprek.pk).update(geregistreerd_op=geregistreerd)
    services_z_route.eindgesprekken_definitief_maken(
        nu=timezone.make_aware(datetime.combine(vandaag, time(0, 40)))
    )
    return ZRouteCertificaat.objects.get(eindgesprek=gesprek)
