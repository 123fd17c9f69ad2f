"""Session 5 (branch review-rules2): readings of drafting from real_blind7's errors, a second labeller's set, kept
only where review-labelling.md supports them. Every sentence below was written for this file; none is copied from
the real documents."""

from __future__ import annotations

import pytest

from jianfu.review.engine import load_catalogue, review_text
from jianfu.review.engine.context import legal_instrument
from jianfu.review.engine.matcher import match_clause
from jianfu.review.engine.structure import Clause


def judged(text: str, *, title: str = "", legal: bool = False) -> list[str]:
    """Rule ids the engine fires on one clause read with its document's title (as the evaluation reads it)."""
    clause = Clause(index=0, text=text, number="", level=None, heading_path=[], paragraph_index=0, page=None, start=0)
    return [f.rule_id for f in match_clause(clause, load_catalogue().clause_rules, title=title, legal=legal).findings]


ENACTING = "为了加强某类设施管理，根据《中华人民共和国某某法》和有关法律、法规，结合本省实际，制定本办法。"


@pytest.mark.parametrize("title, text, expected", [
    # an instrument published under its own name, grounded in laws by its enacting clause
    ("某省某类设施管理办法", ENACTING + "本办法适用于本省行政区域。", True),
    # a promulgation formula at its head
    ("某省某类设施管理办法", "某省人民政府令第9号 《某省某类设施管理办法》已经省政府常务会议通过，现予公布。", True),
    ("某类设施管理规定（省长3号令）", "第一条 为了规范管理，制定本规定。", True),
    # a county makes no regulation: its own 办法 grounded in a law stays a normative document
    ("某县某类设施管理办法", ENACTING.replace("本省", "本县"), False),
    # a department's notice that wraps a measure, an interpretation, and a notice that only cites a government rule
    ("关于印发《某类设施管理办法》的通知", ENACTING, False),
    ("《某类设施管理办法》解读", ENACTING, False),
    ("某厅关于开展某奖评审工作的通知", "根据《某省某奖励办法》（省人民政府令第5号）规定，现就评审工作通知如下。", False),
])
def test_a_legal_instrument_is_known_by_how_it_is_made(title, text, expected):
    assert legal_instrument(title, text) is expected


def test_a_regulation_keeps_its_regime_duties_and_flags_the_assessments_it_adds():
    duties = "县级人民政府有关部门应当建立设施巡查台账制度，每月向上级主管部门报送巡查情况。"
    assessment = "县级以上人民政府应当将设施管理工作纳入年度目标考核。"
    regulation = "某省某类设施管理办法\n" + ENACTING + "\n" + duties + "\n" + assessment
    notice = "某市关于加强某类设施管理的通知\n" + duties + "\n" + assessment
    assert review_text(regulation).document.title == "某省某类设施管理办法"
    assert sorted({f.rule_id for f in review_text(regulation).findings if f.clause_index is not None}) == ["BR-INS-12"]
    assert sorted({f.rule_id for f in review_text(notice).findings if f.clause_index is not None}) == [
        "BR-INS-05", "BR-INS-08", "BR-INS-12"]


@pytest.mark.parametrize("text, expected", [
    # one-off accounts of results or progress sent up by a deadline (a document drafted below and filed upward)
    ("有关工作情况和成效，请于11月30日前报送市人力资源社会保障局。", ["BR-DOC-02"]),
    ("请各县将工作进展情况于6月30日前报送市教育局基础教育科。", ["BR-DOC-02"]),
    ("核查工作于8月31日前完成，相关情况报市农业农村局。", ["BR-DOC-02"]),
    # lists and tables are not accounts of work
    ("请各县将联系人及联系方式于5月10日前报送市人社局。", []),
    ("请将结对帮扶学校情况汇总表于3月1日前报送市教育局。", []),
    # a plan named first, then filed upward
    ("各县（市、区）工作方案于9月30日前报送市农业农村局备案。", ["BR-DOC-03"]),
    # a monthly rhythm (按月) and instant reporting of progress upward
    ("各县要将缓缴减免情况按月报市财政局。", ["BR-INS-08"]),
    ("活动期间，各县招聘动态等信息要及时报送市人社局。", ["BR-INS-08"]),
    ("合作成果等相关信息应及时报送。", []),
    # a substantive directory kept up to date and sent up is a service register, not progress reporting
    ("各县汇总本地区零工市场名录并于每年年底前更新后报送市人社局。", []),
    ("各县每年年底前将零工市场运行情况报送市人社局。", ["BR-INS-08"]),
])
def test_reports_sent_up(text, expected):
    assert judged(text) == expected


