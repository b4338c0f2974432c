#!/usr/bin/env python
import os
import sys

# Issue 8 item 7: only these run as the owner of the tables; everything else as the application's role.
OWNER_COMMANDS = {"migrate", "grant_app_role"}

if __name__ == "__main__":
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):  # unset or empty
        os.environ["DJANGO_SETTINGS_MODULE"] = "pib.settings.dev"
    if sys.argv[1:2] and sys.argv[1] in OWNER_COMMANDS:
        os.environ["PIB_DATABASE_OWNER"] = "1"  # connect with DATABASE_MIGRATE_URL when it is set
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
