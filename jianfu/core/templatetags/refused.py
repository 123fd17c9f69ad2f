"""A refused button-form shown again (session 31, forms400b): the page's own context carries `typed_error` = {"id": the
input's HTML id, "message": the refusal's words}; the input it names is marked invalid, described by the words and
focused (`{% refused_attrs "id_reason" %}`), the words beside it under the id `<input id>_error`, as the shared form
template's (`{% refused_reason "id_reason" %}`). An id may be given in parts: `{% refused_attrs "id_part" s.pk %}`."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def refused_attrs(context, *id_parts) -> str:
    """On the input a refused action's reason names (`typed_error`): marked invalid, described by the
    reason and focused, so the page opens at it."""
    input_id = "".join(map(str, id_parts))
    if context.get("typed_error", {}).get("id") != input_id:
        return ""
    return format_html(' aria-invalid="true" aria-describedby="{}_error" autofocus', input_id)


@register.simple_tag(takes_context=True)
def refused_reason(context, *id_parts) -> str:
    """The reason a refused action gives, beside the input it names (the id `<input id>_error`, as the shared form
    template's; forms400b)."""
    input_id = "".join(map(str, id_parts))
    refused = context.get("typed_error", {})
    if refused.get("id") != input_id:
        return ""
    return format_html('<ul class="errorlist" id="{}_error"><li>{}</li></ul>', input_id, refused["message"])



@register.simple_tag
def typed_value(typed, *key_parts, field: str, default: object = "") -> object:
    """What a refused post typed in `field` of the form `typed` keys by `key_parts` joined (one of several alike on
    a page: `{% typed_value typed "referral_" r.pk field="reason" %}`), else `default` (the saved value)."""
    return (typed or {}).get("".join(map(str, key_parts)), {}).get(field, default)
