FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 ARCHIVE_DATA_DIR=/data
WORKDIR /app
COPY pyproject.toml README.md ./
COPY archive ./archive
COPY reports ./reports
COPY search ./search
RUN pip install --no-cache-dir .
COPY . .
RUN useradd --system --home /app archive && mkdir -p /data && chown archive /data
USER archive
EXPOSE 8000
VOLUME ["/data"]
CMD ["bin/serve"]
