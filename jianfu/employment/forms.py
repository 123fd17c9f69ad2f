"""Forms of 就业帮扶: they only shape input (checkboxes, dates); the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from jianfu.core.bounds import column_bounds
from jianfu.core.thumbnails import MAX_PHOTO_BYTES
from jianfu.core.widgets import DateInput, no_silent_cut
from jianfu.employment.models import (
    KEY_GROUPS,
    Hardship,
    KeyPerson,
    Limit,
    Need,
    Place,
    Posting,
    SeekerProfile,
    ServiceKind,
    ServiceOutcome,
    ServiceRecord,
    UnemploymentGround,
    Visit,
    VisitOutcome,
)
from jianfu.employment.postings import MAX_DESCRIPTION
from jianfu.registry.models import Education, Organisation

DATE = DateInput()


def _max(model, name: str) -> int:
    """The model field's max_length: a form field that fills it takes its limit from there, so the two cannot drift
    (session 15: every text input and textarea of these forms carries the limit the service refuses past)."""
    return model._meta.get_field(name).max_length


# A field the service requires only when a group is ticked (U05): said up front in its hint, marked * when the
# group is ticked — on the page as rendered, and as the box is ticked or unticked by `required_when.js` (the form
# works without it; the service still checks).
REQUIRED_WITH = {"unemployment_registered_on": ("is_registered_unemployed", _("勾选“登记失业人员”时必填。")),
                 "graduation_year": ("is_graduate", _("勾选“未就业高校毕业生”时必填。"))}


class KeyPersonForm(forms.Form):
    # the version of the record the edit form was opened with (jianfu.core.versioning), carried hidden
    version = forms.CharField(required=False, widget=forms.HiddenInput)
    groups = forms.MultipleChoiceField(label=_("重点群体类别"), choices=KEY_GROUPS, widget=forms.CheckboxSelectMultiple)
    unemployment_registered_on = forms.DateField(label=_("失业认定日期"), required=False, widget=DATE)
    unemployment_ground = forms.ChoiceField(label=_("失业认定原因"), required=False,
                                            choices=[("", "—"), *UnemploymentGround.choices])
    graduation_year = forms.IntegerField(label=_("毕业年份"), required=False,
                                         **column_bounds(KeyPerson, "graduation_year"))
    major = forms.CharField(label=_("所学专业"), required=False, max_length=_max(KeyPerson, "major"))
    hardship = forms.MultipleChoiceField(label=_("就业困难类别"), required=False, choices=Hardship.choices,
                                         widget=forms.CheckboxSelectMultiple)
    work_capacity = forms.CharField(label=_("可从事的工作（残疾人）"), required=False,
                                    max_length=_max(KeyPerson, "work_capacity"))
    note = forms.CharField(label=_("备注"), required=False, max_length=_max(KeyPerson, "note"), widget=forms.Textarea(attrs={"rows": 2}))

    class Media:
        js = ("employment/required_when.js",)

    def __init__(self, *args, registry_unemployed: bool = False, **kwargs):
        """`registry_unemployed`: 登记失业人员 comes pre-ticked because the registry says 失业; the registry knows no
        认定 date, so the hint says why the date is asked and what to do without one (newuser16 #6)."""
        super().__init__(*args, **kwargs)
        if self.is_bound:
            ticked = set(self.data.getlist("groups") if hasattr(self.data, "getlist") else self.data.get("groups") or ())
        else:
            ticked = set(self.initial.get("groups") or ())
        for name, (group, hint) in REQUIRED_WITH.items():
            field = self.fields[name]
            field.help_text = hint
            field.widget.attrs["data-required-with"] = group
            if group in ticked:
                field.label = f"{field.label} *"
        if registry_unemployed:
            self.fields["unemployment_registered_on"].help_text += _(
                "登记库中此人的就业状态为“失业”，所以预选了“登记失业人员”：请填写人社部门认定失业的日期；"
                "未办理失业登记的，请取消勾选“登记失业人员”。")

    def clean(self):
        """登记失业人员 needs its 认定 date — checked here too, so the reason stands next to the field even when
        the other fields are wrong as well (the service checks the same)."""
        data = super().clean()
        if ("is_registered_unemployed" in (data.get("groups") or ()) and not data.get("unemployment_registered_on")
                and "unemployment_registered_on" not in self.errors):
            self.add_error("unemployment_registered_on", _("登记失业人员请填写失业认定日期；未办理失业登记的，请取消勾选“登记失业人员”。"))
        return data

    def service_data(self) -> dict:
        d = dict(self.cleaned_data)
        d.pop("version", None)
        groups = set(d.pop("groups"))
        d.update({f: f in groups for f, _label in KEY_GROUPS})
        return d


class ProfileForm(forms.Form):
    # the version of the profile the form was opened with (jianfu.core.versioning), carried hidden
    version = forms.CharField(required=False, widget=forms.HiddenInput)
    desired_text = forms.CharField(label=_("想做什么工作"), required=False, max_length=_max(SeekerProfile, "desired_text"),
                                   widget=forms.TextInput(attrs={"placeholder": _("如：做过流水线，想进厂")}))
    certificates = forms.CharField(label=_("技能证书"), required=False, max_length=200,
                                   widget=forms.TextInput(attrs={"placeholder": _("如：电工证、C1驾照、叉车证")}))
    experience = forms.CharField(label=_("工作经历"), required=False, max_length=_max(SeekerProfile, "experience"),
                                 widget=forms.Textarea(attrs={"rows": 2}))
    education = forms.ChoiceField(label=_("学历"), required=False, choices=[("", "—"), *Education.choices])
    wage = forms.CharField(label=_("期望月薪"), required=False, max_length=40,
                           widget=forms.TextInput(attrs={"placeholder": _("如：3000-4000、面议")}))
    places = forms.MultipleChoiceField(label=_("可接受工作地点"), required=False, choices=Place.choices,
                                       widget=forms.CheckboxSelectMultiple)
    limits = forms.MultipleChoiceField(label=_("限制条件"), required=False, choices=Limit.choices,
                                       widget=forms.CheckboxSelectMultiple)
    limits_note = forms.CharField(label=_("其他限制"), required=False, max_length=_max(SeekerProfile, "limits_note"))
    available_from = forms.DateField(label=_("何时可上岗"), required=False, widget=DATE)

    FREE_TEXT = ("desired_text", "certificates", "experience", "wage", "limits_note")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # N07 (session 14): a 5000-character paste into 其他限制 was cut to 200 by the browser and saved; every
        # free-text field now keeps its limit with a counter and the form refuses a longer value whole.
        no_silent_cut(self, *self.FREE_TEXT)


class VisitForm(forms.Form):
    outcome = forms.ChoiceField(label=_("走访结果"), choices=VisitOutcome.choices, widget=forms.RadioSelect)
    needs = forms.MultipleChoiceField(label=_("需求"), required=False, choices=Need.choices,
                                      widget=forms.CheckboxSelectMultiple)
    next_step = forms.CharField(label=_("下一步"), required=False, max_length=_max(Visit, "next_step"))
    # newuser22 #1: a 22.7 MB camera photo went up whole and was refused after 30–60 s on 4G; the page now shrinks
    # it before it goes up, as the event form does (jianfu.js, data-shrink-photos), and the label says the limit
    photo = forms.FileField(
        label=format_lazy(_("照片（可选，不超过 {mb} MB，较大的照片会自动压缩）"), mb=MAX_PHOTO_BYTES // 2**20),
        required=False, widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment",
                                                               "data-shrink-photos": "1600"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        no_silent_cut(self, "next_step")


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=ServiceKind.choices)
    title = forms.CharField(label=_("项目"), max_length=_max(ServiceRecord, "title"))
    started_on = forms.DateField(label=_("日期"), required=False, widget=DATE)
    amount = forms.CharField(label=_("金额（元）"), required=False, max_length=20)
    outcome = forms.ChoiceField(label=_("结果"), choices=ServiceOutcome.choices)


class PostingForm(forms.Form):
    employer = forms.CharField(label=_("单位名称"), max_length=_max(Organisation, "name"))
    credit_code = forms.CharField(label=_("统一社会信用代码"), required=False, max_length=30)
    title = forms.CharField(label=_("岗位名称"), max_length=_max(Posting, "title"))
    headcount = forms.CharField(label=_("招聘人数"), required=False, max_length=10)
    education = forms.CharField(label=_("学历要求"), required=False, max_length=20)
    age = forms.CharField(label=_("年龄要求"), required=False, max_length=30)
    experience = forms.CharField(label=_("经验要求"), required=False, max_length=30)
    certificates = forms.CharField(label=_("技能证书要求"), required=False, max_length=200)
    wage = forms.CharField(label=_("月薪"), required=False, max_length=_max(Posting, "wage_text"))
    place = forms.CharField(label=_("工作地点"), max_length=_max(Posting, "place_text"))
    shifts = forms.CharField(label=_("班次"), required=False, max_length=_max(Posting, "shifts"))
    # the description is a TextField: its limit is the service's (`postings.MAX_DESCRIPTION`); a counter, no silent cut
    description = forms.CharField(label=_("岗位描述"), max_length=MAX_DESCRIPTION, widget=forms.Textarea(attrs={"rows": 4}))
    benefits = forms.CharField(label=_("福利待遇"), required=False, max_length=_max(Posting, "benefits"))
    contact_name = forms.CharField(label=_("联系人"), required=False, max_length=_max(Posting, "contact_name"))
    contact_phone = forms.CharField(label=_("联系电话"), required=False, max_length=_max(Posting, "contact_phone"),
                                    help_text=_("11位手机号或带区号的固定电话；岗位招聘中时公开显示"),
                                    widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}))
    valid_until = forms.DateField(label=_("有效期至"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        no_silent_cut(self, "description")   # a job board's text pasted in: counted, never cut by the browser


class ImportForm(forms.Form):
    file = forms.FileField(label=_("岗位表（xlsx 或 csv）"))


class SeekerImportForm(forms.Form):
    file = forms.FileField(label=_("求职登记表（xlsx 或 csv）"))
