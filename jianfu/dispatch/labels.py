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
    """A matter by its name, its code in brackets (the audit log said 事项：HB-002): the newest catalogue's."""
    from jianfu.dispatch.models import Matter

    name = (
        Matter.objects.filter(code=code).order_by("-version__number").values_list("name", flat=True).first()
    )
    return f"{name}（{code}）" if name else None


OBJECT_NAMERS = {"dispatch.catalogueversion": _catalogue_version}
VALUE_NAMERS = {"matter": _matter, "matter_code": _matter}
