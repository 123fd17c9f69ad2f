"""Session 8 (branch review-dev): real_blind10's kinds read in general, and a county office's ordinary wording of
apps (docs/review.md, "Session 8"). Every sentence below was written for this file; none is copied from the real
documents."""

from __future__ import annotations

import pytest

from jianfu.review.engine import load_catalogue
from jianfu.review.engine.matcher import match_clause
from jianfu.review.engine.structure import Clause


def judged(text: str, *, title: str = "", legal: bool = False) -> list[str]:
    """Rule ids the engine fires on one clause read with its document's title (as the evaluation reads it)."""
    clause = Clause(index=0, text=text, number="", level=None, heading_path=[], paragraph_index=0, page=None, start=0)
    return sorted({f.rule_id for f in match_clause(clause, load_catalogue().clause_rules, title=title,
                                                   legal=legal).findings})


@pytest.mark.parametrize("clause", [
    "某类农资的生产者、销售者应当建立购销台账，如实记录产品名称和数量。",
    "特种设备使用单位应当建立设备安全工作台账，每月报送监管部门。",
    "公共自行车运营单位应当建立车辆调度台账，每月报送县交通运输局。",
    "个体工商户和商户应当建立进货台账，每月报送市场监管所。",
    "某类农资的经销商应当建立销售台账，每月报送县农业农村局。",
])
def test_market_actors_bear_their_own_ledgers(clause: str) -> None:
    assert judged(clause) == []


def test_a_ledger_of_grassroots_units_stays_a_finding() -> None:
    assert judged("各乡镇应当建立工作台账，每月报送县农业农村局。") != []
    # a producer's duty beside a township's: the township's bears it
    assert judged("各乡镇要建立辖区生产者巡查工作台账，作为考核佐证材料。") == ["BR-INS-05"]


def test_a_government_assessing_its_lower_governments_is_a_finding_inside_a_regulation_too() -> None:
    clause = "县级以上人民政府应当对所属部门和下级人民政府的某项工作实施目标责任考核，保障工作落实。"
    assert judged(clause, title="某省某项工作管理规定", legal=True) == ["BR-INS-18"]
    assert judged("市人民政府对下级政府的某项工作进行年度考核。") == ["BR-INS-18"]
    # the government's assessment of an individual candidate is not one
    assert judged("县级推荐委员会对所属学校推荐的人选进行全面考核。") == []


def test_informing_a_peer_agency_is_not_a_circulation_of_localities() -> None:
    assert judged("实施检查的执法机构应当将检查发现的问题及时通报其他执法机构。", legal=True) == []
    assert judged("检查发现的违法线索，应当及时通报对方管理机构。") == []
    # circulating the results of an inspection of localities stays a finding
    assert judged("县政府对各乡镇开展检查，并及时通报检查结果。") == ["BR-INS-16"]


@pytest.mark.parametrize("clause", [
    "省科技厅依据补贴券使用情况对审核发放机构工作进行绩效考核，考核结果与经费补贴挂钩。",
    "根据兑付情况对省内创新服务机构工作进行绩效考核，并作为各级各类创新平台考核验收的重要依据。",
    "评价结果向社会公布，并作为仪器设备更新、管理单位考核的重要依据。",
])
def test_an_assessment_of_agencies_or_platforms_is_not_a_lower_level_assessment(clause: str) -> None:
    assert judged(clause) == []


def test_an_assessment_of_localities_or_schools_stays_a_finding() -> None:
    assert judged("市教育局对各县教育行政部门工作进行绩效考核，考核结果与经费挂钩。") != []
    assert judged("评估结果作为各乡镇服务机构考核的重要依据。") != []
    # one object a grassroots unit is enough
    assert judged("对服务机构和各乡镇工作进行年度考核，结果纳入年度综合考核。") != []


def test_an_item_of_a_regulations_list_of_acts_is_no_duty_of_grassroots_units() -> None:
    item = "（六）在道路两侧的树木上悬挂牌匾，晾晒农作物；"
    assert judged(item, title="某省道路管理规定", legal=True) == []
    # the same words in a notice are read as they stand; an item naming lower governments stays a finding
    assert judged(item) == ["BR-DUTY-02"]
    assert judged("（三）对所属部门和下级政府的某项工作进行考核评比；", title="某省某项工作规定", legal=True) == [
        "BR-INS-18"]
    # an item with a modal of its own is a demand
    assert judged("（四）各村应当统一悬挂服务站牌子；", title="某省某项工作规定", legal=True) == ["BR-DUTY-02"]


@pytest.mark.parametrize("clause", [
    "各单位干部职工每天转发县融媒体中心推送的文章不少于2篇，转发情况每周统计一次。",
    "各乡镇要动员群众在“文明实践”小程序上为本镇推荐的好人投票，投票数将作为评选依据。",
    "全县干部群众要积极参与“某某杯”网络评选投票活动，各单位投票情况将进行通报。",
])
def test_a_county_offices_wording_of_likes_forwards_and_votes(clause: str) -> None:
    assert judged(clause) == ["BR-APP-03"]


@pytest.mark.parametrize("clause", [
    "各乡镇在“某某系统”填报完成后，将表格导出打印，加盖公章后报送县农业农村局，同时发送电子版至邮箱。",
    "同一项数据，请各村分别报县民政局和县乡村振兴局。",
    "各乡镇在小程序上报后，还需以纸质形式报送。",
    "数据已通过系统上报的，仍需报送纸质版。",
    "请在钉钉填报后再通过邮件报送一遍。",
])
def test_a_county_offices_wording_of_repeated_reporting(clause: str) -> None:
    assert judged(clause) == ["BR-APP-07"]


@pytest.mark.parametrize("clause", [
    "严禁要求干部职工转发推文不少于3篇。",
    "推行一表通，各村在系统填报后不再另行报送纸质材料。",
    "鼓励干部群众自愿关注县融媒体公众号并转发推文。",
    "各乡镇通过省平台填报，县级从平台直接导出数据，不再要求纸质报送。",
])
def test_the_app_wording_negated_or_voluntary_is_not_a_finding(clause: str) -> None:
    assert judged(clause) == []
