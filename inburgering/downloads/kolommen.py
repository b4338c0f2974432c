"""From one flat `values_list` row to the cells of an extract whose columns each read one or more fields."""

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol


class Kolomdeclaratie(Protocol):
    velden: tuple[str, ...]  # the values_list paths this column reads, in order
    cel: Callable[..., Any] | None  # those values → the cell; None: the one value as is


def kolomcellen(kolommen: Sequence[Kolomdeclaratie], rijen: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
    """The values_list rows (all columns' fields in order) → one cell per column, lazily."""
    plan = []
    positie = 0
    for kolom in kolommen:
        plan.append((positie, len(kolom.velden), kolom.cel))
        positie += len(kolom.velden)
    for rij in rijen:
        yield [rij[i] if cel is None else cel(*rij[i : i + n]) for i, n, cel in plan]
