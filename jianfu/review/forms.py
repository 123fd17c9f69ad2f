"""The review's web forms. Their CharFields clean control characters (jianfu.core.cleaning, installed for every
Django form field): the views read `cleaned_data` only, never `request.POST`, so text is cleaned once, here."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.core.bounds import column_bounds
from jianfu.review.models import Finding


class SubmitForm(forms.Form):
    title = forms.CharField(required=False, label=_("标题"))
    text = forms.CharField(required=False, label=_("正文"))
    file = forms.FileField(required=False, label=_("文件"))
    reference = forms.FileField(required=False, label=_("上级文件"))


class ReviseForm(forms.Form):
    text = forms.CharField(required=False, label=_("正文"))
    file = forms.FileField(required=False, label=_("文件"))
    reference = forms.FileField(required=False, label=_("上级文件"))


class DismissForm(forms.Form):
    reason = forms.CharField(required=False, label=_("排除理由"))


class AddFindingForm(forms.Form):
    clause = forms.IntegerField(label=_("条款"), min_value=0, max_value=column_bounds(Finding, "clause_index")["max_value"],
                                error_messages={"required": _("请从列表中选择。"), "invalid": _("请从列表中选择。")})
    rule_id = forms.CharField(required=False)
    group = forms.CharField(required=False)
    note = forms.CharField(required=False)
    selection = forms.CharField(required=False)


class RuleForm(forms.Form):
    name = forms.CharField(required=False)
    group = forms.CharField(required=False)
    severity = forms.CharField(required=False)
    patterns = forms.CharField(required=False)
    provision = forms.CharField(required=False)
    suggestion = forms.CharField(required=False)


class RuleToggleForm(forms.Form):
    enabled = forms.CharField(required=False)
