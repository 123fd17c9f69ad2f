"""Session 14 (branch review-dev14): dev4 read after its first run. General readings for the kinds of its errors, each
with sentences written here (not dev4's rows) and the look-alikes that must stay silent. docs/review.md
"Session 14 (branch review-dev14)"."""

import pytest

from jianfu.review.engine import review_text
from jianfu.review.engine.matcher import match_clause
from jianfu.review.engine.rules import load_catalogue
from jianfu.review.engine.structure import Clause

TITLE = "关于做好2027年重点工作的通知\n各乡镇人民政府，县直各部门：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


def rules_for(sentence: str, issuer: str) -> list[str]:
    clause = Clause(index=0, text=sentence, number="", level=None, heading_path=[], paragraph_index=0, page=None,
                    start=0)
    return sorted(f.rule_id for f in match_clause(clause, load_catalogue().clause_rules, issuer=issuer).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a title taken away after the veto (取消…评先资格) abolishes nothing: the veto stays
        ("对发生重大信访事件的乡镇实行一票否决，取消该乡镇当年评先资格。", ["BR-INS-02"]),
        # the veto itself abolished stays silent
        ("对发生重大信访事件的乡镇，一票否决一律取消。", []),
    ],
)
def test_a_sanction_after_a_veto_is_no_abolition(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # evidence added on top of a safety regime's assessment is judged (the session-13 decision)
        ("各村消防安全巡查须拍摄现场照片，装订成册，作为消防工作考核的佐证材料。", ["BR-INS-05"]),
        # the regime's own assessment, with no evidence demanded, stays statutory
        ("消防工作纳入乡镇年度安全生产考核。", []),
    ],
)
def test_evidence_on_top_of_a_safety_assessment(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an emergency field as one item of a list of ordinary topics does not exempt the rhythm report
        ("各村每月5日前将环境整治、防汛、控辍保学三项工作进展报镇政府。", ["BR-INS-08"]),
        # a list of emergency fields only still exempts; a list of bodies (…、县应急管理局) names recipients
        ("各村每月5日前将防汛、抗旱、地质灾害防治工作情况报镇政府。", []),
    ],
)
def test_emergency_field_in_a_list_of_topics(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "issuer", "expected"),
    [
        # a township's own organs and staff are its internal work
        ("镇机关干部每天上下班须在考勤APP上打卡，考勤结果与机关干部绩效挂钩。", "township", []),
        ("由镇党政办牵头，于本月底前制定本镇冬季重点工作方案并报镇党委审定。", "township", []),
        # the same when villages are made to do it, or when a county says it of township staff
        ("镇机关干部和各村干部每天须在考勤APP上打卡。", "township", ["BR-APP-02"]),
        ("乡镇机关干部每天上下班须在考勤APP上打卡。", "department", ["BR-APP-02"]),
    ],
)
def test_a_townships_own_organs(sentence, issuer, expected):
    assert rules_for(sentence, issuer) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # sent up in a work group's spoken words, overnight
        ("请各村今晚10点前把秋收进度报上来。", ["BR-INS-08"]),
        # a deadline at a set point of each period
        ("各村须在每月第一个工作日前将上月帮扶情况报镇政府。", ["BR-INS-08"]),
        # a one-off account written up and sent by a date
        ("各乡镇要于12月20日前将冬季征兵宣传情况形成书面报告报县人武部。", ["BR-DOC-02"]),
        # a per-person quota of households
        ("镇里将征缴任务分解到每名干部，每人包保不少于40户。", ["BR-INS-14"]),
    ],
)
def test_reports_and_quotas_in_other_words(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a locality that misses its task loses its standing; its results tied to its assessment; a scoring row
        ("未完成年度植树任务的村，取消当年评优资格。", ["BR-INS-02"]),
        ("各村禁毒工作得分与村级年度考核挂钩。", ["BR-INS-12"]),
        ("考核细则规定，乡镇每季度开展一次应急演练，每少1次扣1分。", ["BR-INS-12"]),
        # the consolidation the rule itself recommends, said as a ban and its remedy
        ("县直部门不再单独对乡镇开展考核，确需考核的事项纳入年度综合考核。", []),
    ],
)
def test_assessment_in_other_words(sentence, expected):
    assert rules_fired(sentence) == expected


