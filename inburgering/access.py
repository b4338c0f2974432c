"""The one permission layer (A-2…A-4): which gemeente a user works for and which roles they hold there.

Views read `request.toegang` (set by the middleware); services re-check with `vereis_muteren`,
so a forgotten template check can never become a mutation (A-4).
"""

from dataclasses import dataclass, field
from functools import wraps
from typing import Protocol, runtime_checkable

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .constants import LEES_ROLLEN, MUT_ROLLEN
from .messages import FS617, GEEN_TOEGANG
from .models import Autorisatie, Gemeente, Persoon

SESSION_KEY = "pib_gemeente_id"


@dataclass(frozen=True)
class Toegang:
    """What one user may do, resolved once per request."""

    gemeente: Gemeente | None
    rollen: frozenset[str]
    alle_gemeenten: bool = False
    # gemeente id -> roles, for the explicitly authorised gemeenten.
    per_gemeente: dict[int, frozenset[str]] = field(default_factory=dict)
    # roles that hold for every gemeente (helpdesk).
    overal: frozenset[str] = frozenset()
    # The explicitly authorised gemeenten by name, already loaded with the roles (no query per page).
    gemeenten: tuple[Gemeente, ...] = ()

    def mag_lezen(self, wet: str) -> bool:
        return bool(self.rollen & LEES_ROLLEN[wet])

    def mag_muteren(self, wet: str) -> bool:
        return bool(self.rollen & MUT_ROLLEN[wet])

    def mag_kiezen(self, gemeente_id: int) -> bool:
        return self.alle_gemeenten or gemeente_id in self.per_gemeente

    def kiesbare_gemeenten(self):
        """The "Gekozen gemeente" list: only gemeenten the user is authorised for."""
        if not self.alle_gemeenten:
            return self.gemeenten
        return Gemeente.objects.filter(actief=True).only("id", "code", "naam").order_by("naam")


GEEN_TOEGANG_CONTEXT = Toegang(gemeente=None, rollen=frozenset())


def toegang_voor(user, gewenste_gemeente_id: int | None) -> Toegang:
    """Resolve the active gemeente and its roles in at most two queries."""
    if not user.is_authenticated:
        return GEEN_TOEGANG_CONTEXT
    per_gemeente: dict[int, set[str]] = {}
    overal: set[str] = set()
    gemeenten: dict[int, Gemeente] = {}
    for autorisatie in Autorisatie.objects.filter(user=user).select_related("gemeente"):
        if autorisatie.gemeente is None:
            overal.add(autorisatie.rol)
        elif autorisatie.gemeente.actief:
            per_gemeente.setdefault(autorisatie.gemeente_id, set()).add(autorisatie.rol)
            gemeenten[autorisatie.gemeente_id] = autorisatie.gemeente
    alle = bool(overal)
    gemeente: Gemeente | None = None
    if gewenste_gemeente_id in gemeenten:
        gemeente = gemeenten[gewenste_gemeente_id]
    elif alle and gewenste_gemeente_id is not None:
        gemeente = Gemeente.objects.filter(id=gewenste_gemeente_id, actief=True).first()
    if gemeente is None and gemeenten:
        gemeente = min(gemeenten.values(), key=lambda g: g.naam)
    if gemeente is None and alle:
        gemeente = Gemeente.objects.filter(actief=True).order_by("naam").first()
    rollen = frozenset(overal | per_gemeente.get(gemeente.id, set())) if gemeente else frozenset()
    return Toegang(
        gemeente=gemeente,
        rollen=rollen,
        alle_gemeenten=alle,
        per_gemeente={gid: frozenset(r) for gid, r in per_gemeente.items()},
        overal=frozenset(overal),
        gemeenten=tuple(sorted(gemeenten.values(), key=lambda g: (g.naam, g.id))),
    )


@runtime_checkable
class Machineactor(Protocol):
    """An actor that is no user: an applicatiesleutel of a cliëntvolgsysteem (api/). It holds its own gemeente
    and roles instead of Autorisatie rows and answers for them from the database, so the services' check
    below treats a revoked or expired key as a withdrawn role. Its `get_username()` is the audit name."""

    def rollen_in(self, gemeente: Gemeente) -> frozenset[str]: ...

    def get_username(self) -> str: ...


def rollen_voor(user, gemeente: Gemeente) -> frozenset[str]:
    """Fresh from the database: what services use, never a cached request value."""
    if isinstance(user, Machineactor):
        return user.rollen_in(gemeente)
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return frozenset(
        Autorisatie.objects.filter(user=user).voor_gemeente(gemeente).values_list("rol", flat=True)
    )


def vereis_muteren(*, actor, gemeente: Gemeente, wet: str) -> None:
    """A-4, in the service: a mutation needs the MUT role of that law for that gemeente."""
    if not rollen_voor(actor, gemeente) & MUT_ROLLEN[wet]:
        raise PermissionDenied(GEEN_TOEGANG)


def persoon_voor(*, toegang: Toegang, wet: str | None = None, **lookup) -> Persoon:
    """A-3: the person if they live in (or are assigned to) the active gemeente, else 404 (FS 617)."""
    if toegang.gemeente is None or (wet is not None and not toegang.mag_lezen(wet)):
        raise Http404(FS617)
    qs = Persoon.objects.zichtbaar_voor(toegang.gemeente).select_related("woongemeente")
    if wet is not None:
        qs = qs.filter(wet=wet)
    try:
        return qs.get(**lookup)
    except Persoon.DoesNotExist:
        raise Http404(FS617) from None


def rol_vereist(wet: str, *, zoekformulier: bool = False):
    """View decorator: reading needs a role for `wet`; any other method needs its MUT role (A-4).

    `zoekformulier=True` marks a search page: its POST only reads (the form posts so the BSN stays out
    of the URL), so the read role suffices for it.
    """
    lezende_methoden = ("GET", "HEAD", "OPTIONS", "POST") if zoekformulier else ("GET", "HEAD", "OPTIONS")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            toegang: Toegang = request.toegang
            if not toegang.mag_lezen(wet):
                raise PermissionDenied(GEEN_TOEGANG)
            if request.method not in lezende_methoden and not toegang.mag_muteren(wet):
                raise PermissionDenied(GEEN_TOEGANG)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
