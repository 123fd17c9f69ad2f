"""gunicorn settings for production (docs/deploy.md): `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Threads suit this I/O-bound app on small machines: on 2 cores, 3 workers × 4 threads measured best
for Open311 intake (docs/open311.md)."""

import os

bind = os.environ.get("JIANFU_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("JIANFU_WEB_WORKERS", "3"))
threads = int(os.environ.get("JIANFU_WEB_THREADS", "4"))
worker_class = "gthread"
timeout = 60
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
# The direct line's anonymous paths are logged without address, agent or time (docs/directline.md).
logger_class = "jianfu.directline.accesslog.PrivateAccessLogger"


def post_worker_init(worker):
    """Import the views and load each county's fitted router before the first request, and each scope's seeker index (就业帮扶,
    适合的求职者) and the posting side (推荐岗位) in a background thread, so no citizen or cadre waits for them and the worker is never killed
    by its timeout while warming."""
    from django.db import connections
    from django.urls import get_resolver

    from jianfu.dispatch.routing_bridge import warm_in_force
    from jianfu.employment.matchsvc import warm_process_in_background

    get_resolver().url_patterns  # noqa: B018 - every view imported here, not by the worker's first request
    warm_in_force()
    connections.close_all()  # the worker's threads open their own connections
    warm_process_in_background()  # in a thread: the worker serves at once, never killed by its timeout in init
