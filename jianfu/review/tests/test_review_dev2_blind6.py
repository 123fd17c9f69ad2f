"""Session 9 (branch review-dev2): the kinds of error blind6's first run showed, read in general words
(docs/review.md, "blind6, run once (lead, session 9)"). Every sentence below was written for this file; none is
copied from a split."""

from __future__ import annotations

import pytest

from jianfu.review.engine import load_catalogue
from jianfu.review.engine.matcher import match_clause
from jianfu.review.engine.structure import Clause


def groups(text: str, *, issuer: str = "unknown") -> list[str]:
    """The rule groups the engine names on one clause (as the evaluation reads it)."""
    clause = Clause(index=0, text=text, number="", level=None, heading_path=[], paragraph_index=0, page=None, start=0)
    return sorted({f.group for f in match_clause(clause, load_catalogue().clause_rules, issuer=issuer).findings})


@pytest.mark.parametrize("clause", [
    # an abolition after the noun: what was already signed is abolished with the ban
    "各部门一律不得要求村级组织签订目标责任状，此前签订的各类责任状一并清理废止。",
])
def test_what_was_signed_before_abolished_with_it_is_no_pledge_demand(clause: str) -> None:
    assert groups(clause) == []


def test_an_applicant_named_by_what_he_applies_for_bears_his_own_file() -> None:
    assert groups("申请农机购置补贴的农户，须提交购机发票和本人签字的承诺书，由乡镇农技站核验。") == []


def test_a_veto_in_a_persons_title_review_or_appointment_is_individual() -> None:
    assert groups("医务人员收受红包的，在职称评定、岗位聘用和年度评优中实行一票否决。") == []
    # a veto on the townships stays a finding
    assert groups("发生重大环境污染事件的乡镇，年度考核实行一票否决。") == ["INS"]


def test_a_bureaus_party_group_and_internal_review_are_its_own_management() -> None:
    assert groups("局党组每半年听取一次意识形态工作汇报，班子成员每人每年报送1篇调研文章，纳入机关内部考评。") == []


def test_an_offices_account_to_its_own_standing_committee_is_no_report_demanded_below() -> None:
    assert groups("县政府办公室每季度对重点项目推进情况进行汇总，汇总情况向县政府常务会议报告。") == []
    # townships reporting every quarter stay a finding
    assert groups("各乡镇每季度将重点项目投资数据报送县发改局。") == ["INS"]


def test_feedback_sent_down_to_the_townships_is_the_county_bodys_service() -> None:
    assert groups("县农业农村局每月向各乡镇反馈农产品质量抽检结果，并提出整改建议。") == []
    # a report the townships make in the same sentence still binds them
    assert groups("各乡镇每月报送农产品抽检数据，县农业农村局每季度向乡镇反馈评估意见。") == ["INS"]


def test_a_department_named_for_rural_affairs_is_no_village() -> None:
    # a provincial department borrowing from a city bureau: no county-and-below staff
    assert groups("因工作需要，省水利厅从市农业农村局借调2名工作人员，借调期限半年。") == []
    # borrowing from villages stays a finding
    assert groups("县文旅局从各村抽调5名文艺骨干参加汇演筹备。") == ["SEC"]


def test_a_county_named_in_its_own_app_or_event_is_no_described_case() -> None:
    # inside a quoted name, before a year, after 第…届: the county itself, and the demand binds
    assert groups("各村网格员须每日登录“某县智慧网格”APP签到打卡并上传巡查照片。") == ["APP"]
    assert groups("为办好第二届某县梨花节，从各乡镇抽调8名工作人员组成筹备专班，集中办公至节会结束。") == ["SEC"]
    # an anonymised place in a described case stays a description
    assert groups("某县要求村干部每天在工作群打卡并上传照片，增加了基层负担。") == []


def test_an_approved_creation_counted_in_assessment_is_the_assessment_only() -> None:
    assert groups("国家卫生县城复审是经批准保留的创建项目，各乡镇承担的创建任务完成情况纳入年度综合考核。") == ["INS"]
    # an unapproved creation counted in assessment stays two burdens
    assert groups("各乡镇要开展“洁净庭院”示范创建，创建成效纳入乡镇年度综合考核。") == ["DEMO", "INS"]
