"""mend35 #1–#3 in Chromium at 390 × 844, as a citizen: the public search finds a posting by what its description says
(包吃住), a search that finds nothing says what was searched and how to widen it, and the posting page shows what the
description says about housing and shifts (labelled so), the age with 岁, and the town's office with its phone."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_a_citizen_searches_by_the_description_and_reads_the_posting(phone, world):
    from jianfu.employment.tests.factories import TOWN, employer, posting_in

    gov = employer("合浦县曲樟乡人民政府")
    posting_in(TOWN, title="保洁员（公益性岗位）", organisation=gov, description="打扫村道。",
               contact_name="曲樟乡社会保障服务中心", contact_phone="0779-0739000")
    sorter = posting_in(TOWN, title="水产品分拣员", organisation=employer("合浦海之源水产食品有限公司"),
                        description="分拣冻虾，长白班，包吃住。", age_min=18, age_max=45)
    posting_in(TOWN, title="叉车司机", description="装卸货物。")

    page = phone(None)
    page.goto("/employment/jobs/", timeout=60_000)
    page.get_by_label("岗位、单位、地点或待遇").fill("包吃住")
    page.get_by_role("button", name="查询").click()
    cards = page.locator(".job-card")
    expect(cards).to_have_count(1)
    expect(cards.first.locator(".job-title")).to_have_text("水产品分拣员")
    assert fits_the_phone(page)

    page.get_by_label("岗位、单位、地点或待遇").fill("包车接送")
    page.get_by_role("button", name="查询").click()
    empty = page.locator("#no-jobs")
    expect(empty).to_contain_text("全县没有找到含“包车接送”的招聘岗位。已在岗位名称、单位、地点、岗位描述、福利待遇和班次中查找。")
    assert fits_the_phone(page)
    shot(page, "mend35-jobs-empty-search")
    page.locator("#widen-all").click()
    expect(page.locator(".job-card")).to_have_count(3)

    page.goto(f"/employment/jobs/{sorter.pk}/")
    expect(page.locator("#shifts-read")).to_have_text("白班，不上夜班；全天班 （据岗位描述）")
    expect(page.locator("#benefits")).to_have_text("提供住宿 （据岗位描述）")
    expect(page.locator("tr", has_text="年龄").locator("td")).to_have_text("18–45岁")
    how = page.locator("#apply-how")
    expect(how).to_contain_text("到村（社区）便民服务站或曲樟乡社会保障服务中心登记推荐")
    expect(how.locator("a[href='tel:0779-0739000']")).to_be_visible()
    assert fits_the_phone(page)
    shot(page, "mend35-job-detail")
