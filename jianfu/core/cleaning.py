"""Every text input cleaned in one place, at the three doors text comes in by.

`install_text_cleaning()` (called once by `CoreConfig.ready`, so in every process) makes
- `django.forms.CharField` — and every field derived from it (EmailField, SlugField, RegexField, the
  fields ModelForms build for CharField/TextField) —,
- `rest_framework.fields.CharField` (and its derivatives), and
- the model fields `CharField`/`TextField` when they turn a value into a query parameter (save,
  bulk_create, update: what a view reading `request.POST` directly or a service would store)
pass text through `jianfu.core.text.clean_text`. Forms, serializers and models of every app, including
those written later, get it without doing anything (ADR 0019, docs/dev/conventions.md).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from jianfu.core.text import clean_text

_installed = False


def _cleaning(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: object, value: object, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            value = clean_text(value)
        return method(self, value, *args, **kwargs)

    return wrapper


def install_text_cleaning() -> None:
    global _installed
    if _installed:
        return
    from django import forms
    from django.db import models
    from rest_framework import fields as drf_fields

    # Patching the three base classes is the point: every subclass and every instance, in every app.
    forms.CharField.to_python = _cleaning(forms.CharField.to_python)  # type: ignore[method-assign]
    drf_fields.CharField.to_internal_value = _cleaning(drf_fields.CharField.to_internal_value)
    models.CharField.get_prep_value = _cleaning(models.CharField.get_prep_value)  # type: ignore[method-assign]
    models.TextField.get_prep_value = _cleaning(models.TextField.get_prep_value)  # type: ignore[method-assign]
    _installed = True
