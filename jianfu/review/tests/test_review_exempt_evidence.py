"""Session 13 (review-exempt, issue 10): the safety and emergency exemption covers what the regime itself requires
(its responsibility system, accident, disaster and hazard reports, emergency daily reports, inspections, duty rosters),
not evidence of work the issuer adds on top of it — photo and video quotas, 留痕 and 佐证 demanded as proof, a 工作台账,
rankings by such evidence. Those are judged as in any other draft. Sentences written for this file."""

from __future__ import annotations

import pytest

from jianfu.review.engine import review_text

FOREST = "县林业局关于做好今冬明春森林防火工作的通知"
SAFETY = "县应急管理局关于进一步加强安全生产工作的通知"
FLOOD = "县水利局关于做好今年防汛工作的通知"
FIRE = "县消防救援大队关于加强农村消防安全工作的通知"
VILLAGE = "县农业农村局关于深入推进农村人居环境整治的通知"

NEW_USER = "请各村每天上报巡山照片不少于5张，并于每周一前报送工作台账。"


def rule_ids(title: str, text: str) -> list[str]:
    return sorted({f.rule_id for f in review_text(f"{title}\n{text}").findings})


def test_the_new_users_clause_is_judged_alike_in_a_forest_fire_and_a_village_draft() -> None:
    assert rule_ids(VILLAGE, NEW_USER) == ["BR-INS-05", "BR-INS-08"]
    assert rule_ids(FOREST, NEW_USER) == ["BR-INS-05", "BR-INS-08"]
    # the regime named in the sentence or in the heading above it exempts the quota no more than the title does
    assert rule_ids("县林业局关于加强护林工作的通知", "森林防火期间，" + NEW_USER) == ["BR-INS-05", "BR-INS-08"]
    assert rule_ids("县林业局关于做好冬春季重点工作的通知", "一、森林防火\n" + NEW_USER) == ["BR-INS-05", "BR-INS-08"]


@pytest.mark.parametrize(("title", "sentence", "expected"), [
    # photo quotas and 佐证 on the safety, flood and fire regimes
    # (session 16, review-read16: photos uploaded with no app, platform or group named are evidence, BR-INS-05, no longer
    # BR-APP-04 besides — blind7 B7065, blind13 B13044 and B13099 label them INS)
    (SAFETY, "各乡镇每月对安全生产检查情况拍照上传，每次不少于10张照片作为佐证材料。", ["BR-INS-05"]),
    (FLOOD, "汛期各村每日上传巡堤照片不少于3张，留痕备查。", ["BR-INS-05"]),
    (FIRE, "各村每周上传消防检查照片不少于5张，并提供佐证材料。", ["BR-INS-05"]),
    # a 工作台账 sent up as proof for the assessment
    (SAFETY, "各乡镇要建立安全生产工作台账，每月报送一次作为考核佐证。", ["BR-INS-05", "BR-INS-08"]),
    # localities ranked by the evidence they upload
    # photos sent up on a rhythm are evidence too (BR-INS-05, lead, session 13), beside the ranking by their count
    (FOREST, "森林防火期间，县林业局每周按各村上传巡山照片数量进行排名通报。", ["BR-INS-04", "BR-INS-05"]),
])
def test_evidence_added_on_top_of_a_regime_is_a_finding(title: str, sentence: str, expected: list[str]) -> None:
    assert rule_ids(title, sentence) == expected


@pytest.mark.parametrize(("title", "sentence"), [
    # what the regimes themselves require stays exempt
    (FOREST, "森林防火期间，发现火情要立即拍照上报县森林防火指挥部。"),          # an incident reported at once
    (FLOOD, "汛期各乡镇每日报送雨情、水情和险情，发现险情拍照立即上报。"),
    (SAFETY, "各乡镇要建立安全生产隐患排查治理台账，实行闭环管理。"),             # the regime's own register
    (FLOOD, "防汛期间，各乡镇要落实24小时值班制度，每日报送值班表。"),           # duty rosters
    (FLOOD, "汛期各乡镇每日17时前报送防汛日报。"),                                  # an emergency daily report
    (SAFETY, "发生安全生产事故后，各乡镇要在1小时内上报事故报告。"),               # accident reports
    (SAFETY, "安全生产专项整治期间，各乡镇每月开展一次重点行业领域检查。"),       # the regime's inspections
    (FOREST, "森林防火紧要期内，护林员每日通过巡护APP上传巡山轨迹。"),             # a ranger's check-in (trap 3)
    (SAFETY, "各乡镇要落实安全生产责任制，与各村签订安全生产目标责任书。"),       # the responsibility system
])
def test_what_the_regime_itself_requires_stays_silent(title: str, sentence: str) -> None:
    assert rule_ids(title, sentence) == []


def test_the_regimes_inspection_keeps_its_exemption_beside_added_photos() -> None:
    # the photos are judged; the monthly inspection they document is the regime's own (BR-INS-11 not raised)
    result = review_text(f"{FIRE}\n各村每周开展消防检查，上传消防检查照片不少于5张。")
    assert sorted({f.rule_id for f in result.findings}) == ["BR-INS-05"]
    assert [(n.rule_id, n.reason) for n in result.notes] == [
        ("BR-INS-11", "安全生产、自然灾害防治、应急等豁免情形")]


def test_after_the_emergency_a_photo_quota_was_already_a_finding() -> None:
    # session 8's reading is unchanged: 汛期结束后 lifts the exemption for the whole sentence
    assert rule_ids(FLOOD, "汛期结束后，各村上报防汛工作总结，附照片不少于10张。") == ["BR-DOC-02", "BR-INS-05"]


@pytest.mark.parametrize(("title", "sentence", "expected"), [
    # diff review D04: an incident reported in an earlier segment does not turn a quota of its own into that report
    (FOREST, "发现火情后拍照上报，各村每天上报巡山照片不少于5张。", ["BR-INS-08"]),
    (FLOOD, "发现险情立即拍照上报，各村每日上传巡堤照片不少于3张。", ["BR-INS-05"]),
    (FOREST, "一旦发生火情立即上报，各村每天上报巡山照片不少于5张。", ["BR-INS-08"]),
    # the photos of the incident itself, in its own segment or after the bare condition, stay its report
    (FOREST, "发现火情后，每次上传现场照片不少于3张。", []),
    (FLOOD, "汛期各乡镇每日报送雨情、水情和险情，发现险情拍照立即上报。", []),
])
def test_the_incident_is_read_in_the_quotas_own_segment(title: str, sentence: str, expected: list[str]) -> None:
    assert rule_ids(title, sentence) == expected


def test_the_bare_incident_condition_is_what_keeps_the_photos_silent() -> None:
    # the same segment without the fire-safety title and condition is a photo quota demanded (BR-INS-05)
    assert rule_ids(VILLAGE, "每次上传现场照片不少于3张。") == ["BR-INS-05"]
    assert rule_ids(FOREST, "发现火情后，每次上传现场照片不少于3张。") == []
