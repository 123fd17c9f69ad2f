from django import template

from jianfu.core.softcache import soft_get, soft_set
from jianfu.orgs.models import OrgUnit

register = template.Library()


@register.filter
def unit_name(code: str | None) -> str:
    """曲木村委会 for 450521200206 — names change rarely, so they are cached for five minutes (read from the database
    while the cache is down: ops28 #4)."""
    if not code:
        return ""
    key = f"orgs:unit-name:{code}"
    name = soft_get(key)
    if name is None:
        # a statistical division may be written by its significant prefix (出生地 450521 → 合浦县)
        full = code.ljust(12, "0") if code.isdigit() and len(code) in (2, 4, 6, 9) else code
        name = OrgUnit.objects.filter(code=full).values_list("name", flat=True).first() or code
        soft_set(key, name, 300)
    return name
