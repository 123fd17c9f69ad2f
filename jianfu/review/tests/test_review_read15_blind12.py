"""Session 15 (branch review-read15): blind12 read after its one blind run. General readings for the kinds of its
errors, each with short sentences written here (not blind12's rows) and the look-alikes that must stay silent.
docs/review.md "Session 15 (branch review-read15): blind12 read after its run"."""

import pytest

from jianfu.review.engine import review_text

# a province's notice to its cities and counties (review-labelling.md: 市/县/乡/村 are the grassroots)
TITLE = "关于做好2027年一季度重点工作的通知\n各市（州）人民政府，省直各部门：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # results circulated locality by locality compare the localities (a ranking without the word 排名)
        ("省卫生健康委每月按县（市、区）通报家庭医生签约率。", ["BR-INS-04"]),
        ("垃圾分类知晓率按乡镇（街道）在全市晾晒。", ["BR-INS-04"]),
        ("各地开展义务献血宣传，完成情况按县（市、区）通报。", ["BR-INS-04"]),
        # the measure named between the localities and the ranking
        ("省住建厅每季度对各市（州）和县（市、区）城市更新项目推进速度进行排名。", ["BR-INS-04"]),
        # look-alikes: figures gathered per locality (no comparison), a ranking abolished, a list sent by county
        ("省统计局按县（市、区）汇总粮食播种面积数据。", []),
        ("不再按县（市、区）通报各地完成率。", []),
        ("各县（市、区）按乡镇分类整理帮扶对象信息。", []),
    ],
)
def test_localities_compared(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # outside the emergency period a daily report with photos is ordinary work
        ("非汛期各乡镇也要每日报送堤防巡查情况并上传巡查照片。", ["BR-INS-05", "BR-INS-08"]),
        ("森林防火期以外，各村仍须每日报送巡山情况。", ["BR-INS-08"]),
        # during it the emergency exemption holds
        ("汛期各乡镇每日报送堤防巡查情况。", []),
        ("森林防火紧要期内，各村每日报送巡山情况，发现火情立即报告。", []),
    ],
)
def test_outside_the_emergency_period(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a ban led by its subjects governs (the list item's number before them counts for nothing) the whole segment, however long the list after it
        ("各地各部门不得以年度考核名义要求村级组织提供活动记录、现场照片、群众签字等佐证材料。", []),
        ("各单位不得以检查为由要求学校提供工作台账、会议记录、照片视频等留痕材料。", []),
        # the same demand made, not banned
        ("各地各部门要求村级组织提供活动记录、现场照片等佐证材料，作为年度考核依据。", ["BR-INS-05"]),
    ],
)
def test_ban_after_its_subjects(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a provincial department's own units and its internal circulation
        ("省交通运输厅对厅属事业单位实行半年绩效考评，结果在厅内通报。", []),
        ("省农业农村厅每季度对各市（州）农业农村局工作进行考评，结果在全省通报。", ["BR-INS-04"]),
    ],
)
def test_department_own_units(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a meeting record listed after the photos of other work is that work's evidence
        ("各乡镇要为每个点位建立档案，施工前后照片和会议记录每月报县住建局。", ["BR-INS-08"]),
        # a meeting held, its record sent up, stays the meeting's
        ("各村每月召开村民代表会议，会议记录和照片报乡镇备查。", ["BR-INS-08", "BR-MTG-05", "BR-MTG-06"]),
    ],
)
def test_meeting_record_in_other_evidence(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a sign board in every village, a command post in every township
        ("各县（市、区）要在每个行政村设立林长公示牌。", ["BR-DUTY-02"]),
        ("各县（市、区）要在每个乡镇成立“秋粮收购工作指挥部”。", ["BR-DUTY-03"]),
        # look-alikes: an operator's statutory safety sign; the county's own command post
        ("生产经营单位应当在危险场所显著位置设立公示牌，标明风险和应急措施。", []),
        ("县政府成立秋粮收购工作指挥部，由分管副县长任指挥长。", []),
    ],
)
def test_village_sign_and_township_post(sentence, expected):
    assert rules_fired(sentence) == expected
