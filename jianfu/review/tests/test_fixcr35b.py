"""Session 35 (branch fixcr35b): codereview35b's findings on session 34's merges — a picture sent to a group read as
evidence of work whatever it showed (BR-INS-05), a report made only when something is found read as a village's daily
report through the season (BR-INS-08, context.village_season_report), 古镇 and 开发区 read as a township developing its own
app (BR-APP-05), the day's count fed back read as a report with no village reporting (BR-INS-08), and a report's 确保了
read as a live demand (context.retrospective). Each sentence below is pinned both ways. docs/review.md "Session 35
(branch fixcr35b)"."""

import pytest

from jianfu.review.engine import review_text

FIRE = "关于做好秋冬季森林防火工作的通知\n各乡镇人民政府：\n一、"
REPORT = "关于2025年防汛工作情况的报告\n县人民政府：\n一、"
PLAIN = ""


def rules_fired(title: str, sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize("sentence", [
    # publicity, warning and information pictures, sent down or to residents: no evidence of work done
    "县委宣传部将宣传海报图片发送至各乡镇工作群，请各村张贴。",
    "县农业农村局将在工作群上传技术要点图片，供各村参考。",
    "县人社局将招聘岗位信息图片推送至各村工作群，由村干部转发群众。",
    "乡镇要在工作群上传防诈骗宣传图片，供各村转发。",
    "各村要将防溺水宣传图片发送至村民微信群，提醒家长看护好孩子。",
    "各村网格员要将暴雨预警图片推送至网格微信群，提醒群众做好防范。",
    "各村应将失物招领照片发至村民微信群。",
    "乡镇将在工作群上传会议精神图片，各村组织学习。",
    # an offence's evidence, and the organ's own staff sending to its own group
    "执法人员现场检查时应拍照取证，并将照片上传至执法大队工作群。",
    "对拒不整改的，执法人员拍照取证后上传至执法工作群。",
    "县林业局工作人员巡山后将照片上传至本局工作群。",
    "县林业局巡护队员每日巡山后须拍照上传至局巡护工作群。",
])
def test_pictures_that_are_no_evidence_of_work_stay_none(sentence: str) -> None:
    assert rules_fired(PLAIN, sentence) == []


@pytest.mark.parametrize("sentence", [
    # pictures of work done sent up stay evidence, whatever word stands near them
    "各村须将宣传活动照片发至镇工作群。",
    "各村须将张贴宣传海报的照片上传至镇工作群。",
    "各村信息员每日巡查后将巡查照片上传至镇工作群。",
    "各村网格员要将入户走访照片推送至街道网格工作群。",
    "各村每周将工作照片上传至县局工作群，供县局检查。",
    # a county body telling the villages' cadres: their photos, not the body's own staff's
    "县农业农村局要求各村干部拍照上传至局工作群。",
    "县林业局要求各村护林员巡山后拍照上传至局巡护工作群。",
    # a second, real upload after a publicity picture is read in its own segment
    "各村要将防溺水宣传图片发送至村民微信群，并拍照上传至镇工作群。",
])
def test_pictures_of_work_done_sent_up_stay_evidence(sentence: str) -> None:
    assert rules_fired(PLAIN, sentence) == ["BR-INS-05"]


@pytest.mark.parametrize("sentence", [
    "防火期内，各村护林员每日巡山，发现火情立即报告。",
    "汛期内，各村巡查员每日巡查山塘水库，发现险情第一时间报告乡镇防汛办。",
    "汛期内，各村遇暴雨时每日报告雨情。",
])
def test_a_report_made_when_something_is_found_keeps_the_seasons_exemption(sentence: str) -> None:
    assert rules_fired(PLAIN, sentence) == []


@pytest.mark.parametrize("sentence", [
    # the daily word governing the report in its own segment: the villages' daily report through the season at large
    "防火期内，各村护林员每日巡山，并每日17时前向乡镇报告巡山情况。",
    "汛期内，各村巡查员每日巡查山塘水库，每日向乡镇防汛办报告巡查情况，发现险情立即报告。",
    "汛期内，各村每日17时前向乡镇防汛办报送雨情。",
    "汛期内各村每日18时前向镇防汛办报送汛情零报告。",
])
def test_a_daily_report_of_every_village_through_the_season_stays_a_finding(sentence: str) -> None:
    assert rules_fired(PLAIN, sentence) == ["BR-INS-08"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("大圩古镇开发旅游导览小程序，方便游客参观。", []),
    ("工业园区所在镇开发区管委会上线企业服务小程序。", []),
    ("龙港镇开发区管委会推出招商小程序，方便企业办事。", []),
    # a township developing its own app stays one
    ("香榧岭镇开发“智慧香榧”小程序。", ["BR-APP-05"]),
    ("大圩镇开发旅游导览小程序，方便游客参观。", ["BR-APP-05"]),
])
def test_an_old_town_or_a_development_zone_is_no_township(sentence: str, expected: list[str]) -> None:
    assert rules_fired(PLAIN, sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("平台每日自动反馈当日注册数，各村无需统计上报。", []),
    ("系统每晚20时自动反馈当日注册数，无需各村另行报送。", []),
    ("县人社局每晚20时前在工作群反馈当日注册数，供各乡镇掌握进度。", ["BR-APP-06"]),
    # a village feeding back its day's count stays a daily report
    ("各村每晚20时前在乡镇工作群反馈当日注册数。", ["BR-APP-06", "BR-INS-08"]),
    ("各村（社区）每日反馈当日走访户数。", ["BR-INS-08"]),
])
def test_the_days_count_fed_back_needs_a_village_feeding_it(sentence: str, expected: list[str]) -> None:
    assert rules_fired(PLAIN, sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("汛期内，各村包保干部每日巡堤后将照片上传至镇防汛工作群，确保了安全度汛。", []),
    ("各村包保干部每日巡堤后将照片上传至镇防汛工作群，确保了安全度汛。", []),
    # 确保 as a modal, and 确保了解 (ensure an understanding), stay live demands under a report's title
    ("下一步，各村要确保每日巡堤照片上传至镇防汛工作群。", ["BR-INS-05"]),
    ("各村每日将巡堤照片上传至镇防汛工作群，确保了解堤防情况。", ["BR-INS-05"]),
])
def test_a_reports_past_result_imposes_nothing(sentence: str, expected: list[str]) -> None:
    assert rules_fired(REPORT, sentence) == expected


def test_the_same_under_a_notice_title_stays_a_finding() -> None:
    assert rules_fired(FIRE, "各村包保干部每日巡堤后将照片上传至镇防汛工作群，确保安全度汛。") == ["BR-INS-05"]
