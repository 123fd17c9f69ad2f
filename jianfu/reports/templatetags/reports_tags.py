from django import template

register = template.Library()


@register.filter
def dictget(mapping, key):
    """`{{ values|dictget:key }}` — a report value, "—" when not filled."""
    if not mapping:
        return "—"
    value = mapping.get(key)
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
