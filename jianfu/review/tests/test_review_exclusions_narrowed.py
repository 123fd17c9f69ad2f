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
