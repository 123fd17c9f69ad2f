"""Session 20 (branch review-new20): review misses noticed and left in session 19. Each reading with sentences written
here (not a user's draft nor a corpus clause), a sentence that must fire and its look-alikes. docs/review.md "Session 20
(branch review-new20)"."""

import pytest

from jianfu.review.engine import review_text
from jianfu.review.engine.context import names_work_plan, negation, progress_report

# a county office's notice to its townships
TITLE = "关于开展2030年城乡环境卫生集中整治的通知\n各乡镇人民政府，县直有关单位：\n一、"
# a county fire-prevention headquarters' notice (the title names an emergency field)
FIRE_TITLE = "关于做好2030年冬春森林防火工作的通知\n各乡镇人民政府，县直有关单位：\n一、"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 1. a campaign's costs put on the townships or villages: 整治 opening the sentence names the campaign whose money
        # it is, it bans nothing (BR-DUTY-05, a duty handed down without its means)
        ("整治所需经费由属地各乡镇自行负责。", ["BR-DUTY-05"]),
        ("整治资金由各乡镇自行承担。", ["BR-DUTY-05"]),
        ("清理所需费用由各村（社区）自筹解决。", ["BR-DUTY-05"]),
        ("治理经费由乡镇自行解决，县里不再安排。", ["BR-DUTY-05"]),
        ("整治所需要的经费由村级承担。", ["BR-DUTY-05"]),
        # look-alikes: the county pays; the practice of charging the villages is what is banned or rectified
        ("整治所需资金由县财政统筹。", []),
        ("宣传资金由县财政统筹安排。", []),
        ("整治所需资金由县财政保障，不得要求乡镇自行承担。", []),
        ("坚决整治要求村级自行承担工作经费的做法。", []),
        ("整治乱收费问题，不得向村级摊派任何费用。", []),
    ],
)
def test_a_campaigns_costs_on_the_grassroots(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


def test_a_campaign_verb_before_its_costs_is_no_negator() -> None:
    sentence = "整治所需经费由属地各乡镇自行负责。"
    start = sentence.index("由")
    assert negation(sentence, start, start + len("由属地各乡镇自行负责")) is None
    banned = "整治向村级摊派费用的行为。"
    assert negation(banned, banned.index("向"), banned.index("向") + len("向村级摊派")) == "否定或取消表述（“整治”）"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 2. a task's costs split between the county and the townships (the county paying its share): funds sent down
        # with the task, not a levy and not a duty without its means — silent
        ("入户核查所需经费由县、乡镇按1:1比例分担。", []),
        ("所需经费由县乡两级财政按1:1比例分担。", []),
        ("所需资金由县财政和各乡镇按1:1比例分担。", []),
        ("项目资金由县级财政与乡镇财政按6:4比例分担。", []),
        ("所需经费由县、乡镇按1:1比例承担。", []),
        ("所需资金由县、乡、村三级按5:3:2比例分担。", []),
        ("整治所需资金由县、乡镇按1:1比例分担。", []),
        # the real levies stay: the townships sharing a sum out among themselves, units sharing a forum's or a
        # festival's costs (even with the county's share), the shortfall left to the townships
        ("所需经费由各乡镇按人口比例分担。", ["BR-DEMO-06"]),
        ("全县乡镇按人口比例分摊宣传经费。", ["BR-DEMO-06"]),
        ("论坛所需经费由县直各部门按比例分担。", ["BR-DEMO-06"]),
        ("旅游节经费由县、乡镇按1:1比例分担。", ["BR-DEMO-06"]),
        ("县直各单位、各乡镇按每单位2万元分摊活动经费。", ["BR-DEMO-06"]),
        ("所需资金由县财政统筹，不足部分由各乡镇按人口比例分摊。", ["BR-DEMO-06"]),
        ("所需资金由区县按比例分摊。", ["BR-DEMO-06"]),
        ("所需资金由各区县按比例分摊。", ["BR-DEMO-06"]),
        # and the costs left to the townships alone stay BR-DUTY-05's
        ("所需经费由各乡镇自行承担，县里不再另行安排。", ["BR-DUTY-05"]),
    ],
)
def test_a_cost_split_with_the_county_is_no_levy(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 3a. in a fire or flood season, the progress of the work sent up weekly or monthly is progress reporting
        # (BR-INS-08); the regime's own reports — the fire, the hazard, the daily watch — stay exempt
        ("防火期内，各乡镇每周五前报送护林巡查工作开展情况。", ["BR-INS-08"]),
        ("汛期各乡镇每月5日前报送防汛工作进展情况。", ["BR-INS-08"]),
        ("森林防火紧要期，各村每日向乡镇报告巡山护林情况，发现火情立即报告。", []),
        ("主汛期各乡镇每日8时前报送雨情、水情和险情。", []),
        ("防火期内各乡镇每周一报送上周火情隐患排查情况。", []),
        ("发生森林火情的，乡镇每2小时续报一次扑救进展情况。", []),
        # a county bureau's own quarterly account to the county government of the work it leads
        ("县林业局作为林业有害生物防治牵头单位，每季度末向县政府报告一次防治工作进展，发生重大疫情随时报告。", []),
        # 3b. a work or implementation plan for the season drafted below and filed upward (BR-DOC-03); the emergency plan
        # itself stays exempt
        ("各乡镇要对照县级方案，结合实际制定本乡镇冬春森林防火实施方案，11月10日前报县森林防火指挥部备案。", ["BR-DOC-03"]),
        ("各乡镇要制定森林火灾应急预案和“一村一策”护林方案，11月10日前报县指挥部备案。", ["BR-DOC-03"]),
        ("各乡镇要修订完善森林火灾应急预案，11月10日前报县指挥部备案。", []),
        ("各乡镇要制定山洪灾害避险转移方案并报县防指备案。", []),
    ],
)
def test_emergency_season_reports_and_plans(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence, FIRE_TITLE) == expected


def test_the_progress_and_plan_readings() -> None:
    report = "防火期内，各乡镇每周五前报送护林巡查工作开展情况。"
    at = report.index("每周")
    assert progress_report(report, at, at + len("每周五前报送"))
    daily = "各乡镇每日报送火情。"
    assert not progress_report(daily, 3, 7)
    assert names_work_plan("制定森林火灾应急预案和“一村一策”护林方案")
    assert not names_work_plan("制定山洪灾害避险转移方案")
    assert not names_work_plan("细化完善考试防疫工作方案")


@pytest.mark.parametrize(
    "sentence",
    [
        # 3c. an oilfield's safety responsibility system: a statutory regime on an enterprise — silent
        "油田企业是安全生产责任主体，要建立健全从主要负责人到一线岗位的全员安全生产责任制，层层签订安全生产责任书。",
        "各采油厂要落实安全生产责任制，主要负责人对本单位安全生产工作全面负责。",
        "油田公司要落实安全生产主体责任，与各作业区签订安全生产目标责任书，考核结果与绩效挂钩。",
        "石油企业应当建立健全安全生产责任制，定期检查责任制执行情况，检查结果纳入对所属单位及其负责人的考核。",
        "各油气开采企业要落实安全生产责任制，每月向县应急管理局报送隐患排查治理情况。",
    ],
)
def test_an_oilfields_safety_responsibility_system_is_silent(sentence: str) -> None:
    assert rules_fired(sentence, "关于加强油区安全生产工作的通知\n各乡镇人民政府，各有关企业：\n一、") == []
