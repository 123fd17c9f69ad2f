"""Session 12 (branch review-fix): a new user's draft (U15 in the session's user notes; docs/review.md, "Session 12
(branch review-fix): a new user's draft"). The plaque words were a closed list without 牌匾; 展板 read as a plaque
whatever it was made for; a second demand joined by 并 left its village too far from the verb; 落实属地管理责任 and a
100% satisfaction rate had no pattern. Every sentence below was written for this file (none is the user's text, none
is copied from a corpus split or a real document)."""

from __future__ import annotations

import pytest

from jianfu.review.engine import load_catalogue, review_text
from jianfu.review.engine.matcher import match_clause
from jianfu.review.engine.structure import Clause


def judged(text: str, *, title: str = "") -> list[str]:
    """Rule ids the engine fires on one clause (as the evaluation reads it)."""
    clause = Clause(index=0, text=text, number="", level=None, heading_path=[], paragraph_index=0, page=None, start=0)
    return sorted({f.rule_id for f in match_clause(clause, load_catalogue().clause_rules, title=title).findings})


def marked(text: str, rule_id: str) -> str:
    """The words a finding of this rule marks in the clause."""
    clause = Clause(index=0, text=text, number="", level=None, heading_path=[], paragraph_index=0, page=None, start=0)
    found = [f for f in match_clause(clause, load_catalogue().clause_rules).findings if f.rule_id == rule_id]
    assert len(found) == 1, found
    return text[found[0].start:found[0].end]


# --- plaques: 牌匾 and the other plaque words are plaques --------------------------------------------------------

@pytest.mark.parametrize(("clause", "expected"), [
    # session 18 (review-new18): a 示范 title on the plaque is also the creation's (BR-DEMO-01), beside the plaque
    ("各社区要在办公楼门口悬挂“平安建设示范社区”牌匾。", ["BR-DEMO-01", "BR-DUTY-02"]),
    ("各村统一制作“乡风文明理事会”匾额，悬挂于村部显要位置。", ["BR-DUTY-02"]),
    ("各村（社区）要在党群服务中心门口统一安装“法治宣传站”铭牌。", ["BR-DUTY-02"]),
])
def test_a_plaque_demanded_of_villages_is_a_finding(clause: str, expected: list[str]) -> None:
    assert judged(clause) == expected


@pytest.mark.parametrize("clause", [
    # the plaque of a body the law sets up in every village
    "各村民委员会统一悬挂“村民委员会”牌子，不得加挂其他牌子以外的标识。",
    "依照《中华人民共和国人民调解法》，各村设立人民调解委员会，并悬挂“人民调解委员会”牌匾。",
    # an honour plaque awarded by an appraisal is the appraisal's (DEMO), not a plaque demanded of the village
    "经县评审委员会评定的“科普示范基地”，由县科协授予牌匾。",
    # a plaque on a ship
    "船舶悬挂的牌匾不得遮挡船名。",
])
def test_plaque_look_alikes_stay_silent_on_duty_02(clause: str) -> None:
    assert "BR-DUTY-02" not in judged(clause)


# --- an exhibit board made for the inspectors is evidence (INS-05), not a wall display --------------------------

def test_boards_prepared_for_an_inspection_are_evidence_not_plaques() -> None:
    clause = "县卫健局每季度检查一次，各乡镇卫生院要提前制作展板、整理档案盒等迎检材料。"
    assert "BR-DUTY-02" not in judged(clause)
    assert "BR-INS-05" in judged(clause)
    assert marked(clause, "BR-INS-05") == "制作展板、整理档案盒等迎检材料"
    # the inspection named first: the same
    other = "为迎接省级验收，各村要布置展板并准备档案盒。"
    assert "BR-DUTY-02" not in judged(other)
    assert judged(other) == ["BR-INS-05"]


def test_an_exhibit_about_the_county_s_own_work_is_silent() -> None:
    assert judged("县文旅局在县博物馆举办脱贫攻坚成果展，展出展板60块。") == []
    assert judged("县融媒体中心制作宣传展板，在县城广场展示全县人居环境整治成效。") == []


def test_a_board_of_rules_for_the_village_wall_stays_a_plaque() -> None:
    assert judged("各村要统一制作工作制度展板，张贴在村部办公室。") == ["BR-DUTY-02"]


