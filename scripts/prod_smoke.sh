#!/usr/bin/env bash
# Issue 8 item 3: production without Docker. collectstatic under pib.settings.production, migrate as the
# owner role, grant the app role (issue 8 item 7), run gunicorn as the app role against PostgreSQL + Redis,
# log in with a TOTP code and fetch the start page, a Wi2007 person and its PDF.
#
#   PY=.venv/bin/python SMOKE_DB=pib_smoke SMOKE_REDIS_URL=redis://127.0.0.1:6379/14 bash scripts/prod_smoke.sh
#
# Needs a local PostgreSQL whose `postgres` role may create databases and roles (as in CI). The database
# SMOKE_DB is dropped and created anew; the roles pib_ci_owner and pib_ci_app are created when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
DB=${SMOKE_DB:-pib_smoke}
PG_ADMIN=(psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -v ON_ERROR_STOP=1 -q)
OWNER=pib_ci_owner
APP=pib_ci_app
OWNER_PW=$($PY -c 'import secrets; print(secrets.token_hex(16))')
APP_PW=$($PY -c 'import secrets; print(secrets.token_hex(16))')
WORK=$(mktemp -d)
GUNICORN_PID=""

cleanup() {
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill "$GUNICORN_PID"
    wait "$GUNICORN_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "prod smoke: database $DB, owner $OWNER, application role $APP"
"${PG_ADMIN[@]}" <<SQL
DROP DATABASE IF EXISTS "$DB" WITH (FORCE);
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$OWNER') THEN CREATE ROLE $OWNER; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP') THEN CREATE ROLE $APP; END IF;
END \$\$;
ALTER ROLE $OWNER LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$OWNER_PW';
ALTER ROLE $APP LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$APP_PW';
CREATE DATABASE "$DB" OWNER $OWNER;
SQL

# Exactly what a production host has: no dev or test switches from the calling shell.
unset DJANGO_ALLOW_ASYNC_UNSAFE CACHE_URL PIB_TWEE_FACTOR DEBUG PIB_DATABASE_OWNER
export DJANGO_SETTINGS_MODULE=pib.settings.production
export SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')
export DATABASE_URL="postgres://$APP:$APP_PW@127.0.0.1:5432/$DB"
export DATABASE_MIGRATE_URL="postgres://$OWNER:$OWNER_PW@127.0.0.1:5432/$DB"
export ALLOWED_HOSTS=127.0.0.1
export CELERY_BROKER_URL=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379/14}
export SECURE_SSL_REDIRECT=false  # plain http on 127.0.0.1; behind the load balancer it stays on
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media"
export SMOKE_PASSWORD=$($PY -c 'import secrets; print(secrets.token_urlsafe(18))')
export SMOKE_DATA="$WORK/data.json"

$PY manage.py collectstatic --noinput -v 0
$PY manage.py migrate --noinput -v 0   # as the owner (DATABASE_MIGRATE_URL)
$PY manage.py grant_app_role           # as the owner, for the role of DATABASE_URL
$PY manage.py load_gemeenten           # from here on as the application's role
$PY manage.py shell -v 0 <scripts/prod_smoke_data.py

PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$PY -m gunicorn pib.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --timeout 120 \
  --access-logfile "$WORK/access.log" --error-logfile "$WORK/error.log" &
GUNICORN_PID=$!

if ! $PY scripts/prod_smoke_client.py "http://127.0.0.1:$PORT" "$SMOKE_DATA"; then
  echo "--- gunicorn error log"; tail -n 80 "$WORK/error.log" || true
  exit 1
fi
