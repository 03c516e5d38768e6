# The portal's image: gunicorn for the web, the same image for the Celery worker and beat.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STATIC_ROOT=/app/staticfiles \
    VAR_DIR=/app/var

WORKDIR /app
RUN useradd --create-home --uid 10001 citytwins

COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

COPY . .
# Collected at build time so whitenoise serves compressed, hashed files; the values are only
# there to satisfy production settings during this one step (and `check --deploy` refuses the
# key, should anyone ever set it at run time).
RUN DEBUG=0 SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/var/media /app/var/documents \
 && chown -R citytwins:citytwins /app/var

USER citytwins
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
# gunicorn.conf.py binds 127.0.0.1:8000: the proxy in front (deploy/nginx.conf) shares this
# container's network namespace (docker-compose.yml). Start-up stops on a deploy check error.
CMD ["sh", "-c", "python manage.py check --deploy --fail-level ERROR && exec gunicorn -c gunicorn.conf.py citytwins.wsgi"]
