from django import forms
from django.utils.translation import gettext_lazy as _


class GridForm(forms.Form):
    name = forms.CharField(label=_("网格名称"), max_length=100)


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("部门名称"), max_length=100)
    short_code = forms.CharField(label=_("简码"), max_length=20, required=False)


class RenameForm(forms.Form):
    name = forms.CharField(label=_("新名称"), max_length=100)
    effective = forms.DateField(label=_("生效日期"), widget=forms.DateInput(attrs={"type": "date"}))
