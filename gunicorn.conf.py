"""Gunicorn settings of the production recipe (README, *Running in production*); gunicorn reads
this file from the folder it is started in.

Slow clients: a sync worker reads a request in its only thread, so three clients that send their
headers slowly held all three workers (review M8). Threaded workers (gthread) give each worker
THREADS threads for its connections, so a slow client holds one thread, not a worker. That raises
the bar, it does not remove it: the recipe puts nginx in front (docs/nginx.conf), which reads each
request completely, with its own timeouts and size limit, before it passes it on, so gunicorn only
ever sees whole requests. tests/test_production_server.py runs slow clients against this file.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 30  # a request that takes longer is a bug or an attack; the worker is restarted
graceful_timeout = 30
keepalive = 5
# Request line and headers of sane size (the body limit is the portal's and nginx's).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Workers are recycled now and then, so a slow leak cannot grow for weeks.
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
