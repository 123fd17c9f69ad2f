"""Session 11 (branch review-dev2): blind8 read after its one run. General readings for the kinds of its errors, each
with sentences written here (not blind8's rows) and the look-alikes that must stay silent. docs/review.md
"Session 11 (branch review-dev2): blind8 read"."""

import pytest

from jianfu.review.engine import review_text

TITLE = "关于做好2027年重点工作的通知\n各乡镇人民政府，县直各部门：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 防止返贫 names a programme: the meeting rhythm beside it is still demanded
        ("各乡镇每月召开一次防止返贫监测帮扶工作例会。", ["BR-MTG-05"]),
        ("各乡镇每季度召开会议研究防止规模性返贫工作。", ["BR-MTG-05"]),
        # a real negation of the meeting stays silent
        ("防止每月召开全县工作会议，能合并的合并。", []),
    ],
)
def test_a_policy_name_is_no_negation(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a dispatch meeting held weekly is a meeting's rhythm (MTG), not a report's (INS)
        ("每周三下午召开全县项目建设周调度会，各乡镇分管负责同志参加。", ["BR-MTG-05"]),
        ("每月召开一次森林防火调度视频会，乡镇分会场同步收看。", ["BR-MTG-05"]),
        # a daily or weekly dispatch of figures (no meeting) is still a report rhythm
        ("秋粮收购期间实行日调度，各乡镇每日报送收购进度。", ["BR-INS-08"]),
        ("各乡镇重点项目实行周调度。", ["BR-INS-08"]),
    ],
)
def test_a_dispatch_meeting_is_a_meeting(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a deadline on a weekday or on a day of each month is a report rhythm (INS), and the account yields to it
        ("各村于每周四中午前将本周秸秆禁烧巡查情况和现场照片报镇农业办。", ["BR-INS-08"]),
        ("各乡镇每月5日前填报上月农民工返乡创业统计表。", ["BR-INS-08"]),
        # a weekday meeting, a one-off date and a weekday office hour stay silent
        ("镇便民服务中心每周六上午照常办公。", []),
        ("各乡镇于5月10日前填报一次农房基本信息。", []),
    ],
)
def test_a_deadline_on_each_period_is_a_rhythm(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an office's own sections and its own staff: the office organising itself
        ("县委办机关各股室每周五下午报送下周工作计划。", []),
        ("县政府办公室机关干部每日上下班须刷脸打卡，结果在办公室内部通报。", []),
        # the same demands on the townships or on cadres across the county still bind
        ("各乡镇每周五下午报送下周工作计划。", ["BR-INS-08"]),
        ("全县乡镇干部每日须在“钉钉”上定位打卡。", ["BR-APP-02"]),
    ],
)
def test_an_office_organising_its_own_staff(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # past figures opened by 据统计 describe what was done
        ("据统计，2026年全县各村共悬挂各类标识牌1200余块，建立工作台账3000余本。", []),
        # 据统计 before a live demand still binds
        ("据统计数据，各村每月须向镇里报送台账照片。", ["BR-INS-05", "BR-INS-08"]),
        # a people's congress examining the budget and reports is the statutory order
        ("乡人民代表大会每年举行会议，审议并批准乡人民政府工作报告和财政预算。", []),
        # a county demanding that township congresses hold extra meetings on its campaign is no statutory order
        ("各乡镇每季度召开一次人居环境整治推进会议。", ["BR-MTG-05"]),
    ],
)
def test_past_figures_and_a_congress_session(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a veto on persons who did something, and a person's own affairs reported to his party organisation
        ("对收受患者红包的医务人员，当年绩效考核定为不合格，并在评先评优中实行一票否决。", []),
        ("领导干部本人操办婚丧嫁娶事宜的，须提前向所在党支部报告，事后报告办理情况。", []),
        # a veto on localities and a unit's account of its work still bind
        ("对发生医疗纠纷的乡镇卫生院，年度考核实行一票否决。", ["BR-INS-02"]),
        ("各乡镇于11月底前向县纪委报告整治婚丧大操大办落实情况。", ["BR-DOC-02"]),
    ],
)
def test_persons_and_their_own_affairs(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the grassroots unit lends its staff upwards, or in turns to a county command post
        ("各乡镇卫生院要抽调1名护士到县卫健局协助整理创卫档案。", ["BR-SEC-01"]),
        ("各街道每月轮流选派2名干部到县防汛指挥部值班。", ["BR-SEC-01"]),
        # staff sent downwards, or a township's own rota, stay silent
        ("县人民医院每周派出专家到乡镇卫生院坐诊。", []),
        ("各村两委干部轮流在村便民服务站值班。", []),
    ],
)
def test_lending_staff_upwards(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # show facilities in other words: a display screen of any make, a digital sand table, an achievements hall
        ("在镇政府门厅安装一块LED高清展示屏，滚动播放全镇发展成果。", ["BR-VAN-03"]),
        ("县自然资源局建设全县国土空间规划数字沙盘。", ["BR-VAN-03"]),
        ("各乡镇要建设一座特色产业成果展示馆。", ["BR-VAN-03"]),
        # a ban on them, and a shelf of products in a service hall, stay silent
        ("各乡镇不得新建展示馆、LED展示屏等形象设施。", []),
        ("在便民服务中心设置农产品展销柜台。", []),
    ],
)
def test_show_facilities_in_other_words(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # pledges signed all the way down, proof without which work does not count, a photo with the person served,
        # a talk with the laggards
        ("禁毒工作目标责任书要一签到底，从乡镇一直签到村民小组。", ["BR-INS-03"]),
        ("县督查组核查时坚持“无台账不算完成、无照片不算到位”。", ["BR-INS-05"]),
        ("驻村干部每次入户须与帮扶对象合影留存。", ["BR-INS-05"]),
        ("对年度考核连续两次居后三位的乡镇，由县委组织部进行警示谈话。", ["BR-INS-04"]),
        # a group photo at a ceremony and a talk with a newly appointed cadre stay silent
        ("表彰大会结束后，与会代表合影留念。", []),
        ("对新提拔的乡镇干部进行任前廉政谈话。", []),
    ],
)
def test_pledges_proof_and_talks_in_other_words(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a creation pushed with points added or docked in the assessment: two burdens
        (
            "各村要积极争创“省级美丽宜居示范村”，成功创建的在年度综合考核中加2分。",
            ["BR-DEMO-01", "BR-INS-12"],
        ),
        # a task's points in the assessment without a creation: the assessment only
        ("完成秸秆综合利用任务的乡镇，在年度目标考核中加1分。", ["BR-INS-12"]),
        # a creation named beside the annual assessment with no points stays excluded, as before
        ("年度考核结果分为优秀、良好、一般、较差四个等次。", []),
    ],
)
def test_a_creation_with_points_in_the_assessment(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # time or distance logged in an app, and a quota of posts on a mini-programme
        ("护林员使用“巡护通”APP巡山，每天巡逻时长不少于3小时。", ["BR-APP-02"]),
        ("河道保洁员每日巡河轨迹里程不少于2公里，由平台自动生成。", ["BR-APP-02"]),
        ("各社区要在“幸福家园”公众号开设专栏，每月至少发布4篇活动信息。", ["BR-APP-02"]),
        # a service's opening hours and an article count with no app stay silent
        ("村卫生室每天开诊时长不少于8小时。", []),
        ("村务公开栏每季度至少更新1次。", []),
    ],
)
def test_time_distance_and_posts_logged_in_an_app(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # localities' points for their work with no app named: the assessment's scoring, not an app's points
        ("县农业农村局对各乡镇人居环境整治实行积分管理，年底积分排名后三位的乡镇通报批评。", ["BR-INS-04"]),
        # points in an app still are the app's
        ("全县党员每日学习积分不低于30分，各乡镇积分排名每月通报。", ["BR-APP-02"]),
    ],
)
def test_localities_points_without_an_app(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a county body formed of staff borrowed from the townships is secondment, not a body the townships set up
        ("县防指从各乡镇抽调骨干组建3个巡查组，集中办公。", ["BR-SEC-01"]),
        # a body the townships must set up still is
        ("各乡镇要成立秸秆禁烧工作专班，配备专职人员2名。", ["BR-DUTY-03"]),
        # a supervision sheet sent to the laggards of a ranking is the ranking's consequence
        ("每月对各乡镇进度排名，排名后两位的乡镇由县督查室下发督办单。", ["BR-INS-04"]),
        # a supervision sheet on its own, sent to be carried out, still is a document outside document control
        ("县督查室以督办单形式向各乡镇下发任务，务必按时完成。", ["BR-DOC-05"]),
    ],
)
def test_borrowed_bodies_and_a_ranking_consequence(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a contest of localities on a rhythm, scored on site, feeding an appraisal title for localities
        ("各街道每月拿出一个重点项目同台比拼，由县领导现场评分。", ["BR-INS-04"]),
        ("比拼结果作为评定年度“五好社区”的依据。", ["BR-DEMO-05"]),
        # a sports contest and a title for a person stay silent
        ("县总工会每年举办一次职工篮球比赛。", []),
        ("县人社局按规定评定“省级技能大师工作室”。", []),
    ],
)
def test_contests_of_localities(sentence, expected):
    assert rules_fired(sentence) == expected
