from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jianfu.core.bounds import column_bounds
from jianfu.core.text import clean_line
from jianfu.core.widgets import DateInput
from jianfu.registry import models as m
from jianfu.registry.ledger.vocab import ETHNICITIES
from jianfu.registry.services import DECIMAL_MAXIMUM_LIMIT

BLANK = [("", "—")]


class VersionField(forms.CharField):
    """The version of the record an edit form was opened with (jianfu.core.versioning), carried hidden."""

    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)


def searched_name(value: str) -> str:
    """The name a page searched for and did not find (纳入帮扶's 先登记此人 passes it as `name`), shown in the new
    person's 姓名 so it is not typed twice (newuser31 #2). Only a name: a value with a digit (an ID or phone number,
    which never travels in a link) or longer than the field is dropped, and the form still checks what is posted."""
    name = clean_line(value or "").strip()
    if not name or len(name) > 50 or any(ch.isdigit() for ch in name):
        return ""
    return name


class PersonForm(forms.Form):
    version = VersionField()
    name = forms.CharField(label=_("姓名"), max_length=50)
    # "修改时留空表示不变" is said on the edit form only (`editing`): a new person has nothing to keep (newuser23)
    id_number = forms.CharField(label=_("身份证号"), max_length=18, required=False,
                                help_text=_("性别、出生日期、出生地由身份证号得出"))
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}))
    gender = forms.ChoiceField(label=_("性别"), choices=BLANK + m.Gender.choices, required=False)
    birth_date = forms.DateField(label=_("出生日期"), required=False, widget=DateInput())
    ethnicity = forms.ChoiceField(label=_("民族"), choices=BLANK + [(e, e) for e in ETHNICITIES], required=False)
    education = forms.ChoiceField(label=_("文化程度"), choices=BLANK + m.Education.choices, required=False)
    political_status = forms.ChoiceField(label=_("政治面貌"), choices=BLANK + m.PoliticalStatus.choices, required=False)
    marital_status = forms.ChoiceField(label=_("婚姻状况"), choices=BLANK + m.MaritalStatus.choices, required=False)
    residence_status = forms.ChoiceField(label=_("居住状态"), choices=m.ResidenceStatus.choices)
    employment_status = forms.ChoiceField(label=_("就业状态"), choices=BLANK + m.EmploymentStatus.choices,
                                          required=False)
    disability_category = forms.ChoiceField(label=_("残疾类别"), choices=m.DisabilityCategory.choices, required=False)
    disability_grade = forms.TypedChoiceField(label=_("残疾等级"), choices=BLANK + [(i, f"{i}级") for i in range(1, 5)],
                                              coerce=int, empty_value=None, required=False)
    health_insurance = forms.ChoiceField(label=_("医疗保险"), choices=BLANK + m.Insurance.choices, required=False)
    pension_insurance = forms.ChoiceField(label=_("养老保险"), choices=BLANK + m.Insurance.choices, required=False)
    address = forms.CharField(label=_("住址"), max_length=200, required=False)
    grid_code = forms.ChoiceField(label=_("网格"), choices=BLANK, required=False)
    status = forms.ChoiceField(label=_("状态"), choices=m.PersonStatus.choices)

    def __init__(self, *args, grids=(), attributes=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["id_number"].help_text = _("修改时留空表示不变；性别、出生日期、出生地由身份证号得出")
            self.fields["phone"].help_text = _("修改时留空表示不变")
        self.fields["grid_code"].choices = BLANK + [(g.code, g.name) for g in grids]
        for flag, label in m.SPECIAL_GROUP_FLAGS:
            self.fields[flag] = forms.BooleanField(label=label, required=False)
        self.attribute_keys = []
        for spec in attributes:
            key = f"extra_{spec.key}"
            self.attribute_keys.append((key, spec.key))
            if spec.type == "choice":
                field = forms.ChoiceField(label=spec.label, choices=BLANK + [(c, c) for c in spec.choices],
                                          required=False)
            elif spec.type == "boolean":
                field = forms.ChoiceField(label=spec.label, choices=BLANK + [("是", "是"), ("否", "否")], required=False)
            elif spec.type == "date":
                field = forms.CharField(label=spec.label, required=False, widget=DateInput())
            elif spec.type == "decimal" and spec.maximum is not None:
                # the bounds its definition states, said beside the field (the service checks them)
                field = forms.CharField(label=spec.label, required=False,
                                        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                                        help_text=_("0 至 %(max)s，最多 %(n)d 位小数") % {
                                            "max": f"{spec.maximum.normalize():f}", "n": spec.decimals or 0})
            elif spec.type == "integer" and spec.maximum is not None:
                field = forms.CharField(label=spec.label, required=False,
                                        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                                        help_text=_("0 至 %(max)d 的整数") % {"max": int(spec.maximum)})
            else:
                field = forms.CharField(label=spec.label, required=False)
            self.fields[key] = field

    def to_data(self, *, editing: bool) -> dict:
        d = dict(self.cleaned_data)
        d.pop("version", None)
        extra = {spec_key: d.pop(key) for key, spec_key in self.attribute_keys}
        data = {k: v for k, v in d.items() if k not in ("id_number", "phone")}
        data["grid_code"] = data.get("grid_code") or None
        if d.get("id_number") or not editing:
            data["id_number"] = (d.get("id_number") or "").strip().upper()
        if d.get("phone") or not editing:
            data["phone"] = (d.get("phone") or "").strip()
        if data.get("birth_date") is None and editing:
            data.pop("birth_date")
        data["extra"] = {k: v for k, v in extra.items() if v not in (None, "")}
        return data


class HouseholdForm(forms.Form):
    number = forms.CharField(label=_("户编号"), max_length=32)
    address = forms.CharField(label=_("住址"), max_length=200, required=False)
    grid_code = forms.ChoiceField(label=_("网格"), choices=BLANK, required=False)

    def __init__(self, *args, grids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grid_code"].choices = BLANK + [(g.code, g.name) for g in grids]


class MemberForm(forms.Form):
    # newuser32b #2: the 人员编号 alone was asked, and no page showed it; a name or an ID number is what a cadre has
    person_id = forms.CharField(label=_("要加入的人员"), max_length=50,
                                help_text=_("填写本村人员的姓名、身份证号或人员编号"))
    # newuser32b #1: no choice made in advance — 户主 was preselected, and 加入 made the newcomer the head
    relation = forms.ChoiceField(label=_("与户主关系"), choices=[("", _("请选择"))] + m.RelationToHead.choices,
                                 error_messages={"required": _("请选择此人与户主的关系。")})


class OrganisationForm(forms.Form):
    version = VersionField()
    name = forms.CharField(label=_("名称"), max_length=200)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=m.OrganisationKind.choices)
    industry = forms.CharField(label=_("行业"), max_length=64, required=False)
    employees = forms.IntegerField(label=_("从业人数"), initial=0, **column_bounds(m.Organisation, "employees"))
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    is_active = forms.BooleanField(label=_("存续"), required=False, initial=True)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("台账文件（.xlsx 或 .csv）"))
    mapping = forms.ModelChoiceField(label=_("来源表（已保存的列对应）"), queryset=m.ImportMapping.objects.none(),
                                     required=False, empty_label=_("新的来源表：上传后设置列对应"))
    org_code = forms.CharField(label=_("导入到（单位代码，留空为本单位）"), required=False, max_length=12)

    def __init__(self, *args, mappings=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if mappings is not None:
            self.fields["mapping"].queryset = mappings
        if units:  # chosen from the unit tree, not typed as a code
            self.fields["org_code"] = forms.ChoiceField(label=_("导入到"), choices=units, required=False)
        elif units is not None:  # a village imports into itself: nothing to choose (a code sent is still checked)
            self.fields["org_code"].widget = forms.HiddenInput()


class AttributeForm(forms.Form):
    label = forms.CharField(label=_("名称"), max_length=60)
    # the name is what pages show; the code is for the system (the API's `extra`), entered once (mend22a)
    key = forms.SlugField(label=_("代码（英文字母、数字、下划线，系统内部使用，页面显示名称）"), max_length=40)
    type = forms.ChoiceField(label=_("类型"), choices=m.AttributeDefinition.Type.choices)
    choices = forms.CharField(label=_("可选值（单选时填写，用顿号或逗号分隔）"), required=False)
    required = forms.BooleanField(label=_("必填"), required=False)
    applies_to = forms.ChoiceField(label=_("适用对象"), choices=m.AttributeDefinition.AppliesTo.choices)
    # a decimal's bounds (badinput16 #7): values from 0 up to the maximum, with at most so many decimal places
    # an integer's (fix-left17): from 0 up to the maximum
    maximum = forms.DecimalField(label=_("最大值（整数或小数时填写，如年龄填 150、承包地亩数填 10000；留空为 10 亿）"),
                                 required=False,
                                 min_value=0, max_value=DECIMAL_MAXIMUM_LIMIT, decimal_places=6)
    decimals = forms.IntegerField(label=_("小数位数（小数时填写，留空为 2）"), required=False, min_value=0, max_value=6)

    def choice_list(self) -> list[str]:
        text = self.cleaned_data.get("choices") or ""
        for sep in ("，", "、", ";", "；"):
            text = text.replace(sep, ",")
        return [c.strip() for c in text.split(",") if c.strip()]
