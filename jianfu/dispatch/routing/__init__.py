"""Pure routing core of 网格通: from an event's text to a matter and its department.

No Django here (import-linter enforces it). The platform's bridge is ``jianfu/dispatch/routing_bridge.py``;
the API is documented in docs/routing.md.
"""

from pathlib import Path

from jianfu.dispatch.routing.catalogue import (
    GRASSROOTS_ROLES,
    CatalogueError,
    MatterSpec,
    load_catalogue_records,
    load_catalogue_yaml,
)
from jianfu.dispatch.routing.routers import (
    DEFAULT_CATALOGUE_THRESHOLD,
    DEFAULT_THRESHOLD,
    Candidate,
    CatalogueRouter,
    HybridRouter,
    LearnedRouter,
    RoutingDecision,
)
from jianfu.dispatch.routing.text import normalize

__all__ = [
    "DEFAULT_CATALOGUE_THRESHOLD", "DEFAULT_THRESHOLD", "GRASSROOTS_ROLES", "Candidate", "CatalogueError",
    "CatalogueRouter", "HybridRouter", "LearnedRouter", "MatterSpec", "RoutingDecision", "default_catalogue_path",
    "load_catalogue_records", "load_catalogue_yaml", "normalize",
]


def default_catalogue_path() -> Path:
    """The project's default county catalogue (jianfu/dispatch/data/catalogue.yaml)."""
    return Path(__file__).resolve().parent.parent / "data" / "catalogue.yaml"
