"""Whether the web server may start with the cache this deployment has (security23 F9).

The hourly allowances (the public form's posts and filings, the case look-up, the API token throttle), the 谁来办
build claim and other once-per-site markers live in Django's cache. Without JIANFU_REDIS_URL that cache is
LocMemCache: one per process. gunicorn's 3 workers would then each keep their own counts (3 × every allowance),
and every recycled worker (max_requests) would start again from nothing. So a web server of more than one process
refuses to start without Redis; one process (the embedded `make run`, or `JIANFU_WEB_WORKERS=1`) may. Django's
DatabaseCache is not the fallback: its `incr` is a read then a write (posts sent at once are counted once) and on
SQLite every count would take the database's one write lock (docs/deploy.md)."""

from __future__ import annotations

from collections.abc import Mapping

REFUSAL = (
    "jianfu 拒绝启动：{workers} 个 Web 进程需要共享缓存，但未设置 JIANFU_REDIS_URL。"
    "没有 Redis 时每个进程各自计数，每小时提交次数、查询次数等限制会按进程数成倍放宽。"
    "请设置 JIANFU_REDIS_URL（见 docs/deploy.md），或以单个进程运行（JIANFU_WEB_WORKERS=1）。\n"
    "jianfu refuses to start: {workers} web processes need a shared cache, but JIANFU_REDIS_URL is not set. "
    "Without Redis each process keeps its own counts, so the hourly limits (public reports, case look-ups, API "
    "tokens) are multiplied by the number of processes. Set JIANFU_REDIS_URL (docs/deploy.md) or run one process "
    "(JIANFU_WEB_WORKERS=1)."
)


def refusal(*, workers: int, environ: Mapping[str, str]) -> str | None:
    """The message to stop with when `workers` web processes would each keep their own cache; None to start."""
    if workers > 1 and not environ.get("JIANFU_REDIS_URL", "").strip():
        return REFUSAL.format(workers=workers)
    return None
