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
# A query past search.query.MAX_QUERY_CHARS gets the app's "query too long" message; pasted text several times
# that long must reach the app to get it. A Chinese character is 9 bytes URL-encoded, so gunicorn's default
# request line (4094 bytes) cut queries at about 450 characters with a bare 414. 8190 is gunicorn's largest
# bounded value: about 880 Chinese characters with filters; past that the 414 stays (see the README).
limit_request_line = 8190


def post_worker_init(worker):
    # A release committed just before a worker died has its index write still queued: drain it now, in the
    # background so the worker starts answering at once (search/outbox.py).
    from search.outbox import drain_in_background

    drain_in_background("start-up")