# --- a new body joined by 并 to another demand -----------------------------------------------------------------

def test_a_dedicated_body_named_after_another_demand_is_a_finding() -> None:
    clause = "各村（社区）要完善人居环境长效管护机制，并建立专门的保洁工作机构。"
    assert judged(clause) == ["BR-DUTY-03"]
    assert marked(clause, "BR-DUTY-03") == "建立专门的保洁工作机构"


def test_a_county_body_s_own_dedicated_office_is_silent() -> None:
    assert judged("县农业农村局将抽调业务骨干，并建立专门的工作机构负责项目验收。") == []
    assert judged("县市场监管局设立专门的投诉处理机构，受理群众投诉。") == []


# --- 属地 responsibility handed to the township or the village ---------------------------------------------------

@pytest.mark.parametrize("clause", [
    "各乡镇要履行属地管理责任，做好辖区河道垃圾清理工作。",
    "各村（社区）要落实属地责任，对辖区内的乱搭乱建问题负责。",
])
def test_attribution_of_territorial_responsibility_to_townships_is_a_finding(clause: str) -> None:
    assert judged(clause) == ["BR-DUTY-01"]


@pytest.mark.parametrize("clause", [
    "县市场监管局按照属地管理原则，加强对辖区食品生产企业的日常监管。",
    "县应急管理局要落实属地管理责任，督促企业开展隐患排查。",
    "企业要落实安全生产主体责任。",
])
def test_a_department_s_territorial_supervision_of_enterprises_is_silent(clause: str) -> None:
    assert judged(clause) == []


# --- a satisfaction rate set at 100% ------------------------------------------------------------------------------

def test_a_satisfaction_target_of_100_percent_is_a_finding() -> None:
    clause = "各乡镇要加大工作力度，确保群众满意度达到100%。"
    assert judged(clause) == ["BR-INS-15"]
    assert marked(clause, "BR-INS-15") == "满意度达到100%"
    assert judged("各村（社区）服务群众好评率须达100%。") == ["BR-INS-15"]


@pytest.mark.parametrize("clause", [
    "县统计局每年组织一次群众满意度调查，调查结果向社会公布。",
    "各乡镇要持续提升群众满意度。",
    "上年度全县政务服务好评率达到99.2%。",
])
def test_a_satisfaction_survey_without_a_target_is_silent(clause: str) -> None:
    assert judged(clause) == []


# --- the whole draft, in the user's order of clauses (a paraphrase of their document) ------------------------------

def test_a_draft_of_the_same_shape_finds_each_burden_once() -> None:
    draft = (
        "关于加快推进美丽乡村建设的通知\n"
        "各乡镇人民政府：\n"
        "一、县乡村振兴局将每月开展一次督查，各村须提前准备展板、资料盒等迎检材料。\n"
        "二、各村（社区）须在村部门口悬挂“美丽乡村示范村”牌匾，并建立专门的工作机构。\n"
        "三、各乡镇要落实属地管理责任，确保村民满意率达到100%。\n"
    )
    result = review_text(draft)
    by_clause: dict[str, list[str]] = {}
    for f in result.findings:
        by_clause.setdefault(f.clause_text[:2], []).append(f.rule_id)
    assert sorted(by_clause["一、"]) == ["BR-INS-05", "BR-INS-10", "BR-INS-11"]
    # session 18 (review-new18): the 示范村 title on the plaque is a creation too (BR-DEMO-01)
    assert sorted(by_clause["二、"]) == ["BR-DEMO-01", "BR-DUTY-02", "BR-DUTY-03"]
    assert sorted(by_clause["三、"]) == ["BR-DUTY-01", "BR-INS-15"]


# --- the citation of the 2026 app measures ---------------------------------------------------------------------------

def test_the_app_measures_are_cited_as_burden_rules_md_gives_them() -> None:
    """burden-rules.md §2.4 [S17]: 国办函〔2026〕12号《政务移动互联网应用程序规范化管理办法》 (2026-01-25): the number is
    sourced there, not a placeholder; the citation keeps exactly that number and date."""
    rule = load_catalogue().get("BR-APP-02")
    assert rule is not None
    assert rule.provision == "《政务移动互联网应用程序规范化管理办法》（国办函〔2026〕12号）禁止性规定"
    assert rule.source == "国务院办公厅，2026年1月25日"
