"""Session 14 (branch review-dev14): readings widened for what a new writer's words do to the engine — general kinds
(rhythm words, bearer, evidence …), each with sentences written here, not any split's rows, and the look-alikes that
must stay silent. docs/review.md "Session 14 (branch review-dev14)"."""

import pytest

from jianfu.review.engine import review_text
from jianfu.review.engine.wording import normalise, widen

TITLE = "关于做好2027年重点工作的通知\n各乡镇人民政府，县直各部门：\n一、"


def fired(sentence: str) -> list[tuple[str, str]]:
    return sorted((f.rule_id, f.matched) for f in review_text(TITLE + sentence).findings)


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("各村每个月向镇政府报送工作台账。", ("各村每每月向镇政府报送工作台账。", [(2, 5)])),
        ("于星期五前报送", ("于星周五前报送", [(1, 3)])),
        ("每星期一上午", ("每每周一上午", [(0, 3)])),
        ("月月通报，周周调度", ("每月通报，每周调度", [(0, 2), (5, 7)])),
        ("上一个季度", ("上上上季度", [(0, 5)])),
        ("按旬上报", ("每旬上报", [(0, 2)])),
        # not rewritten: a period (周期), the 月 of a date, 每月月底 (每月 + 月底)
        ("每个周期结束后", ("每个周期结束后", [])),
        ("2025年5月月底前", ("2025年5月月底前", [])),
        ("每月月底前", ("每月月底前", [])),
    ],
)
def test_normalise_keeps_the_length_and_names_what_it_rewrote(sentence, expected):
    text, spans = normalise(sentence)
    assert (text, spans) == expected
    assert len(text) == len(sentence)


