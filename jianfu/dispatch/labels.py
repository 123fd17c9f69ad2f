"""Names of the dispatch app's audit objects and values as people say them (jianfu.core.labels): its actions are
named by the generic rules (VERBS × NOUNS there)."""

from __future__ import annotations

import re


def _catalogue_version(object_id: str, text: str) -> str | None:
    """CatalogueVersion's old __str__ "<name> v<n>" ("… 2026.3 版 v1") as it says itself now: the version once
    (newuser24 #3)."""
    from jianfu.dispatch.models import CatalogueVersion

    found = re.fullmatch(r"(.+) v(\d+)", text, flags=re.S)
    return str(CatalogueVersion(name=found[1], number=int(found[2]))) if found else None


def _matter(code: str) -> str | None:
    """A matter by its name, its code in brackets (the audit log said 事项：HB-002)."""
    from jianfu.core.labels import lookup

    name = lookup("dispatch.matter", code)
    return f"{name}（{code}）" if name else None


def _matter_names(codes: set[str]) -> dict[str, str]:
    """Matters by name ({code: name}), the newest catalogue's, in one query (NAME_FETCHERS)."""
    from jianfu.dispatch.models import Matter

    names: dict[str, str] = {}
    for code, name in Matter.objects.filter(code__in=codes).order_by("-version__number").values_list("code", "name"):
        names.setdefault(code, name)
    return names


OBJECT_NAMERS = {"dispatch.catalogueversion": _catalogue_version}
VALUE_NAMERS = {"matter": _matter, "matter_code": _matter}
NAME_FETCHERS = {"dispatch.matter": _matter_names}
