"""Every text input cleaned in one place, at the three doors text comes in by.

`install_text_cleaning()` (called once by `CoreConfig.ready`, so in every process) makes
- `django.forms.CharField` — and every field derived from it (EmailField, SlugField, RegexField, the
  fields ModelForms build for CharField/TextField) —,
- `rest_framework.fields.CharField` (and its derivatives), and
- the model fields `CharField`/`TextField` when they turn a value into a query parameter (save,
  bulk_create, update: what a view reading `request.POST` directly or a service would store), and
- the numeric form and serializer fields (Integer, Float, Decimal: a number typed or pasted as text; badinput16 #9b)
pass text through `jianfu.core.text.clean_text`. A service that parses a number from raw text itself (a report's
cells, a ledger's cells, coordinates, amounts) cleans it with the same rule first. Forms, serializers and models of every app, including
those written later, get it without doing anything (ADR 0019, docs/dev/conventions.md).

It also words Django's max-length refusal as the character counter of static/js/jianfu.js does
("已输入 N 字，最多 M 字，超出 K 字，请删减"), for every form and model field (N13): Django's own
"确保该变量包含不超过…" was shown under the counter, two messages for one field; the counter now removes
the server's message when it says the same.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from jianfu.core.text import clean_text

_installed = False
TOO_LONG = "已输入 %(show_value)d 字，最多 %(limit_value)d 字，超出 %(over)d 字，请删减"


def _cleaning(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: object, value: object, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            value = clean_text(value)
        return method(self, value, *args, **kwargs)

    return wrapper


def _max_length_call(self: Any, value: object) -> None:
    """`BaseValidator.__call__` with the excess among the message's parameters."""
    from django.core.exceptions import ValidationError

    cleaned = self.clean(value)
    limit = self.limit_value() if callable(self.limit_value) else self.limit_value
    if self.compare(cleaned, limit):
        params = {"limit_value": limit, "show_value": cleaned, "value": value, "over": cleaned - limit}
        raise ValidationError(self.message, code=self.code, params=params)


def install_text_cleaning() -> None:
    global _installed
    if _installed:
        return
    from django import forms
    from django.core import validators
    from django.db import models
    from django.utils.translation import gettext_lazy
    from rest_framework import fields as drf_fields

    # Patching the three base classes is the point: every subclass and every instance, in every app.
    forms.CharField.to_python = _cleaning(forms.CharField.to_python)  # type: ignore[method-assign]
    drf_fields.CharField.to_internal_value = _cleaning(drf_fields.CharField.to_internal_value)
    # Numbers typed as text: a zero-width space pasted before "5" made int()/Decimal() refuse it (badinput16 #9b).
    # Each class defines its own parser (none calls another's), so each is wrapped.
    for form_field in (forms.IntegerField, forms.FloatField, forms.DecimalField):
        form_field.to_python = _cleaning(form_field.to_python)  # type: ignore[method-assign]
    for api_field in (drf_fields.IntegerField, drf_fields.FloatField, drf_fields.DecimalField):
        api_field.to_internal_value = _cleaning(api_field.to_internal_value)
    models.CharField.get_prep_value = _cleaning(models.CharField.get_prep_value)  # type: ignore[method-assign]
    models.TextField.get_prep_value = _cleaning(models.TextField.get_prep_value)  # type: ignore[method-assign]
    # One max-length message, the counter's words, wherever Django's validator speaks (forms, model fields).
    validators.MaxLengthValidator.message = gettext_lazy(TOO_LONG)
    validators.MaxLengthValidator.__call__ = _max_length_call  # type: ignore[method-assign]
    _installed = True


def refuse_too_long(value: object, *, limit: int, field: str) -> str:
    """A text a person typed, for a service that takes it outside a form (a button's 说明 or 原因), cleaned; over
    `limit` characters it is refused whole in the counter's words (`TOO_LONG`, naming `field`), never cut to fit
    (fix-cr31b #4: a status change's 说明 and a referral's 未成功原因 were cut at 200 before the service saw them)."""
    from django.utils.translation import gettext

    from jianfu.core.errors import ApplicationError

    text = clean_text("" if value is None else str(value))
    if len(text) > limit:
        raise ApplicationError(gettext(TOO_LONG) % {"show_value": len(text), "limit_value": limit,
                                                    "over": len(text) - limit}, code="too_long", field=field)
    return text
