"""gunicorn settings shared by `make demo`, the Dockerfile and the serving tests."""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count() * 2)))
# Load the app (and jieba's dictionary, about 60 MB) once in the master; workers share it copy-on-write.
preload_app = True
timeout = 60
graceful_timeout = 20
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
