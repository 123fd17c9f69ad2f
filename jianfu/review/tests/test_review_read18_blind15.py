"""Session 18 (branch review-read18): blind15 read after its one blind run. General readings for the kinds of its
errors, each with short sentences written here (not blind15's rows) and the look-alikes that must stay silent or
keep their finding. docs/review.md "Session 18 (branch review-read18): blind15 read after its one run"."""

import pytest

from jianfu.review.engine import review_text

# a county's notice to its townships and departments
TITLE = "关于做好2028年巩固拓展脱贫攻坚成果工作的通知\n各乡镇人民政府，县直各单位：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # townships named by their names lend cadres upward; a 乡村振兴 body is no village
        ("县委宣传部从白沙镇、黄土乡各借调1名干部参与全县宣传片拍摄，借调期限为3个月。", ["BR-SEC-01"]),
        ("县委宣传部从市乡村振兴研究会借调1名专家参与规划编制。", []),
    ],
)
def test_secondment_from_named_townships(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a check-in in a named app, its times said before the app; a paper sign-in sheet is none
        ("网格员须每日上午9时前、下午5时后在“平安乡村”APP上各签到一次，签到须开启定位。", ["BR-APP-02"]),
        ("村两委干部上班期间在村委会签到表上签到。", []),
        # a daily count of entries made in a named app is the app's quota (the daily report beside it stays: a try that
        # subsumed it took INS from two labelled app quotas ranked — docs/review.md); without a count, the report alone
        ("各村护林员每日在“智慧林长”APP上报巡护事件不少于2件。", ["BR-APP-02", "BR-INS-08"]),
        ("各村护林员每日在“智慧林长”APP上报巡护事件。", ["BR-INS-08"]),
        # system data exported and sent up again as a stamped table; exported for the township's own use is none
        ("各乡镇每月将低保对象数据从民政系统导出，逐户核对后加盖乡镇公章报县民政局。", ["BR-APP-07", "BR-INS-08"]),
        ("各乡镇每月从民政系统导出低保对象数据，用于入户核对。", []),
        # photos uploaded in a named app as the basis of pay are the app's; photos and ledgers kept are evidence
        ("网格员须每日通过“网格通”APP上传巡查照片，作为发放补贴的依据。", ["BR-APP-04"]),
        ("网格员须每日留存巡查照片和台账，作为发放补贴的依据。", ["BR-INS-05"]),
    ],
)
def test_apps(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # units ranked by an app's rate, with a qualifier between 各 and the units
        ("县委组织部每月根据“学习强县”APP登录率对各派驻单位和乡镇排名。", ["BR-APP-02", "BR-INS-04"]),
        # the last places of villages circulated, beside the app's own burden; without it the app's alone
        ("各村每日在“美丽乡村”公众号转发推文并截图上报，对转发量后三名的村进行通报。", ["BR-APP-03", "BR-INS-04"]),
        ("各村每日在“美丽乡村”公众号转发推文并截图上报。", ["BR-APP-03"]),
        # an individual's low rank answered by circulating his township; a talk with him alone is the app's
        ("村干部每日在“党建云”平台学习，积分排名后10%的，通报其所在乡镇。", ["BR-APP-02", "BR-INS-04"]),
        ("村干部每日在“党建云”平台学习，积分排名后10%的，由乡镇党委书记谈话提醒。", ["BR-APP-02"]),
        # each village's count gathered on a rhythm and circulated; gathered only, none
        ("各乡镇按月汇总各村完成数量并通报。", ["BR-INS-04"]),
        ("各乡镇按月汇总各村完成数量。", []),
    ],
)
def test_localities_compared(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a purchase quota in money per person; buying left free is none
        ("县直单位干部职工每人购买帮扶产品不少于300元。", ["BR-INS-14"]),
        ("鼓励干部职工自愿购买脱贫地区农产品。", []),
        # the upper level's deadline brought forward, said as a comparison; within it, none
        ("各乡镇要在5月底前完成农房安全排查，比市里规定的时限提前半个月。", ["BR-INS-13"]),
        ("各乡镇要在市里规定的时限内完成农房安全排查。", []),
        # before-and-after photos of a clean-up sent up are evidence of work
        ("各户庭院整治前后照片报村委会汇总。", ["BR-INS-05"]),
        ("各村组织农户开展庭院整治。", []),
        # the annual assessment of the cadres a county sends down is cadre management; a locality's work in its
        # assessment is not
        ("县委组织部每年对选派的驻村干部进行年度考核，考核结果作为评先评优和提拔使用的重要依据。", []),
        ("驻村工作开展情况纳入乡镇年度综合考核。", ["BR-INS-12"]),
    ],
)
def test_quotas_escalation_evidence_assessment(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a one-off summary sent up by its own date beside a weekly report; a half-yearly one is the rhythm's
        ("各村每周一报送上周巡查记录，7月10日前报送上半年工作总结。", ["BR-DOC-02", "BR-INS-08"]),
        ("各村每周一报送上周巡查记录，每半年报送一次工作总结。", ["BR-INS-08"]),
        # a legal entity's annual report to its registration authority; a village's yearly report stays a rhythm
        ("获得财政贴息的家庭农场，应当每年向登记机关报送年度报告。", []),
        ("各村每年向县农业农村局报送集体经济年度报告。", ["BR-INS-08"]),
        # leave asked before leaving is no report; a monthly account of the work is
        ("驻村工作队员每月在村时间不少于20天，离村须向乡镇党委请假报备。", []),
        ("驻村工作队每月向乡镇党委报备工作开展情况。", ["BR-INS-08"]),
    ],
)
def test_reports(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a sign at every plot or pond or at every household's door; an operator's site sign is none
        ("每个池塘都要设立塘长公示牌，标明塘长姓名和电话。", ["BR-DUTY-02"]),
        ("每块农田都要设置管护责任牌，管护责任落实到村民小组长。", ["BR-DUTY-02"]),
        ("各村要将帮扶责任人联系方式制作成公示牌，张贴在每户脱贫户家门口。", ["BR-DUTY-02"]),
        ("施工单位应当在施工现场设置项目公示牌。", []),
        # a department's work handed whole to the villages; with its funds following, none
        ("县水利局将水库巡查和水位记录工作统一交由各村承担，相关经费不再另行安排。", ["BR-DUTY-01"]),
        ("县水利局将水库巡查工作统一交由各村承担，并按照费随事转原则拨付工作经费。", []),
        # a counter set up in every village with a person put to staff it; the county's own staff serving, none
        ("在每个村设立“农产品销售专柜”，由村委会安排专人值守。", ["BR-DUTY-03"]),
        ("县供销社在每个村设立“农资服务点”，由供销社职工定期到村服务。", []),
        # a post in each township filled by the county body's own cadres is help sent down; by township cadres, a post
        ("县卫健局为每个乡镇配备1名健康档案系统指导员，由局机关干部兼任。", []),
        ("每个乡镇配备1名健康档案系统指导员，由乡镇干部兼任。", ["BR-DUTY-03"]),
    ],
)
def test_grassroots_duties(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a hall set aside to show achievements, its boards the hall's; boards in a village stay a wall board
        ("各乡镇便民服务中心要腾出不少于30平方米的“法治建设成果展示厅”，展板由县司法局统一设计，乡镇负责制作。",
         ["BR-VAN-03"]),
        ("各村在党群服务中心设置政策宣传展板。", ["BR-DUTY-02"]),
        ("县档案馆展示厅对外免费开放。", []),
        # a meeting record listed after the ledgers read for a score is the work's evidence; a meeting's own photos
        # and records sent as proof stay the meeting's
        ("乡镇每季度查阅各村台账、会议记录和照片评分。", ["BR-INS-06"]),
        ("各村召开会议的照片和记录报镇里作为考核依据。", ["BR-INS-06", "BR-MTG-06"]),
    ],
)
def test_halls_and_meeting_records(sentence, expected):
    assert rules_fired(sentence) == expected
