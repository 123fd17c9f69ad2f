"""A refused button-form shown again (session 31, forms400b): the page's own context carries `typed_error` = {"id": the
input's HTML id, "message": the refusal's words}; the input it names is marked invalid, described by the words and
focused (`{% refused_attrs "id_reason" %}`), the words beside it under the id `<input id>_error`, as the shared form
template's (`{% refused_reason "id_reason" %}`). An id may be given in parts: `{% refused_attrs "id_part" s.pk %}`."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag(takes_context=True)
def refused_attrs(context, *id_parts) -> str:
    """On the input a refused action's reason names (`typed_error`): marked invalid, described by the
    reason and focused, so the page opens at it."""
    input_id = "".join(map(str, id_parts))
    refused = context.get("typed_error", {})
    if refused.get("id") == input_id:
        return format_html(' aria-invalid="true" aria-describedby="{}_error" autofocus', input_id)
    if input_id in refused.get("notes", {}):
        return format_html(' aria-describedby="{}_error"', input_id)
    return ""


@register.simple_tag(takes_context=True)
def refused_reason(context, *id_parts) -> str:
    """The reason a refused action gives, beside the input it names (the id `<input id>_error`, as the shared form
    template's; forms400b)."""
    input_id = "".join(map(str, id_parts))
    refused = context.get("typed_error", {})
    lines = [refused["message"]] if refused.get("id") == input_id else []
    lines += [note] if (note := refused.get("notes", {}).get(input_id)) else []
    if not lines:
        return ""
    return format_html('<ul class="errorlist" id="{}_error">{}</ul>', input_id,
                       format_html_join("", "<li>{}</li>", ((line,) for line in lines)))



@register.simple_tag
def typed_value(typed, *key_parts, field: str, default: object = "") -> object:
    """What a refused post typed in `field` of the form `typed` keys by `key_parts` joined (one of several alike on
    a page: `{% typed_value typed "referral_" r.pk field="reason" %}`), else `default` (the saved value)."""
    return (typed or {}).get("".join(map(str, key_parts)), {}).get(field, default)
