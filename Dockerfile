# Tandem API: slim Python, a non-root user, migrations applied before serving.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    APP_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000

WORKDIR /srv/tandem
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
RUN pip install . && useradd --system --uid 10001 --home-dir /srv/tandem tandem \
    && mkdir -p var && chown tandem var

USER tandem
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/readyz')"
# `serve` applies pending migrations, then serves; run `python -m app worker` as a second
# container to send email apart from the API (then pass --no-worker here).
CMD ["python", "-m", "app", "serve"]
