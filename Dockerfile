# The portal's image: used by web, worker and beat in docker-compose.yml.
FROM node:20.18.1-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

FROM python:3.11.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 1000 --home /app hubportal
# Production's lock only: no test tools in the image (the dev lock has them).
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY --from=assets /app/node_modules ./node_modules
COPY . .
# Static files are collected at build time, with throwaway values that only
# satisfy the production start-up checks.
RUN DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=build EMAIL_URL=smtp://build \
    python manage.py collectstatic --noinput
USER hubportal
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
