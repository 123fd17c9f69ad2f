from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.core.widgets import DateInput


class GridForm(forms.Form):
    name = forms.CharField(label=_("网格名称"), max_length=100)


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("部门名称"), max_length=100)
    short_code = forms.CharField(label=_("简码"), max_length=20, required=False)


class RenameForm(forms.Form):
    name = forms.CharField(label=_("新名称"), max_length=100)
    effective = forms.DateField(label=_("生效日期"), widget=DateInput())


class MergeForm(forms.Form):
    target_code = forms.CharField(label=_("并入单位代码"), max_length=20,
                                  help_text=_("同类的村/社区或网格；本单位的记录和网格将移入该单位"))
    effective = forms.DateField(label=_("生效日期"), widget=DateInput())


class RetireForm(forms.Form):
    effective = forms.DateField(label=_("撤销日期"), widget=DateInput())
