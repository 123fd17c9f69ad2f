"""Session 34 (branch review-left34): the session-33 adjudication's line 12 — a work group that only carries photos of work
done is no app burden; the photos are evidence of work (BR-INS-05) — read with line 11 (photos proving a patrol, a duty or
a visit are INS in any season outside a declared response, whoever sends them; the 群测群防 monitors' own record and
photos of the hazard stay 0). Sentences written here; docs/review.md "Session 34 (branch review-left34)"."""

import pytest

from jianfu.review.engine import load_catalogue, review_text
from jianfu.review.engine.corpus import load_split
from jianfu.review.engine.evaluate import predict

FIRE = "关于做好秋冬季森林防火工作的通知\n各乡镇人民政府：\n一、"
FLOOD = "关于做好汛期防汛工作的通知\n各乡镇人民政府：\n一、"
DECLARED = "关于进入森林防火紧要期的通知\n各乡镇人民政府：\n一、"
PLAIN = ""


def rules_fired(title: str, sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("title", "sentence", "expected"),
    [
        # photos taken and uploaded to a work group (the photo said by its taking): evidence, no app's demand
        (PLAIN, "各村包村干部每日巡查河塘后须拍照上传至乡镇防溺水工作群。", ["BR-INS-05"]),
        (PLAIN, "各村网格员入户走访时须拍摄入户照片，发送至街道网格工作群。", ["BR-INS-05"]),
        # the work's photos named and sent, or uploaded in the group
        (PLAIN, "村干部巡田后在乡镇工作群上传现场照片。", ["BR-INS-05"]),
        (PLAIN, "各村卫生室须将义诊活动照片发至镇卫生院工作群。", ["BR-INS-05"]),
        # a ranking beside the photos stays the ranking's (INS-04) as before
        (PLAIN, "各小学班主任须将回执逐张拍照上传至教育局工作群，回收率在全县排名通报。", ["BR-INS-04", "BR-INS-05"]),
    ],
)
def test_photos_up_a_work_group_are_evidence(title: str, sentence: str, expected: list[str]) -> None:
    assert rules_fired(title, sentence) == expected


@pytest.mark.parametrize(
    ("title", "sentence", "expected"),
    [
        # line 11: through a fire or flood season at large, whoever sends them
        (FIRE, "包村干部巡山时须拍照上传至镇防火微信群。", ["BR-INS-05"]),
        (FLOOD, "汛期内，各村包保干部须将巡堤照片上传至镇防汛工作群。", ["BR-INS-05"]),
        (FIRE, "防火期内，各卡点值守人员每2小时将值守照片发至乡镇防火工作群。", ["BR-INS-05"]),
        (FLOOD, "汛期内，各村包保干部巡堤时须拍照上传至镇防汛工作群，发现险情立即报告。", ["BR-INS-05"]),
    ],
)
def test_presence_photos_through_a_season_at_large(title: str, sentence: str, expected: list[str]) -> None:
    assert rules_fired(title, sentence) == expected


