"""Session 14 (branch review-read14): blind11 read after its one blind run. General readings for the kinds of its
errors, each with short sentences written here (not blind11's rows) and the look-alikes that must stay silent.
docs/review.md "Session 14 (branch review-read14): blind11 read"."""

import pytest

from jianfu.review.engine import review_text

# a city's notice to its counties: review-labelling.md counts 市/县/乡/村 as the grassroots, so a city body's demand
# on the counties is read as a county body's on the townships
TITLE = "关于做好2027年重点工作的通知\n各县（市、区）人民政府，市直各部门：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # counties ranked by an app's figures: the app's burden and the ranking of localities beside it
        ("各县（市、区）网格员须安装“平安通”APP并每日签到，签到率按县（市、区）每月在全市排名。",
         ["BR-APP-01", "BR-APP-02", "BR-INS-04"]),
        ("各县（市、区）党员须安装“学习云”APP，市委组织部按县（市、区）汇总学习时长后在全市通报。",
         ["BR-APP-01", "BR-APP-02", "BR-INS-04"]),
        # points published per person stay the app's alone (no ranking of localities is added)
        ("各县（市、区）党员须安装“学习云”APP，学习积分前十名的个人每月公布。", ["BR-APP-01"]),
    ],
)
def test_counties_ranked_are_localities(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 取消…资格 ending the hit is a sanction on the last-ranked, not an abolition
        ("对年度考核排名末位的县（市、区），取消其当年评先评优资格。", ["BR-INS-04"]),
        ("排名连续两次靠后的乡镇，取消年度评优资格。", ["BR-INS-04"]),
        # the ranking itself abolished stays silent
        ("取消对各乡镇的月度排名，不再通报排名结果。", []),
    ],
)
def test_a_title_taken_away_is_a_sanction(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a pledge named by its title
        ("各乡镇要与县政府签订《2027年度安置帮教工作目标责任书》。", ["BR-INS-03"]),
        # the safety regime's own letter, by its title, stays statutory
        ("各乡镇要与县政府签订《2027年度安全生产目标责任书》。", []),
        # the number of meetings held as a scoring item: the meeting as a criterion, and its records (MTG + INS)
        ("把各乡镇全年召开村民代表会议的次数作为年度考评计分依据。", ["BR-INS-06", "BR-MTG-06"]),
    ],
)
def test_pledges_by_title_and_meetings_counted(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an account written up and sent (送 with the office after it)
        ("请各县（市、区）就贯彻落实本意见的情况写出书面报告，11月20日前送市委办公室。", ["BR-DOC-02"]),
        # an individual's own report on moving a project is no account of a unit's work
        ("项目负责人调动工作的，应写出书面报告，经单位同意后报省科技厅批准。", []),
        # plans and measures in other words, filed upward
        ("各县（市、区）要研究提出本地落实的具体措施，于10日内报市发展改革委。", ["BR-DOC-03"]),
        ("各县（市、区）要研究制定三年行动计划，报市农业农村局备案。", ["BR-DOC-03"]),
        ("各县（市、区）要制定扬尘污染专项治理方案，报市生态环境局备案。", ["BR-DOC-03"]),
        # 根据本地实际 is 结合实际: a plan with nothing filed stays silent
        ("各县（市、区）要根据本地实际制定专项行动计划，抓好组织实施。", []),
    ],
)
def test_plans_and_accounts_in_other_words(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # staff sent to a city office named by its short form
        ("各县（市、区）按每个乡镇1人的标准选派干部到市征迁办集中办公。", ["BR-SEC-01"]),
        # 部分乡镇 after 从 names the units drawn from, not a described problem
        ("从各县（市、区）和部分乡镇抽调业务骨干8名到市专班集中办公。", ["BR-SEC-01", "BR-SEC-02"]),
        ("部分乡镇仍存在从村里抽调干部的问题。", []),
    ],
)
def test_secondment_to_a_city_office(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a rhythm opens the predicate: the counties, not the province named before, bear the monthly report
        ("各县（市、区）按月倒排工期并报送进展。", ["BR-INS-08"]),
        # the issuing level's own departments only: internal
        ("市直各部门要于每月5日前将上月工作进展报市政府办公室。", []),
        # only reports: a plan demanded of them and filed stays a finding (the team's D005 reading)
        ("市直各部门要制定具体实施方案，报市政府办公室备案。", ["BR-DOC-03"]),
        # with the townships beside them, or the townships' progress gathered, a finding
        ("各乡镇、县直各单位每月5日前将上月工作进展报县政府办公室。", ["BR-INS-08"]),
        ("县直各部门要于每月5日前将各乡镇工作进展汇总报县政府办公室。", ["BR-INS-08"]),
    ],
)
def test_who_bears_a_report(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a report that the body was set up belongs to the body
        ("各乡镇要成立老龄工作办公室，配备2名专职人员，成立情况于6月底前报县民政局。", ["BR-DUTY-03"]),
        # an account of carrying out the document by a date stays its own finding
        ("各乡镇要成立老龄工作办公室，并于6月底前将贯彻落实情况报县民政局。", ["BR-DOC-02", "BR-DUTY-03"]),
        # an account given at a meeting is the meeting's; papers sent up after it are a report
        ("每月召开一次工作调度会，各乡镇分管领导参加，会上逐一汇报工作进展。", ["BR-MTG-05"]),
        ("每月召开一次工作调度会，会上各乡镇逐一汇报进展，会后3日内报送书面材料至县委办。", ["BR-INS-08", "BR-MTG-05"]),
        # the laggards singled out, the consequence named after them
        ("县农业农村局每月对进度滞后的乡镇现场点评。", ["BR-INS-04"]),
    ],
)
def test_one_burden_one_finding(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a sign-in sheet's screenshot is the meeting's evidence, not a forwarding screenshot
        ("各乡镇会后须将签到表截图发至县委办公室工作群。", []),
        ("各村干部转发推文后须截图发至镇工作群。", ["BR-APP-03"]),
        # an abolition followed by a ban
        ("村级组织只保留规定牌子，其余牌子一律摘除，不得以检查为由要求村（社区）挂牌。", []),
        # photos uploaded in a rhythm report are the report's; a track stays the app's
        ("各学校每周五前通过钉钉填报课后服务情况，并上传活动照片不少于3张。", ["BR-INS-08"]),
        ("各村每周五前报送巡河情况，并通过APP上传巡河轨迹。", ["BR-APP-04", "BR-INS-08"]),
    ],
)
def test_look_alikes_and_evidence(sentence, expected):
    assert rules_fired(sentence) == expected
