FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=pib.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 curl \
    && rm -rf /var/lib/apt/lists/* && useradd --create-home --uid 1000 pib
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir . \
    && SECRET_KEY=build DATABASE_URL=sqlite:////tmp/build.db ALLOWED_HOSTS=build CELERY_BROKER_URL=memory:// CACHE_URL=locmemcache:// \
       python manage.py collectstatic --noinput
RUN mkdir -p /app/var/media && chown pib /app/var/media
USER pib
EXPOSE 8000
CMD ["gunicorn", "pib.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
