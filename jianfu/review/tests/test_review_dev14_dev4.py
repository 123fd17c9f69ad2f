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
