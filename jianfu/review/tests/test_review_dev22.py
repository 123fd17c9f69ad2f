"""Session 22 (branch review-dev22): the reviewer's leftovers of session 21. Each reading with sentences written here (no
corpus clause), a sentence that must fire and its look-alikes. docs/review.md "Session 22 (review-dev22)"."""

import pytest

from jianfu.review.engine import review_text

# a county office's notice to the levels below
TITLE = "关于做好2031年下半年重点工作的通知\n各乡镇人民政府，县直有关单位：\n一、"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 到场 followed by the work done there is field work (处置, 核查, 协助调查), not attendance at a meeting
        ("接到群众反映后，社区须在24小时内到场处置。", []),
        ("各村须在2小时内到场核查，并将核查结果反馈乡镇。", []),
        ("村（社区）须在接警后30分钟内到场协助调查取证。", []),
        ("各乡镇主要负责同志须第一时间到场处置。", []),
        # …unless the sentence also demands a meeting of them
        ("各村（社区）须在1小时内到场处置，并派员参加当晚召开的调度会。", ["BR-MTG-02", "BR-MTG-03"]),
        ("社区须到场处置，并列席镇里召开的协调会议。", ["BR-MTG-02"]),
        # attendance itself, with no work named after 到场, is still attendance
        ("各村（社区）党组织书记须全部到场参会。", ["BR-MTG-01", "BR-MTG-02"]),
        ("各村（社区）书记均须到场。", ["BR-MTG-01", "BR-MTG-02"]),
        ("各乡镇党委书记须亲自到场，不得委托他人。", ["BR-MTG-01"]),
    ],
)
def test_field_work_at_the_scene_is_no_meeting_attended(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a holiday is a date on the calendar, not a 突发事件: a report on a rhythm of the safety situation for it is the
        # guide's "regular … reporting", the safety field only its topic
        ("重大节日期间，各乡镇每日报送安全生产情况。", ["BR-INS-08"]),
        ("春节、国庆等重大节日期间，各乡镇须每日17时前报送安全生产情况。", ["BR-INS-08"]),
        ("国庆、中秋期间，各村（社区）每天向镇里报送消防安全情况。", ["BR-INS-08"]),
        ("节假日期间，各乡镇每日报送安全生产检查情况。", ["BR-INS-08"]),
        # the regime's own reports keep the exemption: an incident, a hazard, the watch and its zero report
        ("重大节日期间，各乡镇实行24小时值班，发生安全生产事故须立即报告。", []),
        ("节假日期间，各乡镇实行领导带班和每日安全生产情况零报告。", []),
        ("春节期间，各乡镇每日报送安全生产值班情况。", []),
        ("重大节日期间，各乡镇每日报送安全生产隐患排查情况。", []),
        # another emergency field named: a holiday in a flood season is still the flood's
        ("汛期恰逢国庆假期，国庆期间各乡镇每日报送汛情和安全生产情况。", []),
        # no holiday named: as before (the standing regime's reports are not decided here)
        ("各乡镇每日报送安全生产情况。", []),
        # a county bureau's own account to its government names no lower unit: as before
        ("重大节日期间，县应急管理局每日向县政府报送全县安全生产情况。", []),
    ],
)
def test_a_holiday_periods_safety_report_on_a_rhythm_is_no_emergency(
    sentence: str, expected: list[str]
) -> None:
    assert rules_fired(sentence) == expected
