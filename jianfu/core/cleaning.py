"""Every text input cleaned in one place, at the three doors text comes in by.

`install_text_cleaning()` (called once by `CoreConfig.ready`, so in every process) makes
- `django.forms.CharField` — and every field derived from it (EmailField, SlugField, RegexField, the
  fields ModelForms build for CharField/TextField) —,
- `rest_framework.fields.CharField` (and its derivatives), and
- the model fields `CharField`/`TextField` when they turn a value into a query parameter (save,
  bulk_create, update: what a view reading `request.POST` directly or a service would store)
pass text through `jianfu.core.text.clean_text`. Forms, serializers and models of every app, including
those written later, get it without doing anything (ADR 0018, docs/dev/conventions.md).
"""

from __future__ import annotations

from jianfu.core.text import clean_text

_installed = False


def _cleaning(method):
    def wrapper(self, value, *args, **kwargs):
        if isinstance(value, str):
            value = clean_text(value)
        return method(self, value, *args, **kwargs)

    wrapper.__wrapped__ = method
    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


def install_text_cleaning() -> None:
    global _installed
    if _installed:
        return
    from django import forms
    from django.db import models
    from rest_framework import fields as drf_fields

    forms.CharField.to_python = _cleaning(forms.CharField.to_python)
    drf_fields.CharField.to_internal_value = _cleaning(drf_fields.CharField.to_internal_value)
    models.CharField.get_prep_value = _cleaning(models.CharField.get_prep_value)
    models.TextField.get_prep_value = _cleaning(models.TextField.get_prep_value)
    _installed = True