def test_widen_stretches_a_span_over_a_cut_variant():
    assert widen([(2, 5)], 3, 10) == (2, 10)
    assert widen([(2, 5)], 0, 4) == (0, 5)
    assert widen([(2, 5)], 5, 8) == (5, 8)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # rhythm words in the drafter's own variants read as the usual ones; the finding quotes the drafter's words
        ("各村每个月向镇政府报送一次工作进展情况。", [("BR-INS-08", "每个月向镇政府报送")]),
        ("各乡镇每一季度报送一次重点工作推进情况。", [("BR-INS-08", "每一季度报送")]),
        ("各乡镇每星期上报一次巡查情况。", [("BR-INS-08", "每星期上报")]),
        ("县督查室每个星期通报各乡镇工作进度。", [("BR-INS-04", "每个星期通报")]),
        ("县里月月通报各乡镇项目进度。", [("BR-INS-04", "月月通报")]),
        ("各乡镇按旬上报秸秆禁烧巡查情况。", [("BR-INS-08", "按旬上报")]),
        ("各村于每逢周一前将上个月工作台账报镇政府。",
         [("BR-INS-05", "每逢周一前将上个月工作台账"), ("BR-INS-08", "每逢周一前将上个月工作台账报镇")]),
        # look-alikes stay silent as their usual forms do
        ("每个周期结束后，项目单位向县财政局报送绩效自评报告。", []),
        ("县统计局每个月向县政府报告经济运行情况。", []),
        ("各村每个月不得重复报送同一数据。", []),
        ("2025年5月月底前完成全部验收。", []),
    ],
)
def test_rhythm_variants(sentence, expected):
    assert fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # evidence of work in other words: a 相片, a 截屏, 图文资料, a 工作照 read as the photo, screenshot, imagery
        ("各村每次入户走访都要留存相片备查。", [("BR-INS-05", "相片备查")]),
        ("各村每次入户走访都要留存工作照备查。", [("BR-INS-05", "工作照备查")]),
        # (session 16, review-read16: photos uploaded with no app, platform or group named are evidence, BR-INS-05)
        ("各村开展活动后须上传现场照，每次不少于5张。", [("BR-INS-05", "上传现场照")]),
        ("各村每次入户走访都要留存录像备查。", [("BR-INS-05", "录像备查")]),
        ("群内转发后须截屏留存，作为考核依据。", [("BR-APP-03", "转发后须截屏"), ("BR-INS-05", "截屏留存")]),
        ("各乡镇要收集整理图像资料，年底报县考核办。", [("BR-INS-05", "收集整理图像资料")]),
        # a photo the citizen hands in for an application, a 工作照片 already the usual word
        ("申请人须提交近期免冠相片两张。", []),
        ("各村每次入户走访都要留存工作照片备查。", [("BR-INS-05", "照片备查")]),
    ],
)
def test_evidence_variants(sentence, expected):
    assert fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # what a low place brings, in other words
        ("对排名后两位的乡镇，点名批评。", ["BR-INS-04"]),
        ("排名靠后的乡镇主要负责人要说明原因。", ["BR-INS-04"]),
        ("排名靠后的乡镇主要负责人要上台表态。", ["BR-INS-04"]),
        ("对排名后两位的乡镇，约见其主要负责人。", ["BR-INS-04"]),
        ("对排名后两位的乡镇挂牌督办。", ["BR-INS-04"]),
        ("排名末位的乡镇要作出书面检查。", ["BR-INS-04"]),
        # no rank before it: a meeting with petitioners, a reason given for a change
        ("县领导每月约见来访群众。", []),
        ("调整项目的，项目单位应说明原因。", []),
    ],
)
def test_consequence_variants(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # sent back up to a named upper office
        ("请各乡镇于每月5日前交回县委办。", ["BR-INS-08"]),
        ("各村每周五前将本周工作开展情况回传镇政府。", ["BR-INS-08"]),
        ("各村每周五前将本周工作开展情况提供给镇政府。", ["BR-INS-08"]),
        # to no office: a licence handed back, data returned to a system
        ("经营者停业的，应当每月将许可证交回。", []),
        ("各村每月将采集数据回传系统。", []),
    ],
)
def test_sent_back_up(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a strong negator the segmenter cut (不 / 应对) and a ban said with 绝不
        ("不应对各乡镇进行月度排名通报。", []),
        ("绝不要求各乡镇每月报送工作进展情况。", []),
        ("县直部门决不能要求村干部每天在APP上打卡签到。", []),
        # the demand itself stays
        ("县里每月对各乡镇进行排名通报。", ["BR-INS-04"]),
    ],
)
def test_negators(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the practice a sentence sets out to end: a problem to solve, a practice whose authors are sanctioned
        ("切实解决要求各乡镇每月报送工作进展情况的问题。", []),
        ("对违规要求各村上传工作照片的部门，严肃问责。", []),
        ("对擅自要求各村签订目标责任书的，予以通报批评。", []),
        # a problem solved beside a demand of its own; a sanction on localities by their rank
        ("各乡镇要切实解决群众反映的问题，每月报送解决进展。", ["BR-INS-08"]),
        ("对排名靠后的乡镇，予以通报批评。", ["BR-INS-04"]),
    ],
)
def test_practice_ended(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a probe of our own, written before dev4 and dev5 were read: laggards talked to, a low place said with 列,
        # rules put up on a wall, a uniform coat of paint
        ("对进度滞后的村，由镇党委书记进行约谈。", ["BR-INS-04"]),
        ("考核列后两位的乡镇，主要负责人作检讨。", ["BR-INS-04"]),
        ("各村要在村部墙上张贴各项工作制度。", ["BR-DUTY-02"]),
        ("各村临街房屋外墙统一刷白。", ["BR-VAN-01"]),
        # look-alikes: a project lagging (no locality), a house number's last digits
        ("对进度滞后的项目，县发改局加强调度。", []),
        ("各村登记农户身份证号后四位，用于发放补贴。", []),
    ],
)
def test_probe_families(sentence, expected):
    assert rules_fired(sentence) == expected
