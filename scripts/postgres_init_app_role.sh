#!/bin/sh
# docker-compose: run by the postgres image once, on an empty data volume. Creates the application's login
# role (issue 8 item 7); it owns nothing, and `manage.py grant_app_role` (the migrate service) gives it its
# rights: every table read/write, the audit trail only SELECT and INSERT.
set -eu
psql -v ON_ERROR_STOP=1 -v pw="$PIB_APP_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE pib_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'pw';
SQL
