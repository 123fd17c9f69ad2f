"""Session 8 (branch review-dev2): the kinds of error blind5 showed, read in general (docs/review.md, "Session 8
(branch review-dev2): blind5 read"). Every sentence below was written for this file; none is copied from blind5."""

from __future__ import annotations

import pytest

from jianfu.review.engine import load_catalogue
from jianfu.review.engine.matcher import match_clause
from jianfu.review.engine.structure import Clause


def judged(text: str, *, title: str = "") -> list[str]:
    """Rule ids the engine fires on one clause (as the evaluation reads it)."""
    clause = Clause(index=0, text=text, number="", level=None, heading_path=[], paragraph_index=0, page=None, start=0)
    return sorted({f.rule_id for f in match_clause(clause, load_catalogue().clause_rules, title=title).findings})


@pytest.mark.parametrize("clause", [
    "县住建局对局属事业单位每季度开展工作评价并排名，排名情况在局内公开。",
    "县政府办对各科室信息报送质量实行月度通报，并作为科室评先的参考。",
])
def test_a_department_ranking_its_own_units_is_internal(clause: str) -> None:
    assert judged(clause) == []


def test_ranking_townships_stays_a_finding() -> None:
    assert judged("县住建局对各乡镇每季度开展工作评价并排名，排名情况全县公开。") == ["BR-INS-04"]


def test_the_statutory_accident_reporting_regime_is_not_instant_reporting() -> None:
    clause = "道路交通事故发生后，所在乡镇应当在2小时内按规定逐级上报，不得迟报、漏报或者瞒报。"
    assert judged(clause) == []
    assert "BR-INS-08" in judged("各乡镇每日17时前报送项目推进情况。")


def test_a_regulators_pledge_with_enterprises_is_the_enterprises() -> None:
    assert judged("县市场监管局与辖区内药品经营企业签订质量安全承诺书。") == []
    assert judged("县市场监管局与各乡镇层层签订质量安全责任书。") == ["BR-INS-03"]


def test_a_one_off_deadline_this_month_is_no_monthly_report() -> None:
    assert judged("各乡镇要确定1名联络员，联络员名单于本月底前报县文旅局。") == []
    assert "BR-INS-08" in judged("各乡镇每月底前将工作进展情况报县文旅局。")


def test_a_briefing_sent_ahead_to_the_inspection_team_is_the_accompanying_demand() -> None:
    clause = "县考核组到村检查时，乡镇党委书记要全程陪同并当面汇报，汇报材料提前两天报考核组。"
    assert judged(clause) == ["BR-INS-09"]


def test_a_village_committees_right_to_refuse_is_no_demand() -> None:
    assert judged("对清单以外的证明事项，村民委员会有权拒绝出具。") == []
    assert judged("申请人须由村委会出具家庭困难证明。") == ["BR-DUTY-04"]


def test_the_stamp_on_a_nomination_is_part_of_the_selection() -> None:
    clause = "各村要组织开展“最美邻里”评选，推荐表经村委会盖章后于9月底前报镇文化站。"
    assert judged(clause) == ["BR-DEMO-05"]


def test_one_report_in_paper_and_electronic_form_is_one_filing() -> None:
    assert judged("请各乡镇于6月20日前将半年工作总结报县农业农村局，同时报送电子版。") == ["BR-DOC-02"]
    # a system entry sent again on paper stays a duplicate
    assert "BR-APP-07" in judged("各乡镇在系统录入后，还需另行报送纸质材料。")


def test_a_paper_copy_beside_a_national_system_is_the_duplicate() -> None:
    clause = "各村在全国农村低收入人口监测平台录入信息后，还需另行填写纸质台账报乡镇民政办。"
    assert "BR-APP-07" in judged(clause)
    # the upkeep of the national system alone is not a finding
    assert judged("各村按要求在全国农村低收入人口监测平台更新信息。") == []


def test_a_meeting_held_on_time_made_a_criterion() -> None:
    assert "BR-INS-06" in judged("各支部是否按期召开组织生活会，纳入年度党建考核。")


@pytest.mark.parametrize(("clause", "rule"), [
    ("各乡镇年终按综合得分排定名次，并在全县大会上公布。", "BR-INS-04"),
    ("县里对各村人居环境按“红黄绿”三色每季度评定，结果在全县通报。", "BR-INS-04"),
    ("连续三个月被标红的村，村党组织书记要作表态发言并接受约谈。", "BR-INS-04"),
])
def test_rankings_without_the_word_ranking(clause: str, rule: str) -> None:
    assert rule in judged(clause)


def test_a_colour_grade_abolished_is_silent() -> None:
    assert judged("不再对各村按“红黄绿”三色评定。") == []


def test_a_showcase_village_visited_and_scored_is_a_campaign() -> None:
    assert "BR-DEMO-01" in judged("各乡镇要打造精品示范村，年底前迎接全县观摩评比。")
    assert "BR-DEMO-01" in judged("每个乡镇至少打造2个美丽乡村亮点村。")


def test_a_uniform_look_on_houses_is_a_vanity_project() -> None:
    assert judged("沿线各村要打造特色风貌带，统一屋顶颜色和围墙样式。") == ["BR-VAN-01"]


def test_a_body_mirrored_down_from_the_county() -> None:
    assert "BR-DUTY-03" in judged("各乡镇要对照县级架构，相应组建人居环境整治工作专班。")


def test_screenshots_kept_as_proof() -> None:
    assert "BR-INS-05" in judged("各村网格员每周在群里转发防诈骗知识并截图留存。")


def test_after_the_emergency_a_photo_quota_is_evidence_of_work() -> None:
    assert "BR-INS-05" in judged("汛期结束后，各乡镇要报送防汛工作总结，并附现场照片不少于30张。")
    # during the emergency the daily report stays exempt, even when it names its end
    assert judged("发生险情时，各乡镇每日17时前报送险情处置情况，直至险情解除。") == []
