"""Issue 13 item 4: schemathesis over the whole schema, in process against the WSGI app: every operation with
schema-valid and schema-invalid input, with a valid key, on real persons as well as random ids. No server
error, and every answer (status, content type, headers, body) as the schema describes it.

Bounded (EXAMPLES per operation and mode, derandomized) so it stays well under a minute; CI runs it as
part of the normal suite (marker `schemathesis`)."""

from collections import Counter
from datetime import date

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from inburgering.constants import Wet
from signalen.models import Signaal
from tests.api.test_toegang import ENDPOINTS
from tests.factories import PersoonFactory, SignaalFactory
from tests.wi2021.aanbod_data import aanbod
from wi2021.constants import Alfabetisering, Doelgroep, Leerroute, Niveau
from wi2021.models import Inburgeringsaanbod, Inburgeringsplicht, Pip

pytestmark = [pytest.mark.django_db, pytest.mark.schemathesis]

EXAMPLES = 5
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance, negative_data_rejection]  # fmt: skip


@pytest.fixture
def wsgi_app(settings):
    """The real WSGI stack (every middleware) in this thread, so the test transaction holds, as Django's
    test client does it: without closing the connection at each request's end."""
    settings.PIB_API_LIMIET = "100000/min"
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def personen(groningen, wi2013_pvt):
    """One person per law in the key's gemeente, with a signal each: real ids for the path parameters."""
    from wi2007.models import Wi2007Persoon

    p7 = PersoonFactory(wet=Wet.WI2007, woongemeente=groningen)
    Wi2007Persoon.objects.create(persoon=p7)
    p13 = wi2013_pvt(datum_voldaan=date(2018, 6, 1), lening_duo=True).persoon
    p21 = PersoonFactory(wet=Wet.WI2021, woongemeente=groningen)
    plicht = Inburgeringsplicht.objects.create(
        persoon=p21, datum_start=date(2024, 3, 1), doelgroep=Doelgroep.ASIELSTATUSHOUDER
    )
    # A PIP of the key's gemeente with an aanbod, so the aanbod, MAP, PVT and uren rules are reached.
    moment = timezone.now()
    Pip.objects.create(plicht=plicht, gemeente=groningen, dagtekening=date(2024, 4, 1),
                       dagtekening_initieel=date(2024, 4, 1), geregistreerd_op=moment, initieel_geregistreerd_op=moment,
                       leerroute=Leerroute.O, niveau=Niveau.B1, alfabetisering=Alfabetisering.NVT)  # fmt: skip
    aanbod(plicht, groningen)
    for persoon in (p7, p13, p21):
        SignaalFactory(
            persoon=persoon,
            wet=persoon.wet,
            code={"WI2007": "SS001", "WI2013": "SS601"}.get(persoon.wet, "SS101"),
        )
    return {Wet.WI2007: p7, Wet.WI2013: p13, Wet.WI2021: p21}


def _uitvoeren(operation, app, kop: dict, *, mode, path_parameters=None, teller: Counter) -> None:
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))  # fmt: skip
    def run(case):
        response = case.call(app=app, headers=kop)
        case.validate_response(response, checks=CHECKS)
        teller[response.status_code] += 1

    run()


def test_issue13_schemathesis_whole_schema_no_server_errors_no_violations(wsgi_app, cvs, personen):
    client = cvs()
    kop = {"Authorization": client._credentials["HTTP_AUTHORIZATION"]}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)
    operaties = [resultaat.ok() for resultaat in schema.get_all_operations()]
    teller: Counter = Counter()
    assert len(operaties) == len(ENDPOINTS)  # every operation, as the permission table names them
    for operation in operaties:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _uitvoeren(operation, wsgi_app, kop, mode=mode, teller=teller)
        if "{persoon_id}" in operation.path:
            wet = operation.path.split("/")[3].upper()
            echt = {"persoon_id": personen[wet].pk}
            if "{aanbod_id}" in operation.path:
                echt["aanbod_id"] = Inburgeringsaanbod.objects.get().pk
            _uitvoeren(
                operation, wsgi_app, kop, mode=GenerationMode.POSITIVE, path_parameters=echt, teller=teller
            )
    assert Signaal.objects.exists()
    assert not [s for s in teller if s >= 500]
    # The figures for the issue's closing note (`pytest -s` or `-rP` shows them).
    print(
        f"schemathesis: {len(operaties)} operations, {sum(teller.values())} cases, per status {sorted(teller.items())}"
    )
