"""Session 20 (branch review-read20): blind17 read after its one blind run. General readings for the kinds of its errors,
each with short sentences written here (not the split's rows) and the look-alikes that must stay silent or keep their
finding. docs/review.md "Session 20 (branch review-read20): blind17 read after its one run"."""

import pytest

from jianfu.review.engine import review_text

# a city's notice to its counties and departments
TITLE = "关于做好2028年下半年重点工作的通知\n各县（市、区）人民政府，市直各单位：\n一、"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a paper copy of what a system or platform already holds: the same data filed twice (BR-APP-07)
        ("在录入全省低保信息系统的同时，各村还要填写纸质核查表报乡镇存档。", ["BR-APP-07"]),
        ("各村在系统采集完成后，还要将同样的数据填写纸质登记表一式两份报乡镇。", ["BR-APP-07"]),
        ("通过统一报表平台报送数据后，仍要求各村同步报送盖章的纸质报表。", ["BR-APP-07"]),
        # the paper copy abolished, or the system's entry alone
        ("各村通过统一报表平台报送数据，不再报送纸质报表。", []),
        ("在录入全国防返贫监测系统时，各村要核准家庭人口信息。", []),
        # signatures on the form a village fills in certify no one; a village body's certificate stays
        ("各村填写入户核查表，由户主和村干部共同签字。", []),
        ("申请救助须由社区出具居住证明并盖章。", ["BR-DUTY-04"]),
        # a person's own photo filed with copies of his papers identifies him; photos of the visit are evidence of work
        ("各村逐人填写纸质登记表，附身份证复印件和照片。", []),
        ("各村须附入户走访照片和身份证复印件。", ["BR-INS-05"]),
    ],
)
def test_paper_copies_of_system_data(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a daily count of entries through a platform, a quiz in an app with a participation floor, photos through an app
        ("各村网格员每天通过“智慧网格”平台上报事件不少于5件。", ["BR-APP-02", "BR-INS-08"]),
        ("各县每月在“普法云”APP上组织干部参加法律知识答题，答题人数不少于在编人数的90%。", ["BR-APP-03"]),
        ("各县每月在“普法云”APP上组织干部参加法律知识答题。", []),
        ("各乡镇通过“耕地保护”APP上传本月复耕地块的整改前后对比照片。", ["BR-APP-04", "BR-INS-05"]),
        # an app's measure counted per village or per county and circulated: the app's and a circulation of localities
        ("县里按村统计学习积分，每月在全县通报。", ["BR-APP-02", "BR-INS-04"]),
        ("市里每月通报各县（市、区）政务APP激活率。", ["BR-APP-01", "BR-INS-04"]),
        # its rate ranked by locality is added on top; a check-in in a declared 紧要期 is the regime's (session 30,
        # review-mend30: through a fire season at large the check-in itself is added — context.presence_proof, dev4 D4017)
        ("森林防火期内，护林员巡山时在“护林通”APP打卡，县林业局按月统计打卡率并对各乡镇排名。", ["BR-APP-02", "BR-INS-04"]),
        ("森林防火期内，护林员巡山时在“护林通”APP打卡。", ["BR-APP-02"]),
        ("森林防火紧要期内，护林员巡山时在“护林通”APP打卡。", []),
        # a telephone call's screenshot is evidence of the call, not online engagement; a forwarding's screenshot is both
        ("承办单位对来电人电话回访后截图留存。", ["BR-INS-05"]),
        ("各村干部转发政策文章后截图留存。", ["BR-APP-03", "BR-INS-05"]),
    ],
)
def test_apps_counted_and_ranked(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the laggards named at a regular meeting, on a rhythm; a one-off task's laggards circulated once belong to the task
        ("各村每周核对一次低保对象信息，未按时核对的村在镇周例会上点名。", ["BR-INS-04"]),
        ("年底前完成路灯更换，未按期完成的乡镇在全县通报。", []),
        # a safety campaign's laggards by progress circulated by the city: added on top of the regime
        ("安全生产专项整治期间，市安委办每月对进度靠后的县（市、区）通报。", ["BR-INS-04"]),
        ("安全生产专项整治期间，各县（市、区）要落实企业主体责任。", []),
        # photos before, during and after; a count of photos circulated by township
        ("每处整治点位须保存整治前、中、后照片。", ["BR-INS-05"]),
        ("县河长办每月按巡河照片数量对各乡镇通报。", ["BR-INS-05"]),
        # a bulletin's name (《督查通报》) is no account sent up; an account sent up by a date still is (session 21,
        # review-dev21: the ranking read across the bulletin's name, BR-INS-04, which the scoring's BR-INS-12 yields to)
        ("市委督查室每月对各县（市、区）落实重点任务情况打分，在《督查通报》上按得分排名，得分计入年度综合考核。", ["BR-INS-04"]),
        ("各县（市、区）于6月底前将落实情况报市委督查室。", ["BR-DOC-02"]),
        # a meeting's attendance proved by a photo uploaded as the sign-in is the meeting's evidence; an app's check-in stays
        ("各村党组织书记须在村级分会场收看会议，并拍摄参会照片上传签到。", ["BR-MTG-02", "BR-MTG-06"]),
        ("各村党组织书记须在村级分会场收看会议，并通过“智慧党建”APP定位签到。", ["BR-APP-02", "BR-MTG-02"]),
    ],
)
def test_circulations_and_evidence(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # cases handed to the community of the place to handle, with no powers; forbidden, or with the powers, no burden
        ("涉及占道经营、违规停车的投诉，一律按属地派至所在社区处理。", ["BR-DUTY-01"]),
        ("涉及执法事项的投诉，不得按属地派至社区处理。", []),
        ("涉及占道经营的投诉按属地派至所在街道处理，并同步下放执法权。", []),
        # township and village cadres organised to inspect every premises by a date; a publicity drive is no inspection
        ("各县组织乡镇、村（社区）干部对辖区所有小作坊入户排查，年底前实现全覆盖。", ["BR-DUTY-01"]),
        ("各县组织乡镇、村（社区）干部开展燃气安全宣传，年底前实现全覆盖。", []),
    ],
)
def test_duties_handed_down(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a city bureau's self-inspection of its own work reported to its own government; the counties' bureaus told to do it
        ("市人社局每半年对本局承担的服务事项进行一次自查，形成报告报市政府。", []),
        ("各县（市、区）人社局每半年对本局承担的服务事项进行一次自查，形成报告报市人社局。", ["BR-INS-08"]),
        # a disaster pauses the ordinary work; its daily report is the emergency's, the work resumes after it
        ("如遇暴雨、洪涝等灾害，乡镇可暂停入户核查，灾情期间每日报告群众转移情况，灾情解除后恢复核查。", []),
        ("灾情解除后，各乡镇每日报送恢复重建进度和现场照片。", ["BR-INS-05", "BR-INS-08"]),
        # a duty restated as an upper level's existing requirement; a report demanded on a rhythm stays
        ("村级网格员每天至少巡查一次，发现问题及时处置，这是省里对网格员履职的基本要求。", []),
        ("村级网格员每天巡查后向乡镇报送巡查记录。", ["BR-INS-08"]),
        # a province's third-party survey of the public in its own assessment of the cities; a city's own assessment stays
        ("省统计局委托第三方机构以电话抽样方式开展群众满意度调查，调查结果纳入对各市的年度考核。", []),
        ("市里将群众满意度调查结果纳入对各县（市、区）的年度考核。", ["BR-INS-12"]),
    ],
)
def test_own_work_emergencies_and_restatements(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected
