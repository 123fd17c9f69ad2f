"""`{{ field|named_errors }}`: a form field's errors, each of Django's own messages (该字段是必填项。, 输入一个有效的日期。,
选择一个有效的选项…) led by the field's name — 「走访结果」该字段是必填项。 (mend31 #3: under a radio group the bare message sat
just above the next field's label, and named neither). A message the project wrote (a service's refusal, a validator's)
already says what it is about and is shown as it is. The shared form template (`templates/includes/form.html`) uses it.

Django's own words are the field class's default error messages the form did not override and its validators' default
messages (确保该值小于或等于 365。, fix-cr31b #5: they were shown bare); a message the form gives in `error_messages`
(请从列表中选择。) is the project's, shown as written, as is the counter's max-length wording (core.cleaning.TOO_LONG)."""

from __future__ import annotations

from django import forms, template
from django.forms import BoundField

from jianfu.core.cleaning import TOO_LONG

register = template.Library()


def _django_words(field: forms.Field) -> set[str]:
    """The messages Django wrote that `field` may give: its class's defaults (every class up its MRO, as Field
    builds them) where the form kept them, and its validators' class messages where the validator kept its own."""
    defaults: dict[str, object] = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    words = {str(message) for code, message in defaults.items()
             if str(field.error_messages.get(code, "")) == str(message)}
    for validator in field.validators:
        message = getattr(validator, "message", None)
        if message is not None and str(message) == str(getattr(type(validator), "message", None)):
            words.add(str(message))
    return words - {TOO_LONG}   # the counter's words: the project's own, matched by the counter (static/js)


@register.filter
def named_errors(field: BoundField) -> list[str]:
    generic = _django_words(field.field)
    label = str(field.label or "")
    out: list[str] = []
    for error in field.errors.as_data():
        for message in error:        # the message with its parameters filled in
            out.append(f"「{label}」{message}" if label and str(error.message) in generic else str(message))
    return out
