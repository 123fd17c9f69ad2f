from django import template
from django.core.cache import cache

from jianfu.orgs.models import OrgUnit

register = template.Library()


@register.filter
def unit_name(code: str | None) -> str:
    """曲木村委会 for 450521200206 — names change rarely, so they are cached for five minutes."""
    if not code:
        return ""
    key = f"orgs:unit-name:{code}"
    name = cache.get(key)
    if name is None:
        name = OrgUnit.objects.filter(code=code).values_list("name", flat=True).first() or code
        cache.set(key, name, 300)
    return name
