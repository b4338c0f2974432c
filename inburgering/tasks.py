"""The worker's registry of this app's jobs; each is thin and idempotent and lives next to its service."""

from .downloads.tasks import bouw_extracten_gemeente, bouw_nachtelijke_extracten  # noqa: F401
from .outbox.tasks import veeg_uitgaande_mail, verstuur_uitgaande_mail  # noqa: F401
