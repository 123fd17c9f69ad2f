"""gunicorn settings for production (docs/deploy.md): `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Threads suit this I/O-bound app on small machines: on 2 cores, 3 workers × 4 threads measured best
for Open311 intake (docs/open311.md)."""

import os
import sys

bind = os.environ.get("JIANFU_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("JIANFU_WEB_WORKERS", "3"))
threads = int(os.environ.get("JIANFU_WEB_THREADS", "4"))
worker_class = "gthread"
timeout = 60
# A recycled worker starts with an empty local-memory cache: without Redis (one worker, config/sharedcache.py) it is
# never recycled, so its hourly counters are not wiped every ~2,000 requests (security23 F9).
max_requests = 2000 if os.environ.get("JIANFU_REDIS_URL", "").strip() else 0
max_requests_jitter = 200
accesslog = "-"
# The direct line's anonymous paths are logged without address, agent or time (docs/directline.md).
logger_class = "jianfu.directline.accesslog.PrivateAccessLogger"


def on_starting(server):
    """Refuse to start several workers without a shared cache (config/sharedcache.py): the counts given on the command
    line (-w, GUNICORN_CMD_ARGS) included, before any worker or the application is loaded."""
    from config.sharedcache import refusal

    message = refusal(workers=server.cfg.workers, environ=os.environ)
    if message:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
        raise SystemExit(1)


def post_worker_init(worker):
    """Warm the worker in a background thread (config/warmup.py, the same warm-up as the development server's): the
    views behind the URLconf, each county's router in force, each scope's seeker index (就业帮扶, 适合的求职者) and
    the posting side (推荐岗位), so no citizen or cadre waits for them; the worker serves at once and is never killed
    by its timeout while warming. The thread closes its own database connection; the ready line is printed when warm."""
    from config.warmup import warm_in_worker

    return warm_in_worker()
