from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def percent(value):
    return "—" if value is None else f"{value * 100:.1f}%"


@register.filter
def action_label(action: str) -> str:
    """The Chinese name of a timeline entry's action (申请延期, 转派, 吹哨 …)."""
    from jianfu.dispatch.workflow import timeline_label

    return timeline_label(action)
