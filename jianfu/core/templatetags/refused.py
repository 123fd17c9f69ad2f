"""A refused button-form shown again (session 31, forms400b): the page's own context carries `typed_error` = {"id": the
input's HTML id, "message": the refusal's words}; the input it names is marked invalid, described by the words and
focused (`{% refused_attrs "id_reason" %}`), the words beside it under the id `<input id>_error`, as the shared form
template's (`{% refused_reason "id_reason" %}`). An id may be given in parts: `{% refused_attrs "id_part" s.pk %}`."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html

register = template.Library()


def _refused_here(context, id_parts) -> tuple[str, bool, list[str]]:
    """(the input's id, whether the page's refusal (`typed_error`) names it, the lines beside it: the refusal's words
    there, then a note the refusal leaves there (`typed_error["notes"]`: a photo input's 未保留, ui31))."""
    input_id = "".join(map(str, id_parts))
    refused = context.get("typed_error") or {}
    more = refused.get("more") or {}   # a refusal of several fields: each reason beside its own input (dmend32 #2)
    named = refused.get("id") == input_id or input_id in more
    lines = [more.get(input_id) or refused["message"]] if named else []
    lines += [note] if (note := (refused.get("notes") or {}).get(input_id)) else []
    return input_id, named, lines


@register.simple_tag(takes_context=True)
def refused_attrs(context, *id_parts) -> str:
    """On the input a refused action's reason names (`typed_error`): marked invalid, described by the
    reason and focused, so the page opens at it; an input with only a note beside it is described by it."""
    input_id, named, lines = _refused_here(context, id_parts)
    if named:   # the page opens at the first input refused
        focus = " autofocus" if (context.get("typed_error") or {}).get("id") == input_id else ""
        return format_html(' aria-invalid="true" aria-describedby="{}_error"{}', input_id, focus)
    return format_html(' aria-describedby="{}_error"', input_id) if lines else ""


@register.simple_tag(takes_context=True)
def refused_reason(context, *id_parts) -> str:
    """The reason a refused action gives (and its note), beside the input it names: the shared form template's error
    list (`includes/errorlist.html`, the id `<input id>_error`; forms400b)."""
    input_id, _named, lines = _refused_here(context, id_parts)
    if not lines:
        return ""
    return render_to_string("includes/errorlist.html", {"input_id": input_id, "errors": lines})


@register.simple_tag
def typed_value(typed, *key_parts, field: str, default: object = "") -> object:
    """What a refused post typed in `field` of the form `typed` keys by `key_parts` joined (one of several alike on
    a page: `{% typed_value typed "referral_" r.pk field="reason" %}`), else `default` (the saved value)."""
    return (typed or {}).get("".join(map(str, key_parts)), {}).get(field, default)
