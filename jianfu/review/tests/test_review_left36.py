"""Session 36 (branch review-left36): three readings session 35 left open, each on sentences written here in the voice of
county drafting, beside the look-alikes that must keep their finding. docs/review.md "Session 36 (branch review-left36)";
DATA_CARD.md "Adjudication (session 36)"."""

import pytest

from jianfu.review.engine import review_text

# a county body's notice to its townships
TITLE = "关于做好有关工作的通知\n各乡镇人民政府、街道办事处，县直各单位：\n一、"
# a city body's notice to the counties
CITY = "关于做好村级组织换届工作的通知\n各县（市、区）委组织部：\n一、"
# a county notice with no addressee line
PLAIN = ""


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


# 1. A county organ's own report to its counterpart above (adjudication, session 36): the county's own level, not the
# grassroots below the issuer; a report whose material the townships or villages supply, or a city's demand on every
# county, stays a finding.
@pytest.mark.parametrize(("sentence", "title", "expected"), [
    ("县委组织部于6月30日前将村级组织换届情况形成专题报告，报市委组织部。", TITLE, []),
    ("县农业农村局要在11月底前将高标准农田建设任务完成情况形成书面报告，报送市农业农村局。", TITLE, []),
    ("县民政局每季度末将养老服务工作进展情况报市民政局。", TITLE, []),
    # the material gathered from the townships or villages in the same sentence: they bear it
    ("县委组织部要汇总各乡镇换届工作情况，于6月30日前形成专题报告，报市委组织部。", TITLE, ["BR-DOC-02"]),
    ("各乡镇于6月20日前将换届情况报县委组织部，县委组织部汇总后于6月30日前形成专题报告，报市委组织部。", TITLE, ["BR-DOC-02"]),
    ("县委组织部组织各乡镇于6月30日前将换届情况形成专题报告，报市委组织部。", TITLE, ["BR-DOC-02"]),
    # the townships reporting to the county organ, and a city's demand on every county, are the grassroots'
    ("各乡镇于6月30日前将村级组织换届情况形成专题报告，报县委组织部。", TITLE, ["BR-DOC-02"]),
    ("请各县（市、区）委组织部于6月30日前将村级组织换届情况形成专题报告，报市委组织部。", CITY, ["BR-DOC-02"]),
])
def test_a_county_organs_own_report_upward(sentence: str, title: str, expected: list[str]) -> None:
    assert rules_fired(sentence, title) == expected


# 2. Schools made to enter the same data twice: the students are the data, not the bearer; the two systems named together
# are the duplicate said at once.
@pytest.mark.parametrize(("sentence", "expected"), [
    ("各学校要将学生信息在学籍管理系统和教育统计平台重复录入。", ["BR-APP-07"]),
    ("各学校每学期须将学生体检数据分别在学籍系统、县健康平台录入。", ["BR-APP-07"]),
    ("学生资助信息由各学校在全国学生资助管理系统和县教育云平台重复录入。", ["BR-APP-07"]),
    ("学生体检数据由各学校在学籍系统录入后，再通过县健康平台重复录入。", ["BR-APP-07"]),
    ("各村要将村民信息在低保系统和防返贫监测平台重复录入。", ["BR-APP-07"]),
    # the relief, and people entering their own data, stay silent
    ("不得要求学校将学生信息在学籍管理系统和教育统计平台重复录入。", []),
    ("数据实现共享后，各学校无需在学籍管理系统和教育统计平台重复录入学生信息。", []),
    ("学生须本人在学籍管理系统和资助平台分别填报家庭经济情况。", []),
    ("家长须在学籍管理系统和资助平台分别填报家庭信息。", []),
])
def test_schools_entering_students_data_twice(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


# 3. Work photos sent by a body's own staff: read from who does the work (context.own_staff_photos), not from the
# sentence's opening — three phrasings fixcr35b's openings missed (a time phrase first, the doer named by 由, a staff
# noun of its own), beside fixcr35b's two.
@pytest.mark.parametrize("sentence", [
    "巡查期间，县林业局护林队员须每日拍照上传至局巡护工作群。",
    "堤防巡查由县水利局技术人员负责，巡查照片上传至局防汛工作群。",
    "县交通运输局路政员每日巡路后，将路况照片上传至局路政工作群。",
    "县林业局工作人员巡山后将照片上传至本局工作群。",
    "县林业局巡护队员每日巡山后须拍照上传至局巡护工作群。",
])
def test_a_bodys_own_staff_sending_work_photos(sentence: str) -> None:
    assert rules_fired(sentence, PLAIN) == []


@pytest.mark.parametrize("sentence", [
    # a township's or village's photo demand, and a county body having the villages or townships send them
    "各乡镇工作人员每日巡查后须将照片上传至县局工作群。",
    "镇综合执法队队员每日巡查后将照片上传至镇工作群。",
    "各村信息员每日巡查后将巡查照片上传至镇工作群。",
    "堤防巡查由各乡镇负责，巡查照片上传至县防汛工作群。",
    "县农业农村局要求各村干部拍照上传至局工作群。",
    "县林业局要求各乡镇护林员巡山后将照片上传至局工作群。",
])
def test_the_grassroots_photo_demand_still_fires(sentence: str) -> None:
    assert rules_fired(sentence, PLAIN) == ["BR-INS-05"]
