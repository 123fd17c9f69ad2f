"""mend35: what new users (a job seeker, a citizen) stumbled on in 就业帮扶's public pages.

#1 the public search ignored a posting's description and benefits: 包吃住, 白班, 双休, 五险一金 found nothing; an empty
   result was a bare 暂无岗位.
#2 the posting page showed 福利 — where the description says 包吃住, no 班次 row when the shift is only in the text,
   年龄 "18–45" without 岁: the matcher's own readings of the text are shown, labelled as read from the description.
#3 "到村（社区）便民服务站或乡镇人社所登记推荐" named no office and no phone: the town's office and the phone it publishes."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.employment import selectors
from jianfu.employment.matching.readings import TextReadings, posting_readings
from jianfu.employment.models import Posting
from jianfu.employment.tests.factories import TOWN, employer, posting_in
from jianfu.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def _titles(world, query: str) -> list[str]:
    page = world.client(None).get(f"/employment/jobs/?{query}").content.decode()
    return re.findall(r'class="job-title"[^>]*><strong>([^<]+)</strong>', page)


def _age(posting: Posting, days: int) -> None:
    Posting.objects.filter(pk=posting.pk).update(created_at=posting.created_at - dt.timedelta(days=days))


# ---------------------------------------------------------------- #1 the search reads the text too

def test_the_search_finds_words_of_the_description_benefits_and_shifts(world):
    posting_in(title="水产品分拣员", description="分拣冻虾，长白班，包吃住。", benefits="五险一金")
    posting_in(title="包装工", description="成品包装装箱。", benefits="双休")
    posting_in(title="普工", description="流水线组装。", shifts="白班8:00-17:00")
    posting_in(title="叉车司机", description="装卸货物。")
    assert _titles(world, "q=包吃住") == ["水产品分拣员"]
    assert _titles(world, "q=五险一金") == ["水产品分拣员"]
    assert _titles(world, "q=双休") == ["包装工"]
    assert _titles(world, "q=白班") == ["水产品分拣员", "普工"]


def test_a_title_or_employer_match_is_listed_before_a_match_in_the_text_however_new(world):
    in_title = posting_in(title="包装工", description="成品装箱。")
    _age(in_title, 5)      # older: it would come after the newer posting by date alone
    posting_in(title="普工", description="负责包装和装箱。")
    posting_in(title="仓管员", organisation=employer("合浦包装材料有限公司"), description="出入库登记。")
    assert _titles(world, "q=包装") == ["仓管员", "包装工", "普工"]


def test_an_empty_search_says_what_was_searched_where_and_how_to_widen_it(world):
    posting_in(TOWN, title="包装工", description="成品装箱。")
    page = world.client(None).get("/employment/jobs/?q=包车接送&place=450521200").content.decode()
    found = page.split('id="no-jobs"')[1].split("</div>")[0]
    text = re.sub(r"<[^>]+>", "", found)
    assert "在曲樟乡没有找到含“包车接送”的招聘岗位。已在岗位名称、单位、地点、岗位描述、福利待遇和班次中查找。" in text
    assert 'href="?q=%E5%8C%85%E8%BD%A6%E6%8E%A5%E9%80%81"' in found      # the same words, county-wide
    assert 'id="widen-all" href="/employment/jobs/"' in found
    assert "暂无岗位" not in page
    county = world.client(None).get("/employment/jobs/?q=包车接送").content.decode()
    assert "全县没有找到含“包车接送”的招聘岗位。" in county and 'id="widen-county"' not in county


def test_an_unknown_place_code_is_not_repeated_as_a_town(world):
    posting_in(TOWN, title="包装工")
    page = world.client(None).get("/employment/jobs/?q=电焊&place=450521999").content.decode()
    assert "全县没有找到含“电焊”的招聘岗位。" in page and "450521999" not in page.split('id="no-jobs"')[1]


# ---------------------------------------------------------------- #2 the matcher's readings on the page

def test_the_readings_are_the_matchers_and_leave_out_what_the_columns_say():
    assert posting_readings("水产品分拣员", "需办理健康证，长白班，包吃住") == TextReadings(
        ("提供住宿",), ("白班，不上夜班", "全天班"))
    assert posting_readings("普工", "白班8:00-17:00，双休", "五险一金") == TextReadings(
        ("双休",), ("白班，不上夜班", "工作时间 8:00–17:00"))
    # the benefits column already says it houses; the 班次 column is the employer's word on shifts
    assert posting_readings("普工", "两班倒，包住", "包吃住", "两班倒") == TextReadings((), ())
    assert posting_readings("普工", "不包住，需上夜班") == TextReadings(("不提供住宿",), ("有夜班或倒班",))
    assert posting_readings("保洁员", "打扫卫生") == TextReadings((), ())


def test_the_posting_page_shows_what_the_description_says_labelled_so(world):
    p = posting_in(title="水产品分拣员", description="分拣冻虾，长白班，包吃住。", benefits="", shifts="",
                   age_min=18, age_max=45)
    page = world.client(None).get(f"/employment/jobs/{p.pk}/").content.decode()
    assert '<td id="shifts-read">白班，不上夜班；全天班 <span class="muted">（据岗位描述）</span></td>' in page
    assert ('<td id="benefits"><span id="benefits-read">提供住宿</span> <span class="muted">（据岗位描述）</span></td>'
            in page)
    assert "<th>年龄</th><td>18–45岁</td>" in page


def test_the_columns_stay_as_written_and_only_new_readings_are_added(world):
    p = posting_in(title="普工", description="流水线组装，双休。", benefits="五险一金", shifts="两班倒", age_min=18)
    page = world.client(None).get(f"/employment/jobs/{p.pk}/").content.decode()
    assert "<th>班次</th><td>两班倒</td>" in page and 'id="shifts-read"' not in page
    assert ('<td id="benefits">五险一金；<span id="benefits-read">双休</span> <span class="muted">（据岗位描述）</span></td>'
            in page)
    assert "<th>年龄</th><td>18岁以上</td>" in page
    quiet = posting_in(title="保洁员", description="打扫卫生。", age_max=50)
    page = world.client(None).get(f"/employment/jobs/{quiet.pk}/").content.decode()
    assert '<td id="benefits">—</td>' in page and "<th>班次</th>" not in page and "<th>年龄</th><td>50岁以下</td>" in page


# ---------------------------------------------------------------- #3 where to register, named

def test_the_apply_row_names_the_towns_office_and_the_phone_it_publishes(world):
    gov = employer("合浦县曲樟乡人民政府")
    posting_in(TOWN, title="保洁员（公益性岗位）", organisation=gov, contact_name="曲樟乡社会保障服务中心",
               contact_phone="0779-0739000")
    p = posting_in(TOWN, title="水产品分拣员")
    assert selectors.town_employment_office(org_code=p.org_code) == selectors.EmploymentOffice(
        town="曲樟乡", name="曲樟乡社会保障服务中心", phone="0779-0739000")
    page = world.client(None).get(f"/employment/jobs/{p.pk}/").content.decode()
    how = page.split('id="apply-how">')[1].split("</td>")[0]
    assert how.startswith("到村（社区）便民服务站或曲樟乡社会保障服务中心登记推荐")
    assert '<span id="office-phone">电话：<a href="tel:0779-0739000">0779-0739000</a></span>' in how
    assert "系统中没有该单位的地址" in how      # the unit records hold no address: said, none invented


def test_a_registered_station_is_named_and_without_any_the_town_is_said_to_have_none_on_record(world):
    p = posting_in(TOWN, title="水产品分拣员")
    assert selectors.town_employment_office(org_code=p.org_code) == selectors.EmploymentOffice(town="曲樟乡")
    page = world.client(None).get(f"/employment/jobs/{p.pk}/").content.decode()
    assert "系统中没有登记曲樟乡人社所的地址和电话，可到曲樟乡人民政府问询。" in page
    OrgUnit.objects.create(code="450521200000D01", name="曲樟乡人力资源和社会保障所", kind="department", level=4,
                           parent_code=TOWN)
    page = world.client(None).get(f"/employment/jobs/{p.pk}/").content.decode()
    assert "到村（社区）便民服务站或曲樟乡人力资源和社会保障所登记推荐" in page and 'id="office-phone"' not in page


def test_an_employer_contact_is_shown_instead_of_the_office(world):
    p = posting_in(TOWN, title="水产品分拣员", contact_name="李经理", contact_phone="13800000000")
    page = world.client(None).get(f"/employment/jobs/{p.pk}/").content.decode()
    assert 'id="apply-how"' not in page and "13800000000" in page
