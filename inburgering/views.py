from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import services
from .access import SESSION_KEY
from .forms import BsnForm, ContactForm
from .models import Gemeente
from .registry import onderdelen_voor
from .selectors import onder_welke_wet
from .zoeken import PARAMETER, VERLOPEN, naar_resultaat, zoekopdracht

WET_ZOEKEN = "onder_welke_wet"  # the kind of stored search (inburgering.zoeken)


def start(request):
    """Onderdelenscherm "Inburgering": only the parts the roles for the active gemeente allow (A-2)."""
    return render(request, "inburgering/start.html", {"onderdelen": onderdelen_voor(request.toegang.rollen)})


@require_POST
def gemeente_kiezen(request):
    """ "Gekozen gemeente": switch to another gemeente the user is authorised for."""
    gemeente = Gemeente.objects.filter(code=request.POST.get("gemeente", "")).first()
    if gemeente is None:
        raise PermissionDenied("U bent niet geautoriseerd voor deze gemeente.")
    services.gemeente_kiezen(actor=request.user, toegang=request.toegang, gemeente=gemeente)
    request.session[SESSION_KEY] = gemeente.id
    volgende = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        volgende = reverse("inburgering:start")
    return HttpResponseRedirect(volgende)


def wet_zoeken(request):
    """ "Zoeken wet inburgering" (seed 001 §3.4, seed 002 §3.10). The form POSTs and the answer is shown
    at `?zoekopdracht=…`, so the BSN stays out of URLs, logs and the browser history."""
    if not request.toegang.rollen:
        raise PermissionDenied("U hebt geen rol voor de gekozen gemeente.")
    uitkomst = None
    if request.method == "POST":
        form = BsnForm(request.POST)
        if form.is_valid():
            return naar_resultaat(request, WET_ZOEKEN, reverse("inburgering:wet_zoeken"))
    elif (data := zoekopdracht(request, WET_ZOEKEN)) is not None:
        form = BsnForm(data)
        if form.is_valid():
            uitkomst = onder_welke_wet(
                actor=request.user, toegang=request.toegang, bsn=form.cleaned_data["bsn"]
            )
    else:
        form = BsnForm()
        if PARAMETER in request.GET:
            messages.warning(request, VERLOPEN)
    return render(request, "inburgering/wet_zoeken.html", {"form": form, "uitkomst": uitkomst})


def contact(request):
    """ "Contact met DUO": SCI details and the contact form (seed 001 §2.3)."""
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.contactbericht_versturen(
            actor=request.user, gemeente=request.toegang.gemeente, data=form.cleaned_data
        )
        messages.success(request, "Uw bericht is verstuurd naar het Servicecentrum Inburgering.")
        return redirect("inburgering:contact")
    return render(request, "inburgering/contact.html", {"form": form})


@login_not_required
def toegankelijkheid(request):
    """The accessibility statement (Besluit digitale toegankelijkheid overheid): public, so the login page's
    footer can link to it too."""
    return render(request, "inburgering/toegankelijkheid.html")


@login_not_required
def healthz(request):
    """Liveness for the load balancer and docker-compose: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def _foutpagina(template: str, status: int):
    def view(request, exception=None):
        return render(request, template, status=status)

    return login_not_required(view)


fout_400 = _foutpagina("400.html", 400)
fout_403 = _foutpagina("403.html", 403)
fout_404 = _foutpagina("404.html", 404)
fout_500 = _foutpagina("500.html", 500)
