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
])
def test_an_assessment_of_what_a_clause_sets_up_is_a_group_of_its_own(clause: str, expected: list[str]) -> None:
    assert groups(clause) == expected


def test_units_ranked_by_app_points_are_ranked_localities_a_persons_points_stay_the_apps() -> None:
    assert groups("每季度对各乡镇学习积分进行排名，排名靠后的乡镇在全县会议上作表态发言。") == ["APP", "INS"]
    # the guide's app entry names "check-in, points, rankings or online time": a person's points ranked are the app's
    assert groups("党员每日学习积分须达到20分，每月通报个人积分排名前五名和后五名。") == ["APP"]
    # and the consolidated assessment the rules recommend stays silent
    assert groups("相关工作统一纳入年度乡村振兴实绩考核，不单独考核。") == []


def judged(text: str) -> list[str]:
    clause = Clause(index=0, text=text, number="", level=None, heading_path=[], paragraph_index=0, page=None, start=0)
    return sorted({f.rule_id for f in match_clause(clause, load_catalogue().clause_rules).findings})


@pytest.mark.parametrize("clause", [
    # rankings without the word 排名
    "县文旅局每季度在工作简报上公布各乡镇旅游接待得分和位次。",
    "对各村人居环境得分从高到低排出顺序，在乡镇党委会上逐村点评。",
    "各卫生院签约率位列全县后两名的，院长在例会上作书面检查。",
    # evidence of work in other words
    "每次入户宣传后，须将宣传单签收表装订成册，年底交县司法局检查。",
    "网格员巡查时须拍摄前后对比照片，经网格长签字确认后上交社区。",
    # reporting and inspection rhythms in other words
    "各村每逢星期三将环境整治进度表报乡镇农办。",
    "县指挥部每十天对各乡镇征迁现场暗查一次。",
    # secondment in other words
    "各村（社区）选派1名村干部到县征收指挥部协助工作。",
])
def test_unseen_wording_of_a_known_kind_is_read(clause: str) -> None:
    assert judged(clause)


@pytest.mark.parametrize("clause", [
    "各规模以上工业企业每季度通过联网直报平台报送能耗数据。",  # 以上 closes the noun: enterprises bear it
    "各村门口悬挂的各类标识牌，除规定牌子外，其余一律摘除。",  # an abolition after the noun
    "自查发现，县直部门存在要求村级每周报送工作照片的情况，现已整改到位。",  # a practice found and rectified
    "乡镇干部反映，各条线要求层层签订的责任状过多。",  # a complaint described
    "过去一年，各乡镇均与村签订了综治目标责任书。",  # past work
])
def test_look_alikes_stay_silent(clause: str) -> None:
    assert judged(clause) == []