@pytest.mark.parametrize("text, expected", [
    # honour selections named in quotes (several in a row), or found by 寻找/选树
    ("组织开展“清河市·最美社工”“清河市优秀网格员”评选活动。", ["BR-DEMO-05"]),
    ("在全市开展寻找“最美护林员”活动。", ["BR-DEMO-05"]),
    # bonus and malus items added to an assessment of lower units; an applicant's scoring table is not one
    ("对各乡镇的年度考核新增“加分项”和“减分项”指标。", ["BR-INS-12"]),
    ("加分项：近三年牵头完成省级以上重点项目的。", []),
    # a new assessment system for the localities named after it
    ("建立考核制度，压实各县主体责任，推动督导考核常态化。", ["BR-INS-12"]),
    # evidence files prepared item by item for an assessment
    ("各乡镇对照评分细则逐项准备备查材料，进行自评打分。", ["BR-INS-05"]),
    ("纳税人应按规定留存备查资料。", []),
    # talks and circulation together; units named beside individuals
    ("对推进不力的县，予以约谈、通报。", ["BR-INS-16"]),
    ("对工作不力的单位和个人给予通报批评。", ["BR-INS-16"]),
    # a posting quota on the localities' government accounts
    ("各县（市、区）政府政务新媒体要每个工作日更新。", ["BR-APP-02"]),
    # a township told to name a body or staff for a task
    ("乡（镇）人民政府应当确定相应机构或者人员负责农村供水管理。", ["BR-DUTY-03"]),
])
def test_burdens_the_second_labeller_reads_and_the_rules_state(text, expected):
    assert judged(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a sanction on whoever breaks a rule is enforcement; poor work as a condition keeps it a spur to work
    ("对擅自增设收费项目的学校，一经查实予以通报批评。", []),
    ("对推进不力、出现违规问题的县，予以通报批评。", ["BR-INS-16"]),
    # a veto on a person; the appraisal of individuals, unless governments are assessed in the same sentence
    ("凡组织有偿补课者，一票否决。", []),
    ("将带教质量作为指导教师绩效考核的重要指标。", []),
    ("将此项工作纳入各县政府绩效考核和教师年度考核。", ["BR-INS-12"]),
    # support for a locality's own bid; titles for agencies and enterprises
    ("支持甲市创建新能源产业示范区。", []),
    ("向社会公布诚信示范机构名单，颁发牌匾。", []),
    # support sent down: costs shared with the province, a subsidy standard raised
    ("所需资金由省与各县按6∶4分担。", []),
    ("对紧缺工种的培训补贴标准上浮10%。", []),
    # an epidemic plan filed with the control body; contractors
    ("各学校要细化防疫工作方案，并报当地疫情防控领导小组备案。", []),
    ("分包单位应按月考核务工人员工作量。", []),
    # an applicant's list of documents naming 佐证材料; research institutes — but evidence demanded of townships stays
    ("（五）获得省级以上表彰奖励等佐证材料；", []),
    ("包括基地运营情况（1000字以内），以及对应的佐证材料；", []),
    ("新型研发机构应提交变更事项佐证材料。", []),
    ("各乡镇要提供照片等佐证材料。", ["BR-INS-05"]),
])
def test_what_review_labelling_md_says_is_not_a_burden(text, expected):
    assert judged(text) == expected
