"""What apps contribute to the shell: navigation entries (nav.py) and workbench to-dos (workbench.py)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    # Shown when the predicate says so (usually a capability check on the account's scope).
    visible: Callable[[object], bool] = field(default=lambda scope: True)
    icon: str = ""
    order: int = 100
    # A primary entry is also a large button at the top of the workbench (e.g. 上报事件 for grid workers).
    primary: bool = False


@dataclass(frozen=True)
class Todo:
    title: str
    url: str
    count: int = 1
    urgency: str = "normal"   # normal / soon / overdue
    source: str = ""


def _app_modules(module_name: str) -> Iterator[object]:
    for _config, module in _app_modules_with_config(module_name):
        yield module


def _app_modules_with_config(module_name: str):
    for config in apps.get_app_configs():
        if not config.name.startswith("jianfu."):
            continue
        try:
            yield config, importlib.import_module(f"{config.name}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{module_name}":
                raise



def nav_sections(scope) -> list[tuple[str, list[NavItem]]]:
    """The visible entries grouped by app (NAV_SECTION in the app's nav.py, else its verbose name)."""
    sections: dict[str, list[NavItem]] = {}
    for config, module in _app_modules_with_config("nav"):
        items = [i for i in getattr(module, "NAV_ITEMS", ()) if i.visible(scope)]
        if items:  # apps that share a NAV_SECTION title share one section
            sections.setdefault(str(getattr(module, "NAV_SECTION", config.verbose_name)), []).extend(items)
    ordered = [(title, sorted(items, key=lambda i: i.order)) for title, items in sections.items()]
    return sorted(ordered, key=lambda section: section[1][0].order)


@dataclass
class Updates:
    """News on a workbench (U03): what changed for this account since it last looked — not a to-do, no ranking.
    `rows` are dicts with "number", "status", "action", "at" and "url" (and an optional short "summary" shown
    beside the number); `count` may exceed the rows shown."""

    title: str
    count: int
    rows: list[dict]
    note: str = ""
    source: str = ""


def workbench_updates(user) -> list[Updates]:
    """Each app's `updates(user)` from its workbench module (those with something to say)."""
    found: list[Updates] = []
    for module in _app_modules("workbench"):
        provider = getattr(module, "updates", None)
        if provider is not None:
            found.extend(u for u in provider(user) if u.count)
    return found


def workbench_todos(user) -> list[Todo]:
    todos: list[Todo] = []
    for module in _app_modules("workbench"):
        provider = getattr(module, "todos", None)
        if provider is not None:
            todos.extend(provider(user))
    rank = {"overdue": 0, "soon": 1, "normal": 2}
    return sorted(todos, key=lambda t: (rank.get(t.urgency, 3), t.source))
