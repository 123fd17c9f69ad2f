from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.core.widgets import DateInput


class _UnitPageForm(forms.Form):
    """One of the unit page's forms: its inputs' ids carry the form's name (`auto_id_prefix`), since the page holds
    several at once — 更名, 合并 and 撤销 each had an input `id_effective`, so a label or a refusal's reason named
    the first (forms400b)."""

    auto_id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.auto_id_prefix}_%s")
        super().__init__(*args, **kwargs)


class GridForm(_UnitPageForm):
    auto_id_prefix = "grid"
    name = forms.CharField(label=_("网格名称"), max_length=100)


class DepartmentForm(_UnitPageForm):
    auto_id_prefix = "department"
    name = forms.CharField(label=_("部门名称"), max_length=100)
    short_code = forms.CharField(label=_("简码"), max_length=20, required=False)


class RenameForm(_UnitPageForm):
    auto_id_prefix = "rename"
    name = forms.CharField(label=_("新名称"), max_length=100)
    effective = forms.DateField(label=_("生效日期"), widget=DateInput())


class MergeForm(_UnitPageForm):
    auto_id_prefix = "merge"
    target_code = forms.CharField(label=_("并入单位代码"), max_length=20,
                                  help_text=_("同类的村/社区或网格；本单位的记录和网格将移入该单位"))
    effective = forms.DateField(label=_("生效日期"), widget=DateInput())


class RetireForm(_UnitPageForm):
    auto_id_prefix = "retire"
    effective = forms.DateField(label=_("撤销日期"), widget=DateInput())
