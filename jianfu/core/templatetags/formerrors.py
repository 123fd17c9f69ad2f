"""`{{ field|named_errors }}`: a form field's errors, each of Django's own messages (该字段是必填项。, 输入一个有效的日期。,
选择一个有效的选项…) led by the field's name — 「走访结果」该字段是必填项。 (mend31 #3: under a radio group the bare message sat
just above the next field's label, and named neither). A message the project wrote (a service's refusal, a validator's)
already says what it is about and is shown as it is. The shared form template (`templates/includes/form.html`) uses it."""

from __future__ import annotations

from django import template
from django.forms import BoundField

register = template.Library()


@register.filter
def named_errors(field: BoundField) -> list[str]:
    generic = {str(message) for message in field.field.error_messages.values()}
    label = str(field.label or "")
    out: list[str] = []
    for error in field.errors.as_data():
        for message in error:        # the message with its parameters filled in
            out.append(f"「{label}」{message}" if label and str(error.message) in generic else str(message))
    return out
