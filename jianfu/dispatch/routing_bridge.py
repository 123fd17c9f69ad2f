"""Bridge between the catalogue in the database and the pure routing core (`dispatch/routing/`).

A county's router is built from the matters of its catalogue version in force, plus the learned model
trained for that county with `dispatch_train` (var/dispatch/router-<county>.pkl), if any.

Fitting the catalogue router takes seconds to tens of seconds for a full catalogue, so fitted routers
are cached by the *content* of the catalogue (a digest of its matters): in memory per process and on
disk under var/dispatch/ (written by us, so safe to unpickle). An edit or a retrain changes the key
and takes effect on the next event; publishing a version warms the cache in the worker.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from jianfu.dispatch.routing import (
    CatalogueRouter,
    HybridRouter,
    LearnedRouter,
    MatterSpec,
)
from jianfu.dispatch.routing.embedding import embedding_kind, get_embedder
from jianfu.dispatch.selectors import catalogue_threshold, learned_threshold

log = logging.getLogger(__name__)
_lock = threading.Lock()
_build_lock = threading.Lock()   # held while a catalogue router is loaded or fitted (`catalogue_router`)
_catalogue_cache: dict[str, CatalogueRouter] = {}
_version_digest: dict[tuple, tuple[str, list[MatterSpec]]] = {}
_learned_cache: dict[tuple, LearnedRouter] = {}
_loading: set[str] = set()    # router keys a background thread of this process is loading from var/dispatch/


def model_dir() -> Path:
    return Path(settings.JIANFU_VAR_DIR) / "dispatch"


def model_path(county_code: str) -> Path:
    return model_dir() / f"router-{county_code[:6]}.pkl"


def matter_specs(version) -> list[MatterSpec]:
    from jianfu.dispatch.models import GrassrootsRole

    return [
        MatterSpec(code=m.code, name=m.name, group=m.group, department=m.department_code,
                   description=m.description, keywords=tuple(m.keywords or ()), examples=tuple(m.examples or ()),
                   grassroots_role=str(GrassrootsRole(m.grassroots_role).label) if m.grassroots_role else "")
        for m in version.matters.filter(active=True).order_by("code")
    ]


def specs_digest(specs: list[MatterSpec]) -> str:
    payload = json.dumps([[s.code, s.name, s.group, s.department, s.description, list(s.keywords), list(s.examples)]
                          for s in specs], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _specs_for(version) -> tuple[str, list[MatterSpec]]:
    key = (version.pk, version.org_code, version.updated_at)
    hit = _version_digest.get(key)
    if hit is None:
        specs = matter_specs(version)
        hit = (specs_digest(specs), specs)
        _version_digest[key] = hit
    return hit


def _router_key(digest: str) -> str:
    # routers fitted with the e5 view, the static view (session 7) or none are different routers
    kind = embedding_kind() if get_embedder() is not None else None
    kind = "static" if kind == "contextual" else kind  # the catalogue's view in the contextual mode (session 8)
    return f"{digest[:20]}-{kind}" if kind is not None else digest[:20]


def catalogue_router_built(version) -> bool:
    """Whether the router of this catalogue version is in memory or cached in var/dispatch/: when not, the first
    routing fits it (embedding every matter's passages: a minute or two on two cores), which the demo says first."""
    digest = _router_key(_specs_for(version)[0])
    with _lock:
        if digest in _catalogue_cache:
            return True
    return (model_dir() / f"catalogue-{digest}.joblib").exists()


def catalogue_router(specs: list[MatterSpec], digest: str | None = None) -> CatalogueRouter:
    digest = _router_key(digest or specs_digest(specs))
    with _lock:
        router = _catalogue_cache.get(digest)
    if router is not None:
        return router
    with _build_lock:   # a request during the start's warm-up waits for its router, never fits a second one beside it
        with _lock:
            router = _catalogue_cache.get(digest)
        return router if router is not None else _load_or_fit(specs, digest)


def _load_or_fit(specs: list[MatterSpec], digest: str) -> CatalogueRouter:
    import joblib

    router: CatalogueRouter | None = None
    path = model_dir() / f"catalogue-{digest}.joblib"
    if path.exists():
        try:
            router = joblib.load(path)
        except Exception:  # a stale or truncated cache file: refit
            router = None
    if router is None:
        router = CatalogueRouter(specs)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            joblib.dump(router, tmp, compress=3)
            tmp.replace(path)
        except OSError as exc:
            log.warning("could not cache the catalogue router: %s", exc)
    with _lock:
        _catalogue_cache[digest] = router
    return router


def catalogue_router_for(version) -> CatalogueRouter:
    """The catalogue router of a version (the one events are routed with: cached, warmed at start)."""
    digest, specs = _specs_for(version)
    return catalogue_router(specs, digest)


# 谁来办 never loads or fits a router in the request (mend22b #3: ≈ 10 s for the user when it was not cached): it uses
# the router this process holds (warmed at start: `warm_in_force`) and otherwise answers 正在准备 at once, after asking
# once for what makes it ready — a load from var/dispatch/ in a background thread of this process when the file is
# there (`catalogue_router_ready`), else one build on the task queue (the view queues `tasks.warm_router`, which fits
# and stores it, when `claim_router_build` says so: its key stops a second being queued while one waits or runs, the
# task deletes it, and it expires so that a worker killed mid-build does not stop it for good).
ROUTER_PENDING = "dispatch:catalogue-router-pending:"
ROUTER_PENDING_TIMEOUT = 15 * 60     # seconds


def router_pending_key(version) -> str:
    return ROUTER_PENDING + _router_key(_specs_for(version)[0])


def catalogue_router_ready(version) -> CatalogueRouter | None:
    """The catalogue router of a version if this process holds it, else None at once (see above), having started
    its load in the background when it is on disk; never waits for a load or a fit."""
    digest, specs = _specs_for(version)
    key = _router_key(digest)
    with _lock:
        router = _catalogue_cache.get(key)
    if router is None and (model_dir() / f"catalogue-{key}.joblib").exists():
        _load_in_background(specs, digest, key)
    return router


def claim_router_build(version) -> bool:
    """Whether the caller should queue the build of this version's router: it is not on disk (a load is under way)
    and no build has been asked for since the last one ended."""
    key = _router_key(_specs_for(version)[0])
    if (model_dir() / f"catalogue-{key}.joblib").exists():
        return False
    return cache.add(ROUTER_PENDING + key, 1, timeout=ROUTER_PENDING_TIMEOUT)


def _load_in_background(specs: list[MatterSpec], digest: str, key: str) -> None:
    with _lock:
        if key in _loading:
            return
        _loading.add(key)

    def load() -> None:
        try:
            catalogue_router(specs, digest)
        except Exception:  # noqa: BLE001 - the next request asks again
            log.exception("could not load the catalogue router %s", key)
        finally:
            with _lock:
                _loading.discard(key)

    threading.Thread(target=load, name="catalogue-router-load", daemon=True).start()


def learned_router(county_code: str) -> LearnedRouter | None:
    path = model_path(county_code)
    if not path.exists():
        return None
    key = (str(path), path.stat().st_mtime)
    router = _learned_cache.get(key)
    if router is None:
        router = LearnedRouter.load(str(path))
        _learned_cache.clear()
        _learned_cache[key] = router
    return router


def router_for(version, *, threshold: float | None = None) -> HybridRouter:
    digest, specs = _specs_for(version)
    thr = threshold if threshold is not None else learned_threshold()
    return HybridRouter(catalogue_router(specs, digest), learned=learned_router(version.org_code), threshold=thr,
                        catalogue_threshold=catalogue_threshold())


def clear_cache() -> None:
    with _lock:
        _catalogue_cache.clear()
        _version_digest.clear()
        _learned_cache.clear()


def warm_in_force() -> int:
    """Load (from var/dispatch/, or fit once) the router of every county's catalogue version in
    force, so a fresh web worker's first unrouted event does not pay for it. For a gunicorn
    `post_worker_init` hook or the end of config/wsgi.py; returns how many routers are ready.
    Never raises: a worker must start even when a catalogue cannot be fitted."""
    from jianfu.dispatch.models import CatalogueVersion
    from jianfu.dispatch.selectors import catalogue_in_force

    ready = 0
    try:
        embedder = get_embedder()
        if embedder is not None:
            # the hybrid embeds only the events the catalogue decides, so the route below may not load the
            # engine (its weights' pages, the first pass): do it here, once per process
            embedder.queries(["预热：小区路灯不亮"])
        counties = set(CatalogueVersion.objects.filter(state=CatalogueVersion.State.PUBLISHED)
                       .values_list("org_code", flat=True))
        for county in sorted(counties):
            version = catalogue_in_force(county)
            if version is not None:
                # one route loads what the first event would otherwise pay for in this process: jieba's
                # dictionary (about 1 s of CPU), the embedding engine and the fast vectorizers
                router_for(version).route("预热：小区路灯不亮")
                ready += 1
    except Exception:  # noqa: BLE001 - warming is an optimisation only
        log.exception("could not warm the routers")
    return ready