# dev5 read (the same session): readings general to schools, clinics and work groups


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a video meeting reaching the villages; secondment of a clinic's doctors; a plan of the village's own filed
        ("全县秋季防疫电视电话会开到村，各村卫生室村医参会。", ["BR-MTG-02"]),
        ("县卫健局借用各乡镇卫生院医生各1名协助体检工作，借用期两个月。", ["BR-SEC-01"]),
        ("各村要根据镇里方案制定本村冬季植树计划，于11月20日前报镇林业站审核。", ["BR-DOC-03"]),
        # wall displays in a grassroots unit; the boards a county body brings itself stay silent
        ("各中小学要在校门口设置“法治校园”宣传栏和承诺墙，统一样式。", ["BR-DUTY-02"]),
        ("县司法局到各乡镇中心学校开展普法宣讲，所需展板由县司法局统一制作携带。", []),
        # a star plaque hung for those an appraisal names is the appraisal's
        ("各村开展“文明户”星级评定，为评定达标的农户悬挂星级牌。", ["BR-DEMO-02"]),
    ],
)
def test_grassroots_units_and_meetings(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # evidence each activity must have, a signed slip kept for a spot check, an activity filmed as a rule
        ("各学校每月开展一次安全主题班会，班会须有照片、教案和学生心得各一份，月底前上传县教育局平台。", ["BR-INS-05"]),
        ("各学校收回家长签字回执，回执原件由学校保存备查。", ["BR-INS-05"]),
        ("各学校每学期开展一次消防演练，演练须全程录制视频，于次月5日前报县教育局。", ["BR-INS-05", "BR-INS-08"]),
        # a nomination's file is the selection's
        ("镇里在各村开展“好婆婆”评选，每村推荐1户，推荐材料附照片和事迹材料。", ["BR-DEMO-05"]),
        # photos sent up a work group, no app named: the evidence, not an app
        ("各村保洁员每日将保洁照片上传镇环卫工作群，保洁情况纳入村级考核。", ["BR-INS-12"]),
    ],
)
def test_evidence_in_schools_and_groups(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a screenshot or 接龙 sent up a group by tonight is the app's burden alone
        ("各学校组织教师转发县教育局公众号文章，并于当晚9点前在群内接龙上报转发截图。", ["BR-APP-03", "BR-APP-06"]),
        # figures reported beside it stay a report
        ("各学校在群内接龙后，于每日17时前报送参与人数。", ["BR-APP-06", "BR-INS-08"]),
        # questionnaires filled to a quota; a per-person quota of registrations is the app's
        ("请各学校将问卷链接转发家长群，每班填写人数不少于30人。", ["BR-APP-03"]),
        ("每名教师须动员10名以上亲友注册“家校通”APP。", ["BR-APP-01", "BR-APP-03"]),
    ],
)
def test_work_groups_and_apps(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the emergency body's name is no emergency work; pharmacies bear their own reports; 不向…摊派 is a ban
        ("县应急管理局在全县中小学推广“安全知识”小程序，每月公布学习积分排名后三名的学校。", ["BR-APP-02", "BR-INS-04"]),
        ("各零售药店每日17时前通过监管平台上报购药登记数据。", []),
        ("活动经费由县财政保障，不向乡镇卫生院和村卫生室摊派。", []),
        # the papers of a meeting sent ahead of it
        ("县教育局每月召开一次校长例会，汇报材料于会前2天报送。", ["BR-MTG-05"]),
    ],
)
def test_bearers_and_look_alikes(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a ranking of localities added on top of a safety regime is judged (four outside writers; DATA_CARD.md 12)
        ("县安委办每季度对各乡镇安全生产工作打分排名，排名末位的乡镇作表态发言。", ["BR-INS-04"]),
        ("防汛工作纳入乡镇考核，县防指按月通报排名。", ["BR-INS-04"]),
        # the regime's own circulation of checks on enterprises, and its own daily reports, stay exempt
        ("安全生产大检查期间，县安委办对重点企业开展暗访，每月通报检查情况。", []),
        ("防汛期间，各乡镇每日17时前报送雨情水情。", []),
    ],
)
def test_a_ranking_added_on_a_safety_regime(sentence, expected):
    assert rules_fired(sentence) == expected
