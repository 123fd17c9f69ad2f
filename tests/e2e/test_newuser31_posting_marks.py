"""newuser31 #3 in Chromium at 390 × 844: on a posting's 适合的求职者, a candidate already referred to another employer's
posting of the same title was marked "已推荐：海产品分拣工" — which the 人社局 officer read as a referral to this very
posting (whose header said 已推荐0人). The mark names the other employer, and wraps inside the card on a phone."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
OTHER = "广西北海市蓝海海产食品冷冻加工有限责任公司"   # 21 characters: cut to 20 with Django's zh-hans "..."


def test_a_referral_elsewhere_names_its_employer(phone, world):
    from jianfu.employment import services
    from jianfu.employment.tests.factories import (
        TOWN,
        employer,
        hrss_account,
        key_person_in,
        person_in,
        posting_in,
    )

    hrss_account(world)
    posting = posting_in(TOWN, title="海产品分拣工", organisation=employer("合浦县海产加工有限公司"))
    other = posting_in(TOWN, title="海产品分拣工", organisation=employer(OTHER))
    kp = key_person_in(person=person_in(name="韦春燕"),
                       profile={"desired_text": "想进厂做海产品分拣", "places": ["town", "county"]})
    services.referral_create(actor=world.users["village_a"], key_person=kp, posting=other)

    page = phone("dept_hrss")
    page.goto(f"/employment/postings/{posting.pk}/", timeout=60_000)
    card = page.locator(".card", has_text="韦春燕")
    mark = card.locator(".candidate-marks .badge-warn")
    expect(mark).to_have_text(f"已推荐：{OTHER[:17]}...「海产品分拣工」")
    box, card_box = mark.bounding_box(), card.bounding_box()
    assert box["x"] + box["width"] <= card_box["x"] + card_box["width"]      # inside its card, wrapped
    assert fits_the_phone(page)
    shot(page, "newuser31-posting-marks")
