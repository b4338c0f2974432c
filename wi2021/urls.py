from django.urls import path

from . import (
    views_aanbod,
    views_contactpersonen,
    views_lbt,
    views_map_pvt,
    views_overzicht,
    views_pip,
    views_uren,
    views_z_route,
    views_zoeken,
)

app_name = "wi2021"

urlpatterns = [
    # S-15…S-17
    path("zoeken/", views_zoeken.zoeken, name="zoeken"),
    path("gevonden/", views_zoeken.gevonden, name="gevonden"),
    # S-18 and its history pages (S-19, S-20, S-31).
    path("personen/<int:persoon>/", views_overzicht.overzicht, name="overzicht"),
    path(
        "personen/<int:persoon>/doelgroep/historie/",
        views_overzicht.doelgroep_historie,
        name="doelgroep_historie",
    ),
    path(
        "personen/<int:persoon>/inburgeringsplicht/historie/",
        views_overzicht.plicht_historie,
        name="plicht_historie",
    ),
    path("personen/<int:persoon>/pip/historie/", views_overzicht.pip_historie, name="pip_historie"),
    # PIP (S-24…S-30)
    path("personen/<int:persoon>/pip/doorgeven/<int:stap>/", views_pip.pip_doorgeven, name="pip_doorgeven"),
    path("personen/<int:persoon>/pip/wijzigen/<int:stap>/", views_pip.pip_wijzigen, name="pip_wijzigen"),
    path("personen/<int:persoon>/pip/verwijderen/", views_pip.pip_verwijderen, name="pip_verwijderen"),
    # MAP and PVT (S-37…S-42) and the uren (S-43, S-44).
    path("personen/<int:persoon>/map/doorgeven/", views_map_pvt.map_doorgeven, name="map_doorgeven"),
    path("personen/<int:persoon>/map/wijzigen/", views_map_pvt.map_wijzigen, name="map_wijzigen"),
    path("personen/<int:persoon>/map/verwijderen/", views_map_pvt.map_verwijderen, name="map_verwijderen"),
    path("personen/<int:persoon>/pvt/doorgeven/", views_map_pvt.pvt_doorgeven, name="pvt_doorgeven"),
    path("personen/<int:persoon>/pvt/wijzigen/", views_map_pvt.pvt_wijzigen, name="pvt_wijzigen"),
    path("personen/<int:persoon>/pvt/verwijderen/", views_map_pvt.pvt_verwijderen, name="pvt_verwijderen"),
    path(
        "personen/<int:persoon>/uren/gemeente/<str:soort>/", views_uren.uren_doorgeven, name="uren_doorgeven"
    ),
    path("personen/<int:persoon>/uren/instelling/", views_uren.uren_instelling, name="uren_instelling"),
    # Inburgeringsaanbod (S-32…S-36)
    path("personen/<int:persoon>/aanbod/", views_aanbod.aanbod, name="aanbod"),
    path("personen/<int:persoon>/aanbod/toevoegen/", views_aanbod.aanbod_toevoegen, name="aanbod_toevoegen"),
    path(
        "personen/<int:persoon>/aanbod/<int:aanbod>/wijzigen/",
        views_aanbod.aanbod_wijzigen,
        name="aanbod_wijzigen",
    ),
    path(
        "personen/<int:persoon>/aanbod/<int:aanbod>/verwijderen/",
        views_aanbod.aanbod_intrekken,
        name="aanbod_intrekken",
    ),
    path("personen/<int:persoon>/aanbod/historie/", views_aanbod.aanbod_historie, name="aanbod_historie"),
    # Contactpersonen 2021 (S-04…S-13)
    path("contactpersonen/", views_contactpersonen.contactpersonen, name="contactpersonen"),
    path("contactpersonen/toevoegen/", views_contactpersonen.toevoegen, name="contactpersoon_toevoegen"),
    path(
        "contactpersonen/<int:contactpersoon>/wijzigen/",
        views_contactpersonen.wijzigen,
        name="contactpersoon_wijzigen",
    ),
    path(
        "contactpersonen/<int:contactpersoon>/verwijderen/",
        views_contactpersonen.verwijderen,
        name="contactpersoon_verwijderen",
    ),
    path("contactpersonen/<int:contactpersoon>/caseload/", views_contactpersonen.caseload, name="caseload"),
    path(
        "contactpersonen/<int:contactpersoon>/caseload/historie/",
        views_contactpersonen.caseload_historie,
        name="caseload_historie",
    ),
    path(
        "contactpersonen/<int:contactpersoon>/caseload/overdragen/",
        views_contactpersonen.caseload_overdragen,
        name="caseload_overdragen",
    ),
    path(
        "personen/<int:persoon>/contactpersoon/koppelen/",
        views_contactpersonen.koppelen,
        name="contactpersoon_koppelen",
    ),
    path(
        "personen/<int:persoon>/contactpersoon/ontkoppelen/",
        views_contactpersonen.ontkoppelen,
        name="contactpersoon_ontkoppelen",
    ),
    # Leerbaarheidstoets (S-21…S-23)
    path("personen/<int:persoon>/leerbaarheidstoets/onthef/", views_lbt.lbt_onthef, name="lbt_onthef"),
    path("personen/<int:persoon>/leerbaarheidstoets/opnieuw/", views_lbt.lbt_opnieuw, name="lbt_opnieuw"),
    path("personen/<int:persoon>/leerbaarheidstoets/historie/", views_lbt.lbt_historie, name="lbt_historie"),
]

# Advies ontheffing BIO (S-46…S-48) and waardepapieren (S-54).
from . import views_bio_waardepapieren  # noqa: E402

urlpatterns += [
    path("personen/<int:persoon>/bio/", views_bio_waardepapieren.bio_advies, name="bio_advies"),
    path(
        "personen/<int:persoon>/bio/geen-contact/",
        views_bio_waardepapieren.bio_geen_contact,
        name="bio_geen_contact",
    ),
    path(
        "personen/<int:persoon>/bio/toelichting/",
        views_bio_waardepapieren.bio_toelichting,
        name="bio_toelichting",
    ),
    path("waardepapieren/", views_bio_waardepapieren.waardepapieren, name="waardepapieren"),
    # Z-route: eindgesprek (S-49, S-50) and certificaten (S-51, S-52).
    path("personen/<int:persoon>/eindgesprek/", views_z_route.eindgesprek_uitleg, name="eindgesprek_uitleg"),
    path(
        "personen/<int:persoon>/eindgesprek/datum/", views_z_route.eindgesprek_datum, name="eindgesprek_datum"
    ),
    path("z-route-certificaten/", views_z_route.certificaten, name="z_certificaten"),
    path(
        "z-route-certificaten/<int:certificaat>/download/",
        views_z_route.certificaat_download,
        name="z_certificaat_download",
    ),
    path(
        "z-route-certificaten/<int:certificaat>/afhandelen/",
        views_z_route.certificaat_afhandelen,
        name="z_certificaat_afhandelen",
    ),
]
