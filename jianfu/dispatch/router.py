"""Bridge between the catalogue in the database and the pure routing core (`dispatch/routing/`).

A county's router is built from the matters of its catalogue version in force, with the learned model
(if one was trained for that county with `dispatch_train`) from `var/dispatch/`. Routers are cached per
(version, version update time, model file time), so an edit or a retrain takes effect on the next event.
"""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from jianfu.dispatch.routing import CatalogueRouter, HybridRouter, LearnedRouter, MatterSpec

_lock = threading.Lock()
_cache: dict[tuple, HybridRouter] = {}
DEFAULT_THRESHOLD = 0.35


def model_dir() -> Path:
    return Path(settings.JIANFU_VAR_DIR) / "dispatch"


def model_path(county_code: str) -> Path:
    return model_dir() / f"router-{county_code[:6]}.pkl"


def matter_specs(version) -> list[MatterSpec]:
    from jianfu.dispatch.models import GrassrootsRole

    return [
        MatterSpec(code=m.code, name=m.name, group=m.group, department=m.department_code,
                   description=m.description, keywords=tuple(m.keywords or ()), examples=tuple(m.examples or ()),
                   grassroots_role=GrassrootsRole(m.grassroots_role).label if m.grassroots_role else "")
        for m in version.matters.filter(active=True).order_by("code")
    ]


def router_for(version, *, threshold: float | None = None) -> HybridRouter:
    path = model_path(version.org_code)
    mtime = path.stat().st_mtime if path.exists() else None
    key = (version.pk, version.updated_at, mtime, threshold)
    with _lock:
        router = _cache.get(key)
        if router is not None:
            return router
    catalogue = CatalogueRouter(matter_specs(version))
    learned = LearnedRouter.load(str(path)) if mtime is not None else None
    thr = threshold if threshold is not None else getattr(settings, "JIANFU_ROUTING_THRESHOLD", DEFAULT_THRESHOLD)
    router = HybridRouter(catalogue, learned=learned, threshold=thr)
    with _lock:
        for old in [k for k in _cache if k[0] == version.pk]:
            _cache.pop(old, None)
        _cache[key] = router
    return router


def clear_cache() -> None:
    with _lock:
        _cache.clear()
