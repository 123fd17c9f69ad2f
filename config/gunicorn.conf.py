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
    """Warm the worker in a background thread (config/warmup.py, the same warm-up as the development server's): the
    views behind the URLconf, each county's router in force, each scope's seeker index (就业帮扶, 适合的求职者) and
    the posting side (推荐岗位), so no citizen or cadre waits for them; the worker serves at once and is never killed
    by its timeout while warming. The thread closes its own database connection; the ready line is printed when warm."""
    from config.warmup import warm_in_worker

    return warm_in_worker()
