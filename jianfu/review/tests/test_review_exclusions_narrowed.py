"""Session 6 review of session 5's readings: an exclusion written for individuals or for a legal instrument must not
silence a burden on townships and villages that shares the sentence or the title's words."""

from __future__ import annotations

import pytest

from jianfu.review.engine import review_text
from jianfu.review.engine.context import legal_instrument

ENACTED = "第一条 为了规范管理，根据《中华人民共和国安全生产法》等法律法规，结合实际，制定本办法。"


def rule_ids(text: str, title: str = "") -> list[str]:
    """The rules that fire on a pasted text (its first line is the title)."""
    return sorted({f.rule_id for f in review_text(f"{title}\n{text}" if title else text).findings})


@pytest.mark.parametrize(("sentence", "expected"), [
    # units assessed beside their staff: the units' assessment is the burden
    ("将此项工作纳入各乡镇绩效考核和教师年度考核。", ["BR-INS-12"]),
    ("将控辍保学纳入对各乡镇、学校及教师的年度考核。", ["BR-INS-12"]),
    ("将此项工作纳入各村（社区）和工作人员年度考核。", ["BR-INS-12"]),
    ("将师德表现纳入教师年度考核。", []),                       # the individual alone: not a grassroots burden
    # a veto on localities phrased as "…者": still a veto on units
    ("各乡镇中工作推进不力、排名末位者，一票否决。", ["BR-INS-02"]),
    ("对有偿补课者，一票否决。", []),                           # a person who did something
])
def test_individuals_exclusions_leave_units_alone(sentence, expected):
    assert rule_ids(sentence) == expected


def test_a_notice_implementing_a_government_order_is_not_the_order():
    title = "关于认真贯彻落实省人民政府令第216号的通知"
    assert legal_instrument(title, "各乡镇每月5日前报送落实情况。") is False
    assert "BR-INS-08" in rule_ids("各乡镇每月5日前报送落实情况。", title=title)
    assert legal_instrument("河北省社会保险基金监督办法（省长1号令）", "") is True


@pytest.mark.parametrize(("title", "instrument"), [
    ("某省交通运输厅道路运输管理办法", False),     # departments make no government rules
    ("某市教育局校外培训管理办法", False),
    ("某县农村建房管理办法", False),               # nor counties or districts
    ("北海市海城区物业管理办法", False),
    ("河北省社会保险基金管理办法", True),          # a province's, grounded in law
    ("河北省县级公立医院管理办法", True),
    ("北海市城市绿化管理办法", True),              # a city with legislative power
])
def test_an_enacting_clause_makes_an_instrument_only_for_rule_makers(title, instrument):
    assert legal_instrument(title, ENACTED) is instrument


# Session 7's review of session 6: a title that only begins with 国家/中央 is a local document about a national programme
# (and a local branch of a central body is a local issuer) — its burdens are findings. (Session 7's review-dev then
# judged central bodies' own documents by the same rules as any other, so no title silences a clause any more.)
BURDENS = "各乡镇每周报送创建进展，县里每月对各乡镇排名并通报，村干部每日签到留痕。"


# (session 9: the townships' monthly ranking is a burden of its own beside the daily check-in, BR-INS-04 beside BR-APP-02)
@pytest.mark.parametrize(("title", "expected"), [
    ("国家卫生县城创建工作实施方案", ["BR-APP-02", "BR-INS-04", "BR-INS-08"]),
    ("国家税务总局合浦县税务局关于开展纳税服务考核的通知", ["BR-APP-02", "BR-INS-04", "BR-INS-08"]),
    ("中央生态环境保护督察反馈意见整改落实方案", ["BR-APP-02", "BR-INS-04", "BR-INS-08"]),
    ("合浦县国家卫生县城创建工作实施方案", ["BR-APP-02", "BR-INS-04", "BR-INS-08"]),
])
def test_a_title_beginning_with_a_national_programme_does_not_silence_its_burdens(title, expected):
    assert rule_ids(BURDENS, title) == expected


def test_townships_bear_a_report_that_follows_an_enterprise_clause():
    # the demand across commas: the part holding the verb names the townships, so the first part's doer does not decide
    assert rule_ids("项目承担单位须按月填报进度，各乡镇每月汇总报送县农业农村局并留存台账。", "关于做好有关工作的通知") == \
        ["BR-INS-08"]
    assert rule_ids("承担单位须按月填报进度，经主管部门审核后报送省科技厅。", "关于做好有关工作的通知") == []


@pytest.mark.parametrize("title", ["广西壮族自治区森林防火办法", "内蒙古自治区草原管理办法"])
def test_an_autonomous_regions_rule_is_a_legal_instrument(title):
    assert legal_instrument(title, ENACTED)


@pytest.mark.parametrize("title", ["合浦县森林防火办法", "北海市海城区某某管理办法"])
def test_a_county_or_districts_own_measure_is_not(title):
    assert not legal_instrument(title, ENACTED)
