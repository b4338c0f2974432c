"""The one table base of the portal: NL Design System markup, three-click sorting, bounded counts."""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet

import django_tables2 as tables
from django_tables2.rows import BoundRows


def _queryset(rijen) -> QuerySet | None:
    """The queryset under django-tables2's wrappers (BoundRows → TableQuerysetData → QuerySet), if any."""
    while not isinstance(rijen, QuerySet) and hasattr(rijen, "data"):
        rijen = rijen.data
    return rijen if isinstance(rijen, QuerySet) else None


def _sorteert_op_annotatie(qs: QuerySet) -> bool:
    """Whether the query sorts on a computed column (a subquery per row, say): no index yields that order."""
    return any(isinstance(v, str) and v.lstrip("-") in qs.query.annotations for v in qs.query.order_by)


class BegrensdePaginator(Paginator):
    """Counts at most `GRENS` rows: "Er zijn meer dan 10.000 …" beats counting a million on every page.

    A deep page reads its keys first: PostgreSQL computes every selected column of the rows an OFFSET skips,
    so page 400 of a signal list paid the per-row subqueries (doelgroep, contactpersoon) for 8 000 rows
    (160 ms at a million persons). The keys in their order come from the sorted query without those
    columns; the page's rows are then read by key. The same holds for any page sorted on a computed column
    (Doelgroep, Contactpersoon: a subquery per row): PostgreSQL computes it for every row of the gemeente
    to sort them, and the keys-first read spares those rows the join of the person's columns."""

    GRENS = 10_000
    DIEP = 200  # from this offset on

    @cached_property
    def count(self) -> int:
        data = _queryset(self.object_list)
        if data is not None:
            # Only the keys: the row annotations (EXISTS per row for a column) would otherwise be computed
            # for up to 10 001 rows just to count them; annotations used in a filter stay in the WHERE.
            return data.order_by().values("pk")[: self.GRENS + 1].count()
        return len(self.object_list)

    def _get_page(self, object_list, number, paginator):
        """Django's page bounds, then (deep pages, computed sorts) the keys-first read of the slice it took."""
        deel, geheel = _queryset(object_list), _queryset(self.object_list)
        if deel is None or geheel is None:
            return super()._get_page(object_list, number, paginator)
        if deel.query.low_mark < self.DIEP and not _sorteert_op_annotatie(deel):
            return super()._get_page(object_list, number, paginator)
        sleutels = list(deel.values_list("pk", flat=True))
        per_sleutel = geheel.in_bulk(sleutels)
        records = [per_sleutel[sleutel] for sleutel in sleutels if sleutel in per_sleutel]
        return super()._get_page(BoundRows(records, table=object_list.table), number, paginator)

    @property
    def begrensd(self) -> bool:
        return self.count > self.GRENS


class PibTable(tables.Table):
    """Sorting cycles ascending → descending → unsorted on a third click (seed 001 §3.2.1, seed 002 §3.6).

    The query string is the user's to write: RequestConfig already drops a non-numeric page or per_page
    (→ defaults), unknown sort columns (→ default order) and turns a page past the end into the last one;
    here the numbers are bounded, so ?per_page=-1 or 100000 neither breaks nor loads the whole table.
    """

    PER_PAGINA_MAX = 100
    # The table's name for screen readers (a visually hidden <caption>, WCAG 1.3.1): what one row is about.
    bijschrift = ""

    class Meta:
        template_name = "components/table.html"
        attrs = {"class": "utrecht-table pib-table"}
        orderable = True
        default = ""  # an empty value stays empty, as in the manuals' screens

    def paginate(self, paginator_class=BegrensdePaginator, per_page=None, page=1, *args, **kwargs):
        if per_page is not None:
            per_page = min(max(per_page, 1), self.PER_PAGINA_MAX)
        if isinstance(page, int):
            page = max(page, 1)
        return super().paginate(paginator_class, per_page, page, *args, **kwargs)


@dataclass(frozen=True)
class Sorteerstand:
    """What a sortable header tells a screen reader: its sort state (`aria-sort`) and what a click does."""

    aria_sort: str  # "ascending", "descending" or "" (not sorted on this column: no aria-sort)
    volgende: str


def sorteerstand(column) -> Sorteerstand:
    """The state of a django-tables2 BoundColumn in the three-click cycle of `volgende_sortering`."""
    if not column.is_ordered:
        return Sorteerstand("", "sorteer oplopend")
    if column.order_by_alias.is_descending:
        return Sorteerstand("descending", "sortering opheffen")
    return Sorteerstand("ascending", "sorteer aflopend")


def volgende_sortering(huidige: str | None, kolom: str) -> str | None:
    """The `sort` value the header of `kolom` links to; None removes the sorting."""
    if huidige == kolom:
        return f"-{kolom}"
    if huidige == f"-{kolom}":
        return None
    return kolom
