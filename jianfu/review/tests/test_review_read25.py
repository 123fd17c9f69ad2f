"""Session 28 (branch review-read28): blind25 read after its one blind run. General readings for the kinds of its errors,
each with short sentences written here (not the split's rows) and the look-alikes that must stay silent or keep their
finding. docs/review.md "Session 28 (branch review-read28): blind25 read after its one run"."""

import pytest

from jianfu.review.engine import load_catalogue, review_text
from jianfu.review.engine.corpus import load_split
from jianfu.review.engine.evaluate import evaluate

# a county bureau's notice to its townships
TITLE = "关于做好2030年农业农村和市场安全工作的通知\n各乡镇人民政府、街道办事处，县直各单位：\n一、"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a negator inside a document's name names the document; outside it, it bans the pledge
        ("各乡镇须与辖区每户养殖户签订《不乱排粪污承诺书》。", ["BR-INS-03"]),
        ("不得要求各村与农户签订《禁烧承诺书》。", []),
        # the farmland policy's names open with 非: no negation
        ("耕地“非粮化”整改由各村按属地负责。", ["BR-DUTY-01"]),
        ("耕地“非粮化”整改由县农业农村局负责，各村予以配合。", []),
        # a matter put on the village of the place; not when powers go with it
        ("河道垃圾日常清理由属地村委会负责。", ["BR-DUTY-01"]),
        ("河道垃圾日常清理由属地村委会负责，县财政同步下放经费和执法权。", []),
        # a village committee ordering a firm to put things right holds no such power; the regulator's order is the law's
        ("河道日常巡查由属地村委会负责，发现问题由村委会责令当事人限期整改。", ["BR-DUTY-01"]),
        ("县水利局依法责令当事人限期整改。", []),
        # a department's field work done by the villages while it no longer sends its own teams
        ("古树名木普查由各村组织村干部开展，县林业局不再另派人员。", ["BR-DUTY-01"]),
        ("古树名木普查由县林业局组织专业队伍开展，各村予以配合。", []),
        ("各村负责辖区地块的实地核查。", ["BR-DUTY-01"]),
        ("县自然资源局负责辖区图斑的实地核查。", []),
        # a firm's or a person's filing made by the village committee, with the liability for it; help asked is not
        ("对外出务工的农户，由村委会代为填报补贴申请，并对申请信息的真实性负责。", ["BR-DUTY-01"]),
        ("行动不便的老人可委托村委会代为填报补贴申请。", []),
        # fees collected in cash by the village committee: the collection is the duty, the cash paid in no report
        ("垃圾处理费由各村委会上门收取，每季度将所收现金交镇财政所。", ["BR-DUTY-01"]),
        ("垃圾处理费由用户通过银行自行缴纳。", []),
    ],
)
def test_duties_handed_to_villages(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a whole season's 24-hour watch by the village cadres; a dated warning's watch or the office's own duty is not
        ("秸秆禁烧期间，各村在田间路口设立值守点，由村干部24小时轮班值守至10月31日。", ["BR-DUTY-01"]),
        ("暴雨红色预警期间，村干部24小时轮流值守至预警解除。", []),
        ("县防火办实行24小时值班制度。", []),
        # new posts with a number each in every village, plaques hung on the village building, boards after a comma
        ("每个村增设护河员2名。", ["BR-DUTY-03"]),
        ("县河长办增设巡河员2名。", []),
        ("统一制作标牌悬挂于村部大门。", ["BR-DUTY-02"]),
        ("光荣牌悬挂于军属家庭大门。", []),
        ("高标准农田项目区按国家规定设立项目公示牌。", []),
        # relief walls and pseudo-antique pavilions beside a project; repairing old buildings is no image project
        ("在滨河广场配套建设大型浮雕墙。", ["BR-VAN-01"]),
        ("修缮村内古建筑，保持原有风貌。", []),
    ],
)
def test_watches_posts_plaques_and_walls(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a zero report on a rhythm is no emergency's report; inside a declared response it is
        ("各村每月5日前报送非洲猪瘟疫情“零报告”。", ["BR-INS-08"]),
        ("启动重大动物疫情应急响应期间，各村每日报送疫情“零报告”。", []),
        # a declared warning period is the emergency at hand
        ("高温红色预警期间（7月10日至7月15日），各乡镇每日报送高温作业巡查情况。", []),
        ("各乡镇每日报送高温作业巡查情况。", ["BR-INS-08"]),
        # a forest ranger hired under the national programme: his own duty; village cadres told to patrol and report are burdened
        ("生态护林员须每日巡护责任区，发现火情立即报告。", []),
        ("各村干部须每日巡护责任区，并报送巡护情况。", ["BR-INS-08"]),
        # a national reporting system's own reports
        ("县统计局按照国家农产品成本调查制度，每月采集调查户数据并上报。", []),
        ("各村每周采集农产品价格并上报乡镇。", ["BR-INS-08"]),
        # the office's own staff meeting and a bureau's own units; the sector's meeting and the townships' assessment
        ("县水利局每周召开一次办公室全体干部会议。", []),
        ("县水利局每月召开一次全县水利系统工作会议。", ["BR-MTG-05"]),
        ("县农业农村局对局属国有苗圃的工作进行年度考核，考核结果与职工绩效挂钩。", []),
        ("县农业农村局对各乡镇农业服务中心的工作进行年度考核，考核结果与绩效挂钩。", ["BR-INS-12"]),
    ],
)
def test_reports_meetings_and_assessments(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a veto added on a safety regime's assessment; the regime's own letter is not
        ("发生较大森林火灾的乡镇，年度森林防火考核实行一票否决。", ["BR-INS-02"]),
        ("县政府与各乡镇签订森林防火责任书。", []),
        # a frequency raised is an escalation; lowered it is none
        ("对辖区餐饮单位的巡查频次由每半年一次提高到每季度一次。", ["BR-INS-13"]),
        ("对辖区餐饮单位的巡查频次由每季度一次调整为每半年一次。", []),
        # a photo at every visit is evidence; through an app it is the app's upload
        ("网格员每次入户走访须拍照并填写走访记录。", ["BR-INS-05"]),
        ("网格员每次入户走访须通过APP上传照片。", ["BR-APP-04"]),
        # an area each cadre must cover is a quota; a subsidy's threshold for farmers is not
        ("每名驻村干部包保高标准农田建设不少于500亩。", ["BR-INS-14"]),
        ("每户农户流转土地不少于30亩的给予补贴。", []),
        # data already sent up entered again; entered once with the paper dropped is a reduction
        ("各乡镇将已报纸质名册中的人员信息在系统中重新录入。", ["BR-APP-07"]),
        ("各村在系统中录入数据，不再另报纸质台账。", []),
    ],
)
def test_vetoes_escalations_photos_quotas_and_copies(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


def test_blind25_after_its_reading() -> None:
    """A development figure (read off its errors), not a blind one: the first run was 62/6/20 at group level
    (docs/review.md)."""
    scores = evaluate(load_split("blind25"), load_catalogue())
    assert (sum(scores.tp.values()), sum(scores.fp.values()), sum(scores.fn.values())) == (82, 0, 0)
    assert [(item.id, gold, pred) for item, gold, pred in scores.errors] == []
    assert sum(scores.trap_fp.values()) == 0
