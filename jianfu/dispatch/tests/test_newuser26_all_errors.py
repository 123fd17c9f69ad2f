"""newuser26 #2: a citizen's or a village's report form told one error per submit (an empty form said 请填写事件描述, its
发生地 came on the next try). Every field's refusal is told at once; nothing is stored; the form keeps what was typed."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.dispatch import services
from jianfu.dispatch.models import Event, Feedback
from jianfu.dispatch.tests.factories import event_in, snapshot
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db
QUMU = "450521200206"
TEXT = "请填写事件描述。"
PLACE = "请选择事件发生的村（社区）或网格。"
CONTACT = "联系电话“abc<script>”不是可以联系到的号码：请填写 11 位手机号、带区号的固定电话或电子邮箱，也可以不填。"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_service_refuses_every_bad_field_at_once(world):
    with pytest.raises(ApplicationError) as refused:
        services.event_report(actor=None, text=" ", org_code="", source="citizen", reporter_contact="abc<script>",
                              latitude="北纬", longitude="")
    assert (refused.value.code, refused.value.field) == ("required", "text")
    assert refused.value.details == {"fields": {"text": TEXT, "reporter_contact": CONTACT,
                                                "latitude": "纬度必须是数字。", "org_code": PLACE}}
    assert refused.value.message == TEXT + CONTACT + "纬度必须是数字。" + PLACE
    assert Event.objects.count() == 0


def test_one_bad_field_is_refused_as_before(world):
    with pytest.raises(ApplicationError) as refused:
        services.event_report(actor=None, text="路灯坏了一个月没人修", org_code="", source="citizen")
    assert (refused.value.code, refused.value.field, refused.value.message) == ("invalid", "org_code", PLACE)
    assert refused.value.details == {}
    # one coordinate without the other: said once, as before
    with pytest.raises(ApplicationError) as refused:
        services.event_report(actor=None, text="路灯坏了一个月没人修", org_code=QUMU, source="citizen", latitude="21.6")
    assert (refused.value.field, refused.value.message) == ("longitude", "经度和纬度需要同时填写。")
    assert Event.objects.count() == 0


def test_the_citizens_form_shows_every_error_beside_its_field_and_keeps_the_words(world, client):
    response = client.post("/dispatch/public/report/", {"text": "", "org_code": "", "reporter_name": "张三",
                                                        "reporter_contact": "abc<script>", "form_token": token_new()})
    page = response.content.decode()
    assert response.status_code == 400
    esc = CONTACT.replace("<", "&lt;").replace(">", "&gt;")
    assert f'<div class="alert alert-error" role="alert">{TEXT}{esc}{PLACE}</div>' in page
    assert f'<div class="field-error" id="err-text">{TEXT}</div>' in page
    assert f'<div class="field-error" id="err-org_code">{PLACE}</div>' in page
    assert f'<div class="field-error" id="err-reporter_contact">{esc}</div>' in page
    assert 'value="张三"' in page and 'value="abc&lt;script&gt;"' in page
    assert Event.objects.count() == 0


def test_the_village_staff_form_shows_every_error(world):
    response = world.client("village_a").post("/dispatch/report/", {"text": "", "org_code": "450521999999",
                                                                     "address": "门" * 301, "form_token": token_new()})
    page = response.content.decode()
    assert response.status_code == 400
    address = "地址不能超过 300 个字（现为 301 个字）。"
    assert f'<div class="alert alert-error" role="alert">{TEXT}{address}{PLACE}</div>' in page
    assert f'<div class="field-error" id="err-address">{address}</div>' in page
    assert 'aria-describedby="id_address_help err-address" aria-invalid="true"' in page
    assert Event.objects.count() == 0


def test_a_rating_without_a_score_and_with_a_too_long_comment_says_both(world):
    event = event_in(world, status=Status.RESOLVED)
    before = snapshot(event)
    with pytest.raises(ApplicationError) as refused:
        services.event_feedback(actor=None, event=event, score="", comment="意" * 1001, token=event.feedback_token)
    assert refused.value.details == {"fields": {"score": "请选择评分（1–5 分）后再提交评价。",
                                                "comment": "意见不能超过 1000 个字（现为 1001 个字）。"}}
    assert snapshot(event) == before and Feedback.objects.count() == 0
