"""Session 31 (branch review-read31): blind28 read after its one blind run. General readings for the kinds of its errors,
each with short sentences written here (not the split's rows) and the look-alikes that must stay silent or keep their
finding. docs/review.md "Session 31 (review-read31)"."""

import pytest

from jianfu.review.engine import load_catalogue, review_text
from jianfu.review.engine.corpus import load_split
from jianfu.review.engine.evaluate import evaluate

# a county body's notice to its townships
TITLE = "关于进一步规范督查检查考核工作的通知\n各乡镇人民政府、街道办事处，县直各单位：\n一、"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the problems an inspection finds, named as a noun, are the topic of a ranking; a self-check told as an event and
        # rectified stays described
        ("作风督查中发现的脱岗、空岗等问题，按乡镇汇总后每月排名通报。", ["BR-INS-04"]),
        ("经自查发现部分村存在重复填报问题，现已整改到位。", []),
        # a circulation form named before a comma does not make the sanction that follows a described case
        ("暗访结果以督查通报形式印发，对问题突出的村予以通报批评。", ["BR-INS-16"]),
        ("县委办印发督查通报，通报典型问题。", []),
        # 要 before materials is "to ask for": a past year's figures and a practice curbed; 要 as a modal stays a demand
        ("2030年，全县共开展专项检查3次，向村里要材料的现象明显减少。", []),
        ("2030年，全县共开展专项检查3次，各乡镇要材料齐全。", ["BR-INS-10"]),
        # an upper document quoted at the head of the sentence; the county's own instrument named by its place is its demand
        ("《关于加强村级组织规范化建设的意见》明确，村级组织挂牌实行清单管理。", []),
        ("《县村级组织考核办法》明确，各村每月报送工作台账。", ["BR-INS-05", "BR-INS-08"]),
    ],
)
def test_descriptions_retrospectives_and_quotations(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the township's principals named by their posts accompanying the team; a negation, or residents accompanied, not
        ("乡镇党委书记和乡镇长要全程陪同县考核组开展实地考核。", ["BR-INS-09"]),
        ("督查组不要求乡镇党委书记全程陪同督查组。", []),
        ("乡镇长陪同群众代表察看项目现场。", []),
        # a group photo with the household kept as proof, its modal in an earlier segment; a souvenir photo is none
        ("入户走访时，包村干部须填写走访表，并与户主合影留存。", ["BR-INS-05"]),
        ("活动结束后，参加活动的群众可与志愿者合影留念。", []),
        # ledgers boxed and covered for the inspectors; an archive's own boxing is its keeping
        ("各村迎检台账须统一装盒、统一封面，检查组到村时集中查阅。", ["BR-INS-05"]),
        ("村档案室的文书档案按年度分类装盒保管。", []),
        # a self-assessment report for an evaluation is its material; a self-check reported by a date stays an account
        ("县考核办对各乡镇工作落实情况实行季度评估，各乡镇须提交自评报告和佐证材料。", ["BR-INS-05"]),
        ("各乡镇须于5月底前将自查情况报告报送县减负办。", ["BR-DOC-02"]),
        # a plan sent up within days of a hand-over; a list of names sent up is no plan
        ("各乡镇须在交办后5个工作日内报送整改方案。", ["BR-DOC-03"]),
        ("各乡镇收到通知后5个工作日内报送参会人员名单。", []),
    ],
)
def test_inspection_material_photos_and_plans(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a meeting's photos sent up after the verb; listed among a ledger's papers they are the work's evidence
        ("各村召开传达会议后，当天报送会议照片。", ["BR-INS-08", "BR-MTG-06"]),
        ("各村按月报送工作台账、会议照片、宣传稿件等资料。", ["BR-INS-05", "BR-INS-08"]),
        # a meeting record listed with the work's own photos as the evidence of an item; a meeting's photo alone is MTG
        ("每项工作须提供会议记录、现场照片和工作总结三项佐证。", ["BR-INS-05"]),
        ("村“两委”会议须拍照留存。", ["BR-MTG-06"]),
        # a supervisor's attendance photo at a meeting others hold is the supervision's evidence
        ("乡纪委委员列席村“两委”会议须拍照留存。", ["BR-INS-05"]),
        # a named county body's own weekly meeting; the townships' staff made to attend it are read
        ("县信访局每周召开业务例会，研究群众来信办理中的具体问题。", []),
        ("县信访局每周召开业务例会，各乡镇信访专干参加。", ["BR-MTG-05"]),
    ],
)
def test_meetings(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a department's problems put on the township of the place to rectify, or with liability for the rectification;
        # the township's own problems rectified by itself are none
        ("检查发现的涉及县直部门监管职责的问题，由属地乡镇牵头整改。", ["BR-DUTY-01"]),
        ("环境问题由属地乡镇负责整改，并承担整改不到位的责任。", ["BR-DUTY-01"]),
        ("乡镇自身存在的问题，由属地乡镇牵头整改。", []),
        # door-to-door checks of workshops by village cadres are the duty handed down, no inspection; the county's monthly
        # inspection of the townships' ledgers is one
        ("食品小作坊整治由属地乡镇负总责，乡镇须组织村干部每月上门检查一遍。", ["BR-DUTY-01"]),
        ("县市场监管局每月上门检查一遍各乡镇食品小作坊监管台账。", ["BR-INS-10", "BR-INS-11"]),
        # a named post every village must fill; a cadre put to a task with no post named
        ("各村确定1名“信息联络员”，负责日常信息报送。", ["BR-DUTY-03"]),
        ("各村确定1名村干部负责日常信息报送。", []),
    ],
)
def test_duties_handed_down_and_posts(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the audited unit's one rectification report as the audit law sets it; a weekly progress report with photos is added
        ("被审计单位应当在规定期限内将整改情况书面报告审计机关。", []),
        ("被巡察党组织每周报送整改进度并附照片。", ["BR-INS-05", "BR-INS-08"]),
        # the commission's stationed groups reporting to it; the townships' commissions on a rhythm are read
        ("县纪委监委各派驻纪检组每半年向县纪委监委汇报一次工作。", []),
        ("各乡镇纪委每季度向县纪委监委报告一次监督工作情况。", ["BR-INS-08"]),
        # a county body's own window staff tied to their pay; the townships' service-centre staff are read
        ("县行政审批局对窗口工作人员实行考勤打卡，考勤结果与绩效奖励挂钩。", []),
        ("县行政审批局对各乡镇便民服务中心工作人员实行考勤打卡，考勤结果与绩效奖励挂钩。", ["BR-INS-12"]),
    ],
)
def test_statutory_and_internal(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


def test_blind28_after_its_reading() -> None:
    """A development figure (read off its errors), not a blind one: the first run was 76/13/9 at group level
    (docs/review.md); every error was read and none is left."""
    scores = evaluate(load_split("blind28"), load_catalogue())
    assert (sum(scores.tp.values()), sum(scores.fp.values()), sum(scores.fn.values())) == (85, 0, 0)
    assert scores.errors == []
    assert sum(scores.trap_fp.values()) == 0
