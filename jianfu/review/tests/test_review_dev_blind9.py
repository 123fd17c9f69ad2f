"""Session 12 (branch review-dev): blind9 read after its one run. General readings for the kinds of its errors, each
with sentences written here (not blind9's rows) and the look-alikes that must stay silent. docs/review.md
"Session 12 (branch review-dev): blind9 read"."""

import pytest

from jianfu.review.engine import review_text

TITLE = "关于做好2027年重点工作的通知\n各乡镇人民政府，县直各部门：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (d) a limit on other demands after the report does not negate the report the clause imposes
        ("各村每季度报送一次集体经济收支情况，平时不再临时要求报送。", ["BR-INS-08"]),
        ("各学校每月20日前报送一次当月课后服务开展情况，除此之外不再临时要求报送。", ["BR-INS-08"]),
        # the report itself negated or replaced stays silent
        ("各乡镇不再每月报送重点工作进展情况。", []),
        ("各村不再每季度报送集体经济收支情况，改由县农业农村局从系统中提取。", []),
    ],
)
def test_a_limit_on_other_demands_keeps_the_report(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (d) what a 除…外 segment sets apart exempts nothing the rest of the sentence imposes
        ("除森林防火、地质灾害等应急时段外，各村每周五前报送一次网格巡查情况。", ["BR-INS-08"]),
        # emergency work itself stays exempt (session 34, review-read34: the regime's own report along its command chain — a
        # village's daily report through the 汛期 at large is INS by the session-33 adjudication's line 10, test_blind31_read.py)
        ("汛期各乡镇防汛办每日向县防指报送一次雨情水情。", []),
        ("安全生产大检查期间，县安委办每月对各乡镇开展一次实地检查。", []),
    ],
)
def test_an_excepted_emergency_exempts_nothing_else(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (d) an inspection kept out of the plan is the opposite of a planned one
        ("县农业农村局将分三次对各乡镇高标准农田管护情况开展专项检查，检查结果逐次通报，不纳入县级督查检查计划。",
         ["BR-INS-10"]),
        ("县住建局对各乡镇开展专项督查，该事项未纳入年度督查检查计划。", ["BR-INS-10"]),
        # a planned one stays silent
        ("县政府每年开展一次综合督查，已纳入年度督查检查考核计划。", []),
    ],
)
def test_an_inspection_outside_the_plan(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (d) a share of violations in the area measures the locality's work: talks and circulation are a burden
        ("对辖区内违法建设占比超过5%的乡镇，由县政府约谈乡镇主要负责人，并予以通报批评。", ["BR-INS-16"]),
        # a sanction on a unit's own violation is enforcement
        ("对违规收取费用的学校，予以通报批评。", []),
        ("对擅自改变用途的村，予以通报批评。", []),
    ],
)
def test_a_share_of_violations_is_no_violation_of_ones_own(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (d) a county's state-owned investment groups are enterprises: their performance contracts are theirs
        ("县财政局与县城投集团签订年度经营目标责任书，考核结果与企业负责人薪酬挂钩。", []),
        ("县国资中心与县文旅集团签订目标责任书。", []),
        # a contract with the townships stays a burden
        ("县委与各乡镇签订年度目标责任书。", ["BR-INS-03"]),
    ],
)
def test_state_owned_groups_are_enterprises(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a bare 不 heading a list negates every item of it, not only the first
        ("各单位不设置签到、积分排名、在线时长等考核内容。", []),
        ("除安保、应急等特殊场景外，不设置打卡、积分排名、在线时长统计等强制功能。", []),
        # the demand itself stays a finding
        ("各村网格员每天打卡，在线时长不少于6小时。", ["BR-APP-02"]),
    ],
)
def test_a_negated_list(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) a growth floor set for the localities and scored in their assessment (the guide: growth-rate indicators)
        ("各乡镇规上工业增加值增速不低于8%，该项指标在年度综合考核中单独赋分。", ["BR-INS-15"]),
        # the county's own target, a past figure, a negation and a bare aim stay silent
        ("全县地区生产总值增速目标为6.5%左右。", []),
        ("2025年全县一般公共预算收入增长7.2%，增幅居全市第三。", []),
        ("各乡镇不得将税收增幅作为考核指标。", []),
        ("不再对各乡镇设置规上工业增速不低于8%的考核指标。", []),
        ("力争全县农村居民人均可支配收入增速不低于7%。", []),
    ],
)
def test_growth_rate_indicators(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) the upper level's deadline brought forward for the localities (层层加码)
        ("省里要求2027年底前完成的危房改造任务，县里要求各乡镇提前到2026年10月底前完成。", ["BR-INS-13"]),
        ("市级要求6月底前完成清查，我县要求各乡镇压缩至5月20日前完成。", ["BR-INS-13"]),
        # the same deadline kept, a task finished early, a one-off list: silent
        ("市里要求年底前完成的改厕任务，各乡镇要按期完成。", []),
        ("我县已于9月底前提前完成市里下达的改厕任务。", []),
    ],
)
def test_a_deadline_brought_forward(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) a veto in other words: the locality an incident was found in loses its grade
        ("辖区内被督查组发现违规建房问题的乡镇，年度考核不得评为优秀。", ["BR-INS-02"]),
        ("凡被媒体曝光环境问题的村，当年取消评先评优资格。", ["BR-INS-02"]),
        # a commendation and an enterprise's sanction stay silent
        ("被评为优秀等次的乡镇，给予通报表扬。", []),
        ("被列入失信名单的企业，不得参加评先评优。", []),
    ],
)
def test_a_veto_on_the_locality_an_incident_was_found_in(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) the secretaries' party-building 述职评议 is an assessment of the localities
        ("各村巩固提升情况纳入村党组织书记抓基层党建述职评议内容。", ["BR-INS-12"]),
        ("各乡镇党委书记年底向县委述职，接受评议。", []),
    ],
)
def test_a_report_and_appraisal_of_secretaries(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) localities' counts or rates circulated on a rhythm — also beside an app's own burden
        ("县司法局每月在全县调解员工作群内通报各乡镇调解案件录入数量。", ["BR-INS-04"]),
        ("县教育局每周按学校统计作业平台使用率，并在校长群内通报。", ["BR-APP-01", "BR-INS-04"]),
        # information sent to the townships stays silent
        ("县卫健局每周向各乡镇通报辖区传染病监测情况。", []),
        ("县农业农村局每周向各乡镇通报农产品价格行情。", []),
    ],
)
def test_localities_counts_circulated_on_a_rhythm(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) a check-in made through an app or mini-program; persons assessed by it: the app's burden alone
        ("各村网格员须通过“平安网格”APP每天定位签到两次。", ["BR-APP-02"]),
        ("驻村第一书记须在“驻村在线”小程序人脸签到，每月不少于22天。", ["BR-APP-02"]),
        ("网格员签到记录作为网格员个人考核的依据。", []),
        ("签到情况作为乡镇年度考核的依据。", ["BR-INS-12"]),
        # a service's check-in and a paper sheet stay silent
        ("县政务服务中心开发的小程序提供在线预约和签到取号服务。", []),
        ("网格员签到表由村委会留存。", []),
    ],
)
def test_check_ins_through_an_app(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) a named township developing its own app
        ("柳溪镇拟自行开发“柳溪通”APP，全镇各村干部统一使用。", ["BR-APP-05"]),
        ("各乡镇不得自行开发APP。", []),
        ("城镇自主开发的住房租赁平台由企业运营。", []),
    ],
)
def test_a_township_developing_its_own_app(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) what departments found handed to the township of the place to put right
        ("各部门日常巡查发现的问题，统一交由属地乡镇负责处置，部门不再跟进。", ["BR-DUTY-01"]),
        # a township handing a case up, and a township that only assists, stay silent
        ("乡镇发现的违法线索，移交县综合执法局查处。", []),
        ("县市场监管局负责查处，属地乡镇予以配合。", []),
    ],
)
def test_findings_handed_to_the_township(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) benchmark units to be built through localities or grassroots units
        ("县卫健局在全县村卫生室开展“样板站”打造行动。", ["BR-DEMO-02"]),
        ("各乡镇要打造“标杆村”，每镇至少1个。", ["BR-DEMO-02"]),
        # an approved national programme and an enterprise's project stay silent
        ("县农业农村局组织申报国家级农业标准化示范区。", []),
        ("县城投公司打造“样板工程”。", []),
    ],
)
def test_benchmark_units_built(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (d) the 组织 of 党组织 does not organise an appraisal: an assessment rhythm stays INS alone
        ("镇党委对各村党组织书记实行月考核、季评比。", ["BR-INS-04", "BR-INS-11"]),
        # an appraisal organised stays DEMO
        ("镇党委组织开展“最美庭院”评比活动。", ["BR-DEMO-05"]),
        ("各乡镇党组织要组织开展先进评比。", ["BR-DEMO-05"]),
    ],
)
def test_a_party_organisation_organises_nothing(sentence, expected):
    assert rules_fired(sentence) == expected