@pytest.mark.parametrize(
    ("title", "sentence", "expected"),
    [
        # the group's own acts beside the photos: the app's demand alone, as before (line 12: 打卡, 定位, 接龙)
        (PLAIN, "各村护林员每日在工作群内签到打卡，并拍照上传至镇护林工作群。", ["BR-APP-06"]),
        (PLAIN, "各村河长每日在乡河长工作群发送巡河定位和照片。", ["BR-APP-06"]),
        (PLAIN, "各村河长在县河长制工作群接龙上传巡河照片。", ["BR-APP-06"]),
        # photos sent on a rhythm beside the daily report they make up are that report's: one burden, one finding
        (PLAIN, "各村护林员每日巡山后须将巡山照片发至镇护林工作群。", ["BR-INS-08"]),
        (PLAIN, "各村网格员每日入户走访，走访照片当日上传至镇网格工作群，镇每周通报各村上传情况。", ["BR-INS-04"]),
        # …but not to another group's burden beside them (a post set up and plaqued: DUTY), which is a second burden
        (PLAIN, "各村要设立护河岗并挂牌，巡河照片每日上传镇河长工作群。", ["BR-DUTY-02", "BR-INS-05"]),
        # …and beside the assessment they feed (BR-INS-12, which INS-05 otherwise subsumes) the assessment stands for both
        (PLAIN, "各村保洁员每日将保洁照片上传镇环卫工作群，保洁情况纳入村级考核。", ["BR-INS-12"]),
        # (photos named before their daily upload were read before, session 17: that reading is kept — INS-05 subsumes INS-12)
        (PLAIN, "各学校要在校门口设立护学岗，执勤照片每日上传镇平安工作群，执勤情况纳入学校平安建设考评。", ["BR-INS-05"]),
        (PLAIN, "各村每日巡查河道，照片发至镇河长工作群，镇里每日通报未按时巡查的村。", ["BR-INS-04", "BR-INS-08"]),
        # photos through a named app stay the app's (BR-APP-04)
        (PLAIN, "各村须通过“平安乡村”APP拍照上传巡查照片。", ["BR-APP-04"]),
        (FIRE, "防火期内，包村干部每日巡山后在“林长通”APP上传巡山照片。", ["BR-APP-04"]),
        # a meeting's photos up a group are the meeting's record (BR-MTG-06), not a second finding
        (PLAIN, "会议结束后，各村须将会议照片和签到表上传至镇党建工作群。", ["BR-MTG-06"]),
    ],
)
def test_the_groups_own_acts_and_other_channels_keep_their_reading(title: str, sentence: str, expected: list[str]) -> None:
    assert rules_fired(title, sentence) == expected


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        # line 11's carve-outs: the monitors' own record, photos of the hazard, an incident governing the upload
        (FLOOD, "汛期内，群测群防员每日巡查隐患点，并将隐患点照片上传至镇防汛工作群。"),
        (FLOOD, "汛期内，群测群防员每日将隐患点照片上传至镇防汛工作群。"),
        (PLAIN, "汛期内，群测群防员每日将隐患点照片上传至镇防汛工作群。"),
        (FLOOD, "汛期内，地质灾害监测员每日巡查后将监测记录和现场照片上传镇防汛工作群。"),
        (FIRE, "各村护林员巡山时发现火险隐患，须拍照上传至镇防火工作群。"),
        (FIRE, "各村护林员要按划定线路每日巡山，发现火情立即拍照上传至镇防火工作群。"),
        # inside a declared response or 紧要期
        (FLOOD, "防汛Ⅳ级应急响应期间，各村包保干部巡堤时须拍照上传至镇防汛工作群。"),
        (DECLARED, "包村干部巡山时须拍照上传至镇防火微信群。"),
        # a group that only informs, a parents' group, residents' own free choice, a ban, a report by the public
        (PLAIN, "县教育局建立暑期防溺水工作群，用于发布预警信息和工作通知。"),
        (PLAIN, "各学校可将活动照片上传至学校家长群，供家长了解学生在校情况。"),
        (PLAIN, "居民可将垃圾分类照片发至社区微信群参与评选。"),
        (PLAIN, "严禁要求村干部拍照上传至工作群证明在岗。"),
        (PLAIN, "群众发现违法建设，可拍照上传至社区微信群反映。"),
    ],
)
def test_look_alikes_stay_none(title: str, sentence: str) -> None:
    assert rules_fired(title, sentence) == []


def test_blind30_b30026_reads_ins_alone() -> None:
    """The adjudicated clause (DATA_CARD.md "Adjudication (session 33)", B30026 and line 12): INS, no APP."""
    catalogue = load_catalogue()
    items = {i.id: i for i in load_split("blind30")}
    assert sorted(predict(items["B30026"], catalogue)) == ["BR-INS-04", "BR-INS-05"]
