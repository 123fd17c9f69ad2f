"""Session 9 (branch review-dev): an app, a creation, a meeting or a plaque set up AND assessed is two burdens, each
named by its group (docs/review.md, "Session 9"); and the readings that dev2's variants showed. Every sentence below was
written for this file; none is copied from a split."""

from __future__ import annotations

import pytest

from jianfu.review.engine import load_catalogue
from jianfu.review.engine.matcher import match_clause
from jianfu.review.engine.structure import Clause


def groups(text: str, *, title: str = "") -> list[str]:
    """The rule groups the engine names on one clause (as the evaluation reads it)."""
    clause = Clause(index=0, text=text, number="", level=None, heading_path=[], paragraph_index=0, page=None, start=0)
    return sorted({f.group for f in match_clause(clause, load_catalogue().clause_rules, title=title).findings})


@pytest.mark.parametrize(("clause", "expected"), [
    # the thing set up, and the new indicator in the localities' assessment: two groups
    ("各村干部须注册使用“XX办事通”小程序，注册率纳入各乡镇年度目标考核。", ["APP", "INS"]),
    ("各乡镇要开展“文明集市”示范创建，创建成效纳入乡镇年度综合考核。", ["DEMO", "INS"]),
    ("各村（社区）须统一悬挂“XX驿站”标牌，挂牌情况纳入年度考评。", ["DUTY", "INS"]),
    ("全体网格员须每日登录“XX网格通”APP，各乡镇登录率将作为年度平安建设考核的评分依据。", ["APP", "INS"]),
    # units ranked by their app points: a ranking of localities besides the app's own burden
    ("每季度对各乡镇学习积分进行排名，排名靠后的乡镇在全县会议上作表态发言。", ["APP", "INS"]),
])
def test_an_assessment_of_what_a_clause_sets_up_is_a_group_of_its_own(clause: str, expected: list[str]) -> None:
    assert groups(clause) == expected


def test_points_ranked_per_person_stay_the_apps_own_burden() -> None:
    # the guide's app entry names "check-in, points, rankings or online time": a person's points ranked are the app's
    assert groups("党员每日学习积分须达到20分，每月通报个人积分排名前五名和后五名。") == ["APP"]


def test_the_recommended_consolidation_stays_silent() -> None:
    assert groups("相关工作统一纳入年度乡村振兴实绩考核，不单独考核。") == []
