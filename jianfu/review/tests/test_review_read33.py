"""Session 33 (branch review-read33): blind30 read after its one blind run. General readings for the kinds of its errors,
each with short sentences written here (not the split's rows) and the look-alikes that must stay silent or keep their
finding. docs/review.md "Session 33 (branch review-read33)"."""

import pytest

from jianfu.review.engine import load_catalogue, review_text
from jianfu.review.engine.corpus import load_split
from jianfu.review.engine.evaluate import evaluate, predict

# a county body's notice to its townships in summer
TITLE = "关于做好夏季有关工作的通知\n各乡镇人民政府、街道办事处，县直各单位：\n一、"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


CASES = [
    # a demand made expressly outside a declared response is ordinary work; inside one it stays exempt
    ("登革热防控期间（非应急响应期），各村每日上报清理积水点数量，并附工作照片。", ["BR-INS-05", "BR-INS-08"]),
    ("登革热疫情应急响应期间，各村每日上报清理积水点数量。", []),
    # a 家长会 is the school's meeting, not the parents; parents' own duty stays theirs
    ("各学校召开家长会，家长会须全体家长到场签到，签到表和会议照片上传县教育局。", ["BR-MTG-06"]),
    ("家长须签订安全承诺书并于开学前交回学校。", []),
    # a standing sign named as where the photo is taken is no sign demanded; signs set up in every village are
    ("各村干部每周在辖区危桥警示牌前拍照，照片报乡镇备查。", ["BR-INS-05", "BR-INS-08"]),
    ("每个村在村委会门口统一设置防汛公示牌，并在公示牌前拍照上报乡镇。", ["BR-DUTY-02"]),
    # a rating named only as what the evidence is for is no campaign; a rating the clause runs is
    ("各村文化站每月上报活动照片，作为文化站星级评定的依据。", ["BR-INS-05", "BR-INS-08"]),
    ("县文旅局组织开展文化站星级评定，评定结果纳入乡镇年度考核。", ["BR-DEMO-02", "BR-INS-12"]),
    # shops checked by grid workers a department hands them to; a county body's inspection of the townships stays
    ("县市场监管局将食品安全检查交由各村网格员承担，网格员每月对辖区商铺检查一次。", ["BR-DUTY-01"]),
    ("县市场监管局每月对各乡镇食品安全工作开展一次检查。", ["BR-INS-10", "BR-INS-11"]),
    # the meeting's own screenshot is its evidence; a study-time screenshot is online engagement
    ("县里召开视频会议，各乡镇分会场须截图上传参会画面。", ["BR-MTG-06"]),
    ("各村干部每日学习后须截图上传学习时长。", ["BR-APP-03"]),
    # votes among nominated candidates are the appraisal's procedure; votes mobilised in an app are engagement
    ("县文明办开展“最美家庭”评选，由各社区推荐候选人后组织居民投票。", ["BR-DEMO-05"]),
    ("县文明办组织各村群众在“文明家园”小程序上为候选人投票，每人每天投票不少于1次。", ["BR-APP-03"]),
    # a party day held and its records sent up is MTG; the same records uploaded monthly to a platform are the app's
    ("各村党支部开展主题党日活动后，须于5日内将签到表、会议记录和活动照片报镇党委。", ["BR-MTG-06"]),
    ("各村党支部开展主题党日活动，须留存签到表、活动照片和会议记录，按月上传“智慧党建”平台。", ["BR-APP-04", "BR-INS-05"]),
    # the letters' 落实情况 counted in assessment is no account sent up; an account of the work by a date is
    ("各村须逐级签订《安全责任状》，签订情况于5月底前报乡镇，责任状落实情况纳入年度考核。", ["BR-INS-03", "BR-INS-12"]),
    ("各村于5月底前将安全生产工作落实情况报乡镇。", ["BR-DOC-02"]),
    # the approved comprehensive assessment restated with nothing added; points added beside it are read
    ("各乡镇禁毒工作纳入年度乡镇综合考核，按县考核办方案执行，不另行增加考核指标。", []),
    ("各乡镇禁毒工作纳入年度乡镇综合考核，另设禁毒专项加分，不另行增加考核指标。", ["BR-INS-12"]),
    # an appraisal run on a safety regime, its result counted in the regime's assessment; the regime's own assessment is not
    ("县安委办组织安全生产知识竞赛评比，评比结果纳入乡镇安全生产目标考核。", ["BR-DEMO-04", "BR-DEMO-05", "BR-INS-12"]),
    ("各乡镇安全生产工作纳入乡镇安全生产目标考核。", []),
    # townships told to hold a meeting to relay a speech; the issuer's own study is not
    ("请各乡镇党委召开党委会议传达学习县委全会上的讲话精神。", ["BR-MTG-03"]),
    ("县委理论学习中心组召开会议传达学习省委全会精神。", []),
    # the locality's cadres' reward lost for one incident there; the reward's payment is not
    ("发生森林火情的村，取消村干部当年绩效奖励。", ["BR-INS-02"]),
    ("村干部绩效奖励由乡镇统一发放。", []),
    # a county institution's own monitoring reported to its department; a township hospital's is a lower unit's
    ("县疾控中心每周开展一次病媒密度监测，监测结果报县卫健委。", []),
    ("各乡镇卫生院每周开展一次病媒密度监测，监测结果报县卫健委。", ["BR-INS-08"]),
    # teachers or village doctors sent to guard waters; a teacher's post at the school gate is the school's own
    ("县教育局安排教师暑期轮流到辖区山塘值守。", ["BR-DUTY-01"]),
    ("各学校安排教师在校门口轮流值守护学岗。", []),
    # each worker's uploads circulated are the app's; the villages circulated by them are INS
    ("各村网格员每日在“平安村”小程序上传巡查照片，乡镇每周通报各网格员上传情况。", ["BR-APP-04"]),
    ("各村网格员每日在“平安村”小程序上传巡查照片，乡镇每周通报各村上传情况。", ["BR-APP-04", "BR-INS-04"]),
    # the one post a national system sets, grounded there; the same post with no ground is read as a new post
    ("根据国家关于农村留守儿童关爱保护的部署，每个村委会明确1名儿童主任。", []),
    ("每个村委会明确1名儿童主任。", ["BR-DUTY-03"]),
    ("根据国家关于农村留守儿童关爱保护的部署，每个村委会配备2名专职儿童主任。", ["BR-DUTY-03"]),
    # localities circulated beside an app's check-in floor; the floor alone is the app's
    ("护林员须每日通过“巡林”APP定位打卡不少于3次，打卡不足的对所在村进行通报。", ["BR-APP-02", "BR-INS-16"]),
    ("护林员须每日通过“巡林”APP定位打卡不少于3次。", ["BR-APP-02"]),
    # the work's counts sent daily through a campaign; a declared response keeps its exemption
    ("消防安全大排查期间，各乡镇每日报送当日检查场所数和发现隐患数。", ["BR-INS-08"]),
    ("防汛应急响应期间，各乡镇每日报送当日巡查数量。", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_each_reading_beside_its_look_alike(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


def test_blind30_after_its_reading() -> None:
    """A development figure (read off its errors), not a blind one: the first run was 74/13/15 at group level
    (docs/review.md), 86/2/3 after the reading. Five clauses were left for adjudication, not bent to; session 33's
    adjudication (DATA_CARD.md, "Adjudication (session 33)") relabelled two toward the engine's reading — B30084 DEMO
    alone (a rating's own star plaques belong to it) and B30136 DOC + INS (a one-off half-year summary and a photo
    floor) — and kept three, which stay engine errors: B30002 and B30062 (a daily zero report or patrol photo demanded
    of every village through the 汛期 at large: INS, line 10 / 11) and B30026 (evidence photos in a work group: INS
    alone, no APP, line 12). Session 34 (review-read34) made the engine follow line 10: 89/1/0, B30026 left
    (test_blind31_read.py); review-left34 line 12: 89/0/0, no error left (test_review_left34.py)."""
    scores = evaluate(load_split("blind30"), load_catalogue())
    assert (sum(scores.tp.values()), sum(scores.fp.values()), sum(scores.fn.values())) == (89, 0, 0)
    assert sorted(item.id for item, _, _ in scores.errors) == []
    assert sum(scores.trap_fp.values()) == 0


def test_other_writers_clauses_of_the_same_kinds() -> None:
    """The readings reach three clauses of earlier writers, each toward its label: blind9 B9064 (the national 儿童主任
    post, 0), blind10 B10132 (votes among an appraisal's candidates, DEMO alone) and dev5 D5014 (village doctors sent to
    patrol the river: DUTY beside APP)."""
    catalogue = load_catalogue()
    items = {i.id: i for split in ("blind9", "blind10", "dev5") for i in load_split(split)}
    assert sorted(predict(items["B9064"], catalogue)) == []
    assert sorted(predict(items["B10132"], catalogue)) == ["BR-DEMO-05", "BR-DUTY-02"]
    assert sorted(predict(items["D5014"], catalogue)) == ["BR-APP-04", "BR-DUTY-01"]
