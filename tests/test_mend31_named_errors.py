"""mend31 #3: the shared form template names the field in front of Django's own messages (required, an invalid date,
an invalid choice), which never say which field they are about; the project's own messages are shown as written."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string

from jianfu.core.templatetags.formerrors import named_errors
from jianfu.employment.forms import ServiceForm, VisitForm


class _Sample(forms.Form):
    day = forms.DateField(label="日期")
    note = forms.CharField(label="说明", required=False)

    def clean_note(self):
        raise forms.ValidationError("说明里不能写电话号码。")


def test_django_messages_are_led_by_the_label_and_own_messages_are_not():
    form = _Sample({"day": "2026年12月1日", "note": "x"})
    assert not form.is_valid()
    assert named_errors(form["day"]) == ["「日期」输入一个有效的日期。"]
    assert named_errors(form["note"]) == ["说明里不能写电话号码。"]
    form.add_error("day", "日期不能晚于今天。")       # as core.views.form_error_from attaches a service's refusal
    assert named_errors(form["day"]) == ["「日期」输入一个有效的日期。", "日期不能晚于今天。"]


def test_the_visit_and_service_forms_name_their_fields():
    visit = VisitForm({})
    assert not visit.is_valid()
    assert named_errors(visit["outcome"]) == ["「走访结果」该字段是必填项。"]
    service = ServiceForm({"kind": "training", "title": "", "outcome": "pending"})
    assert not service.is_valid()
    assert named_errors(service["title"]) == ["「项目」该字段是必填项。"]
    assert named_errors(service["outcome"]) == ["「结果」选择一个有效的选项。 pending 不在可用的选项中。"]


def test_the_shared_template_shows_them_where_the_input_points():
    form = VisitForm({})
    form.is_valid()
    html = render_to_string("includes/form.html", {"form": form})
    assert '<ul class="errorlist" id="id_outcome_error"><li>「走访结果」该字段是必填项。</li></ul>' in html


# fix-cr31b #5: a validator's message is Django's too; a message the form gives in error_messages is the project's


class _Bounds(forms.Form):
    days = forms.IntegerField(label="天数", min_value=1, max_value=365)
    name = forms.CharField(label="名称", max_length=5)


def test_a_validator_s_message_is_named():
    form = _Bounds({"days": "400", "name": "走访"})
    assert not form.is_valid()
    assert named_errors(form["days"]) == ["「天数」确保该值小于或等于365。"]
    form = _Bounds({"days": "0", "name": "走访"})
    assert not form.is_valid()
    assert named_errors(form["days"]) == ["「天数」确保该值大于或等于1。"]


def test_the_counter_s_words_stay_as_written():
    form = _Bounds({"days": "3", "name": "新纳入首次走访"})
    assert not form.is_valid()
    assert named_errors(form["name"]) == ["已输入 7 字，最多 5 字，超出 2 字，请删减"]


def test_a_message_the_form_overrides_is_not_named():
    from jianfu.review.forms import AddFindingForm

    form = AddFindingForm({"clause": ""})
    assert not form.is_valid()
    assert named_errors(form["clause"]) == ["请从列表中选择。"]
    form = AddFindingForm({"clause": "第三条"})
    assert not form.is_valid()
    assert named_errors(form["clause"]) == ["请从列表中选择。"]
    form = AddFindingForm({"clause": "-1"})   # its validator's message is still Django's: named
    assert not form.is_valid()
    assert named_errors(form["clause"]) == ["「条款」确保该值大于或等于0。"]
