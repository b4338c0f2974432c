"""A test app for a worker *process*: it dies while the weekly contactpersoon run queues its mails.

While the file PIB_TEST_STERF_WEEKMAIL exists, the PIB_TEST_STERF_BIJ-th INSERT into the outbox this process
sends to the database removes the file and ends the process on the spot, inside the run's batch transaction:
no exception handler, no `finally`, no acknowledgement — as a killed worker (the database rolls that batch
back). A database execute wrapper, because the run inserts its batches with bulk_create (no model signals)."""

import os
from pathlib import Path

from django.apps import AppConfig
from django.db.backends.signals import connection_created


class SterfBijMailrij(AppConfig):
    name = "tests.jobs"
    label = "sterven_bij_mailrij"

    def ready(self):
        teller = {"n": 0}
        bij = int(os.environ.get("PIB_TEST_STERF_BIJ", "0") or 10**9)

        def misschien_sterven(execute, sql, params, many, context):
            if sql.lstrip().lower().startswith('insert into "inburgering_uitgaandemail"'):
                teller["n"] += 1
                if teller["n"] >= bij:
                    try:
                        Path(os.environ["PIB_TEST_STERF_WEEKMAIL"]).unlink()
                    except (FileNotFoundError, KeyError):
                        pass
                    else:
                        os._exit(17)
            return execute(sql, params, many, context)

        def bij_verbinding(sender, connection, **kwargs):
            connection.execute_wrappers.append(misschien_sterven)

        connection_created.connect(bij_verbinding, weak=False)
