"""Session 15 (newuser15 F12): 为何推荐 names whose is which. "不足：与求职意向不同（电子产品装配工）" read as the seeker's
wish being 电子产品装配工 (it was the posting's trade), and "经验满足3年" said neither whose requirement nor whose years.
Only the words change: the scores and rankings are those of before (the eval figures do not move)."""

from __future__ import annotations

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker

GAZ = Gazetteer.builtin()
ASSEMBLY = Job(id="J", title="电子产品装配工", place="廉州镇", experience="3年以上", description="手机配件流水线装配")


def _rec(seeker: Seeker, job: Job = ASSEMBLY):
    (rec,) = Matcher(jobs=[job], seekers=[seeker], gazetteer=GAZ, year=2026).jobs_for(seeker)
    return rec


def test_a_different_trade_is_named_as_the_postings_and_the_wish_in_the_seekers_words():
    rec = _rec(Seeker(id="S", age=30, desired="想做酒店前台接待", residence="廉州镇", experience="2015年至2020年在酒店做前台"))
    assert rec.unmet[0] == "岗位为电子产品装配工，与求职意向“想做酒店前台接待”不同"
    assert "经验满足（岗位要求3年，本人5年）" in rec.met


def test_a_long_wish_is_quoted_to_fifteen_characters_and_an_empty_wish_is_said_so():
    rec = _rec(Seeker(id="S", age=30, desired="想找一份离家近一点的酒店前台或者收银的工作，最好白班", residence="廉州镇"))
    assert rec.unmet[0] == "岗位为电子产品装配工，与求职意向“想找一份离家近一点的酒店前台或…”不同"
    rec = _rec(Seeker(id="S", age=30, desired="", residence="廉州镇"))
    assert rec.unmet[0] == "岗位为电子产品装配工，本人未填求职意向"


def test_a_related_trade_names_the_posting_and_the_seekers_own_word():
    rec = _rec(Seeker(id="S", age=23, desired="做过流水线，想进厂", residence="廉州镇"))
    assert rec.met[0] == "岗位为电子产品装配工，与求职意向“流水线”相近"


@pytest.mark.parametrize(("experience", "phrase"), [
    ("2024年至今在电子厂做装配", "经验不足（岗位要求3年，本人2年）"),
    ("做过流水线", "经验不足（岗位要求3年，本人约0.5年）"),
    ("", "经验不足（岗位要求3年，本人未填工作经历）"),
])
def test_experience_says_whose_requirement_and_whose_years(experience, phrase):
    rec = _rec(Seeker(id="S", age=30, desired="电子产品装配", residence="廉州镇", experience=experience))
    assert phrase in rec.unmet


# emp-prod18: "岗位为客户服务管理员（客服），与求职意向“离家近就行，能照顾孩子”不同" — a wish of place or time names no trade a
# posting could differ from; "与求职意向…不同" is said only when the wish was read as an occupation
SERVICE = Job(id="C", title="客服专员", place="廉州镇", description="电话回访客户，处理售后咨询")
TILL_AND_STORE = Job(id="T", title="收银员兼仓管", place="廉州镇", description="超市收银，仓库理货")


@pytest.mark.parametrize(("wish", "phrase"), [
    ("离家近就行，能照顾孩子", "岗位为客户服务管理员（客服），求职意向未写明工种"),
    ("只上白天班，周末休息", "岗位为客户服务管理员（客服），求职意向未写明工种"),
    ("想做保安", "岗位为客户服务管理员（客服），与求职意向“想做保安”不同"),
    ("", "岗位为客户服务管理员（客服），本人未填求职意向"),
])
def test_the_wish_is_said_to_differ_only_when_it_names_a_trade(wish, phrase):
    rec = _rec(Seeker(id="S", age=30, desired=wish, residence="廉州镇"), SERVICE)
    assert rec.unmet[0] == phrase
    assert not [p for p in rec.unmet + rec.met if "求职意向“离家近" in p or "求职意向“只上白天" in p]


def test_a_trade_chosen_on_the_form_without_words_is_named():
    rec = _rec(Seeker(id="S", age=30, desired="", residence="廉州镇", occupation_codes=("4-07-01",)), SERVICE)
    assert rec.unmet[0] == "岗位为客户服务管理员（客服），与求职意向（保安员）不同"


def test_two_trades_differ_from_a_trade_wish_and_not_from_a_place_wish():
    rec = _rec(Seeker(id="S", age=30, desired="想做保安", residence="廉州镇"), TILL_AND_STORE)
    assert rec.unmet[0] == "岗位包含收银员和仓储管理员两项工作，均与求职意向“想做保安”不同"
    rec = _rec(Seeker(id="S", age=30, desired="离家近就行，能照顾孩子", residence="廉州镇"), TILL_AND_STORE)
    assert rec.met[0] == "岗位包含收银员和仓储管理员两项工作，其中仓储管理员为入门岗位，无需专门技能"


# tryout26 #2: a related trade was always called 求职意向 — "与求职意向“建材制品工”相近" for 陈凤, who wants 电工 and once
# worked at the county cement works. The phrase now says where the trade comes from: the wish (in her words), the work
# history or a certificate.
GENERAL = Job(id="P", title="普工", place="廉州镇", description="生产线操作，计件")
FORKLIFT = Job(id="F", title="叉车司机", place="廉州镇", description="仓库叉车作业")
SHOP = Job(id="K", title="客服打包员", place="廉州镇", description="电商客服、打包发货")


@pytest.mark.parametrize(("seeker", "job", "phrase"), [
    (Seeker(id="S", age=40, desired="电工，持低压电工证", certificates="电工证", residence="廉州镇",
            experience="2005年到2013年在县水泥厂做电工"), GENERAL, "岗位为普工（生产线操作工），与本人工作经历（建材制品工）相近"),
    (Seeker(id="S", age=40, residence="廉州镇", experience="2015年至2020年在工地开挖掘机"), FORKLIFT,
     "岗位为叉车司机，与本人工作经历（挖掘机、装载机司机）相近"),
    (Seeker(id="S", age=40, certificates="挖掘机操作证", residence="廉州镇"), FORKLIFT,
     "岗位为叉车司机，与本人所持证书（挖掘机、装载机司机）相近"),
    (Seeker(id="S", age=40, residence="廉州镇", experience="2015年至2020年在直播公司做主播"), SHOP,
     "岗位包含客服和包装工两项工作，其中客服与本人工作经历（直播销售员）相近"),
    (Seeker(id="S", age=40, certificates="电子商务师证", residence="廉州镇"), SHOP,
     "岗位包含客服和包装工两项工作，其中客服与本人所持证书（直播销售员）相近"),
    (Seeker(id="S", age=23, desired="做过流水线，想进厂", residence="廉州镇"), ASSEMBLY, "岗位为电子产品装配工，与求职意向“流水线”相近"),
])
def test_a_related_trade_says_whether_it_is_the_wish_the_history_or_a_certificate(seeker, job, phrase):
    assert _rec(seeker, job).met[0] == phrase
