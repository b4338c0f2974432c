"""Bulk inserts for generated data (seed_demo): PostgreSQL COPY where the ORM's INSERT costs too much.

At a million persons the ORM's `bulk_create` spends most of its time building and quoting the multi-row
INSERT (and PostgreSQL parsing it); COPY streams the same rows. The primary keys come from the table's
sequence first, so the objects carry their pk afterwards exactly as after `bulk_create`.
"""

from collections.abc import Iterable

from django.db import connection, models


def bulk_invoegen(
    model: type[models.Model], objs: Iterable[models.Model], *, houd: tuple[str, ...] = ()
) -> list:
    """Insert `objs` like `model.objects.bulk_create(objs)` (no model signals, no conflict handling: the
    caller left out the rows that exist). `houd` names auto_now(_add) fields whose value on the object is
    kept instead of "now" (the moment a generated event happened)."""
    objs = list(objs)
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        eigen = [[getattr(obj, veld) for veld in houd] for obj in objs]
        objs = model.objects.bulk_create(objs)
        if houd:  # bulk_create stamped the auto_now(_add) fields with "now": put the objects' own values back
            for obj, waarden in zip(objs, eigen, strict=True):
                for veld, waarde in zip(houd, waarden, strict=True):
                    setattr(obj, veld, waarde)
            model.objects.bulk_update(objs, list(houd), batch_size=500)
        return objs
    opts = model._meta
    tabel = connection.ops.quote_name(opts.db_table)
    pk = opts.pk
    with connection.cursor() as cursor:
        zonder_pk = [obj for obj in objs if obj.pk is None]
        if zonder_pk and isinstance(pk, models.AutoField):
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [opts.db_table, pk.column, len(zonder_pk)],
            )
            for obj, (waarde,) in zip(zonder_pk, cursor.fetchall(), strict=True):
                obj.pk = waarde
        velden = list(opts.concrete_fields)
        kolommen = ", ".join(connection.ops.quote_name(veld.column) for veld in velden)
        with cursor.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(
                    [
                        veld.get_db_prep_save(
                            getattr(obj, veld.attname) if veld.name in houd else veld.pre_save(obj, add=True),
                            connection,
                        )
                        for veld in velden
                    ]
                )
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
    return objs


def statistieken_bijwerken() -> None:
    """(VACUUM) ANALYZE after a bulk load. Autovacuum only catches up minutes later; until then the planner
    believes the freshly filled tables are empty and picks nested loops that turn a daily rule over a
    million persons from seconds into hours (measured: SS127 fetched 5 000 rows per 20 s). VACUUM also
    sets the visibility map, so index-only scans skip the table, as they do in production; it cannot run
    inside a transaction, where ANALYZE alone does."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
