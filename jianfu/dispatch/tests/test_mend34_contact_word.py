"""mend34 #6: the public report form's box is labelled 联系电话; its refusal said 联系方式 — now the same word."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from jianfu.core.formtokens import token_new
from jianfu.dispatch.models import Event

QUMU = "450521200206"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_refusal_names_the_box_by_its_label(world, catalogue):
    r = world.client(None).post("/dispatch/public/report/", {"form_token": token_new(), "text": "路灯坏了一个月没人修",
                                                            "org_code": QUMU, "reporter_contact": "138123"})
    page = r.content.decode()
    assert r.status_code == 400
    assert re.findall(r'<label for="id_reporter_contact">([^<]+)</label>', page) == ["联系电话"]
    assert re.findall(r'<div class="field-error" id="err-reporter_contact">([^<]+)</div>', page) == [
        "联系电话“138123”不是可以联系到的号码：请填写 11 位手机号、带区号的固定电话或电子邮箱，也可以不填。"]
    assert "联系方式“" not in page
    assert Event.objects.count() == 0
