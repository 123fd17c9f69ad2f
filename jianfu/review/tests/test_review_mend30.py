"""Session 30 (branch review-mend30): the emergency exemption does not cover the workers made to prove their presence — a
check-in in a work group or an app outside a declared period, photos sent up a group or an app each day or at each patrol
(context.presence_proof). A new user's 森林防火 notice had its work-group check-in counted as an exemption. Sentences
written here; docs/review.md "Session 30 (branch review-mend30)"."""

import pytest

from jianfu.review.engine import load_catalogue, review_text
from jianfu.review.engine.corpus import load_split
from jianfu.review.engine.evaluate import predict

# notices whose titles name the regime: the title alone exempted every hit before
FIRE = "关于做好秋冬季森林防火工作的通知\n各乡镇人民政府：\n一、"
FLOOD = "关于做好汛期防汛工作的通知\n各乡镇人民政府：\n一、"
DECLARED = "关于进入森林防火紧要期的通知\n各乡镇人民政府：\n一、"


def rules_fired(title: str, sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("title", "sentence", "expected"),
    [
        # a check-in in a work group or an app, through a fire or flood season at large
        (FIRE, "各村护林员巡山时要将现场照片发至镇护林工作群，并在群内签到。", ["BR-APP-06"]),
        (FIRE, "护林员每日在工作群内签到打卡。", ["BR-APP-06"]),
        (FIRE, "护林员每到一处巡护点，须在“林长通”小程序上签到。", ["BR-APP-02"]),
        (FIRE, "防火期内，卡点值守人员每天上午、下午各在“护林通”小程序签到一次。", ["BR-APP-02"]),
        (FLOOD, "汛期内，巡堤人员每次巡查后须在镇防汛工作群内打卡。", ["BR-APP-06"]),
        # photos of the patrol sent up a group or an app at each patrol or each day (the daily one was read before)
        # (session 34, review-left34: the session-33 adjudication's line 12 — a work group carrying only the photos is no
        # app's demand; line 11 — photos proving a patrol are evidence of work, INS, through a season at large: BR-INS-05)
        (FIRE, "包村干部巡山时须拍照上传至镇防火微信群。", ["BR-INS-05"]),
        (FIRE, "防火期内，包村干部每日巡山后在“林长通”APP上传巡山照片。", ["BR-APP-04"]),
    ],
)
def test_presence_proof_added_on_the_regime(title: str, sentence: str, expected: list[str]) -> None:
    assert rules_fired(title, sentence) == expected


@pytest.mark.parametrize(
    ("title", "sentence", "expected"),
    [
        # a daily situation report in a declared response, even through a work group
        (FLOOD, "防汛Ⅳ级应急响应期间，各村每日18时前在工作群报告水情、险情和转移安置人数。", []),
        # 24-hour duty in a declared warning period, its check-in with it
        (FIRE, "森林火险红色预警期间，各卡点实行24小时值守，值守人员每2小时在“护林通”小程序定位签到一次。", []),
        (FIRE, "防火期内，各乡镇实行24小时值班和领导带班制度，每日18时前向县森林防火指挥部报告值班情况。", []),
        # a check-in in a dated 紧要期, or in a notice whose title declares one
        (DECLARED, "护林员每日在工作群内签到打卡。", []),
        (FIRE, "紧要期（3月1日至4月30日）内，护林员每日通过巡护终端签到并记录巡山轨迹。", []),
        # the patrol itself; a photo of the fire found or of the hazard point watched is the regime's report
        (FIRE, "各村护林员每日巡山不少于一次。", []),
        (FIRE, "各村护林员要按划定线路每日巡山，发现火情立即拍照上传至镇防火工作群。", []),
        (FLOOD, "汛期内，群测群防员每日巡查隐患点，并将隐患点照片上传至镇防汛工作群。", []),
        # a meeting's paper sign-in sheet is no check-in
        (FIRE, "会议实行签到，签到表会后报县森林防火指挥部。", ["BR-MTG-06"]),
    ],
)
def test_regime_look_alikes_keep_their_reading(title: str, sentence: str, expected: list[str]) -> None:
    assert rules_fired(title, sentence) == expected


def test_written_clauses_gain_the_check_in() -> None:
    """The two written clauses whose rule sets changed (every other written and real clause identical): both gold APP."""
    catalogue = load_catalogue()
    items = {i.id: i for i in load_split("dev4") + load_split("blind13")}
    assert sorted(predict(items["D4017"], catalogue)) == ["BR-APP-02", "BR-INS-04"]
    assert sorted(predict(items["B13143"], catalogue)) == ["BR-APP-02"]


@pytest.mark.parametrize(
    ("title", "sentence", "expected"),
    [
        # fix-cr30: a clause saying what to do about a fire does not exempt the check-in or the photos before it
        # (session 34, review-left34: BR-INS-05, no APP — the session-33 adjudication's lines 11 and 12, as above)
        (FIRE, "包村干部巡山时须拍照上传至镇防火微信群，发现火情立即报告。", ["BR-INS-05"]),
        (FIRE, "护林员每日在工作群内签到打卡，发现火情立即报告。", ["BR-APP-06"]),
        (FLOOD, "汛期内，巡堤人员每次巡查后须在镇防汛工作群内打卡，发现险情立即报告。", ["BR-APP-06"]),
        # …nor do a fire season's own dates: a season at large is no declared period
        (FIRE, "护林员每日在工作群内签到打卡，10月1日至次年4月30日为防火期。", ["BR-APP-06"]),
        (FIRE, "10月1日至次年4月30日为防火期，护林员每日在工作群内签到打卡。", ["BR-APP-06"]),
    ],
)
def test_an_incident_elsewhere_or_a_seasons_dates_exempt_nothing(title: str, sentence: str, expected: list[str]) -> None:
    assert rules_fired(title, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # photos of the fire itself: the incident in their own segment, or as the bare condition right before them
        "护林员每日巡山，一旦发现火情立即拍照上传至镇防火工作群。",
        "护林员每日巡山，发现火情后，立即拍照上传至镇防火工作群。",
        "发现火情后，护林员立即在工作群内签到并赶赴现场。",
        # a check-in in a declared 紧要期, warning or response with its dates
        "3月1日至4月30日为森林防火紧要期，护林员每日在工作群内签到打卡。",
        "森林火险橙色预警（3月5日至3月10日）内，护林员每日在工作群内签到打卡。",
        "4月1日至4月5日启动森林防火应急响应，卡点值守人员每日在工作群内签到打卡。",
    ],
)
def test_the_fires_own_photos_and_a_declared_period_stay_exempt(sentence: str) -> None:
    assert rules_fired(FIRE, sentence) == []
