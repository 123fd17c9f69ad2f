"""Session 25 (branch review-read22): blind22 read after its one blind run. General readings for the kinds of its errors,
each with short sentences written here (not the split's rows) and the look-alikes that must stay silent or keep their
finding. docs/review.md "Session 25 (branch review-read22): blind22 read after its one run"."""

import pytest

from jianfu.review.engine import load_catalogue, review_text
from jianfu.review.engine.corpus import load_split
from jianfu.review.engine.evaluate import evaluate

# a county body's notice to its townships
TITLE = "关于做好2029年财政和经济监督工作的通知\n各乡镇人民政府、街道办事处，县直各单位：\n一、"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a campaign's name for its office or its period is no verb: the problem word after it belongs to the demand
        ("县专项整治办对各乡镇安全隐患问题整改率实行季度排名，排名末位的乡镇由县政府约谈。", ["BR-INS-04"]),
        ("专项整治期间，各村每周向乡镇报送问题线索排查情况。", ["BR-INS-08"]),
        # …a problem the sentence sets out to solve is still described, not demanded
        ("开展专项治理，着力解决惠农补贴发放中存在的优亲厚友问题。", []),
        ("着力整治基层填表报数过多过滥问题。", []),
        # the localities below a measure — a rate held for months, a growth rate — talked to
        ("城乡居民参保率连续两个季度低于全县平均水平的乡镇，由县政府分管领导约谈乡镇主要负责同志。", ["BR-INS-04"]),
        ("工业增加值增速低于全县平均水平的乡镇，由县发改局约谈乡镇党委书记。", ["BR-INS-04"]),
        ("参保率低于全县平均水平的乡镇，县医保局派员上门指导。", []),
        # the localities circulated on a rhythm in a work group; a notice posted there is none
        ("各村矛盾纠纷排查进度每周在镇工作群内通报到村。", ["BR-INS-04"]),
        ("镇里每周在工作群内发布防汛安全提示。", []),
        # …and 通报到 holds no 报到: a check-in in the group stays the group's
        ("各村干部每日在镇工作群内报到打卡。", ["BR-APP-06"]),
    ],
)
def test_campaign_names_thresholds_and_circulation(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a law named without its book marks sets the duty; a county's own rules do not
        # (codereview25: the same sentence with the county's rules in its place fires, so the law is what silences it)
        ("各乡镇应当按照审计法规定的时限，将整改情况书面报告县财政局。", []),
        ("各乡镇应当按照预算法规定的时限，将整改情况书面报告县财政局。", []),
        ("各乡镇应当按照县里的办法规定的时限，将整改情况书面报告县财政局。", ["BR-DOC-02"]),
        # the measures for carrying something out written up and sent once, the deadline counted from the notice
        ("各村须于收到本通知后10日内，将落实河长制的具体措施形成书面报告报镇河长办。", ["BR-DOC-02"]),
        ("各村须于收到本通知后10日内，将落实河长制的具体措施在村务公开栏公布。", []),
        # the official's signature and stamp on a paper copy sent up belong to that copy; a certificate is a certificate
        ("各村将低保发放名册打印成册，经村党组织书记签字盖章，每月报送乡镇民政办。", ["BR-INS-08"]),
        ("申请人须持村委会主任签字盖章的家庭困难证明到乡镇办理。", ["BR-DUTY-04"]),
        # a county body's window in the townships staffed by its own staff; a post the township must fill is not that
        ("县人社局在各乡镇便民服务中心设立社保服务窗口，安排本局工作人员办理参保业务。", []),
        ("各乡镇便民服务中心设立社保服务窗口，配备2名专职人员。", ["BR-DUTY-03"]),
        # a collection put on the village cadres; the people paying themselves
        ("由村干部上门收取农户的水费现金，统一到县水务公司营业厅代为缴纳。", ["BR-DUTY-01"]),
        ("群众可通过手机银行或到乡镇营业厅自行缴纳水费。", []),
    ],
)
def test_statutes_accounts_stamps_stations_and_collections(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # photos sent up on a rhythm, named between 将 and the upload; through an app they are the app's
        ("各村卫生室每日将家庭医生签约随访照片上传乡镇卫生院。", ["BR-INS-05"]),
        ("各村卫生室每日通过“健康随访”APP将随访照片上传。", ["BR-APP-04"]),
        # a file that must hold the minutes, sign-in sheets and photos for a check; a register of the people served is not
        ("每项民生实事须建立工作档案，收录会议纪要、签到表和活动照片，供县里年终考核查阅。", ["BR-INS-05"]),
        ("各村建立低保对象档案，收录申请表、收入证明和家庭照片。", []),
        # papers and photos handed in before a task may be closed; an inspection on the spot is the closing itself
        ("问题整改后，各村还须提交整改报告、会议记录和现场照片，经乡镇验收后方可销号。", ["BR-INS-05"]),
        ("问题整改后，由乡镇组织实地验收，验收合格即予销号。", []),
        # an arch in an old style and a landscape stone built for show; an old arch repaired is upkeep
        ("在各村入口建设仿古牌楼和景观石，打造美丽乡村形象节点。", ["BR-VAN-01"]),
        ("对村内危旧牌坊进行加固修缮，消除安全隐患。", []),
    ],
)
def test_evidence_files_and_image_projects(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # codereview25 1: a county's own method ending in 法 is no law — the finding stays, as with 办法
        ("各村应当按照四议两公开工作法规定的程序，将整改情况书面报告县财政局。", ["BR-DOC-02"]),
        ("各村应当按照百分制计分法规定的标准，于每月5日前将考核情况书面报送县考核办。", ["BR-INS-08", "BR-INS-11"]),
        ("各村应当按照村级组织工作法规定的时限，每周向乡镇报送工作台账。", ["BR-INS-05", "BR-INS-08"]),
        # codereview25 3: a work group's news, the rain or a meeting's spirit is no circulation of localities, nor praise
        ("县防指每日在工作群内通报雨情水情。", []),
        ("每周在工作群内通报会议精神。", []),
        ("各乡镇每周在工作群内通报本乡镇工作动态。", []),
        ("镇党委每周在镇工作群内点评各村工作亮点。", []),
        ("每周在工作群内通报各乡镇排查进度。", ["BR-INS-04"]),
        # codereview25 4: the village's own collective money; a village-name stone at the entrance is a sign
        ("由村干部统一收缴村集体资金，存入农村集体资金专户。", []),
        ("在村口设置村名景观石。", []),
        ("各村要在村口设置景观石，标注村名。", []),
        # codereview25 5: 办事 after 整治 is the problem, not a campaign office
        ("着力整治办事难问题，各村每周向乡镇报送工作进展情况。", []),
        ("着力整治群众办事难问题，各村每周向乡镇报送工作进展情况。", []),
        # codereview25 7: photos named before the upload, no channel named — one finding, as with the upload first; a
        # building's completion report with its photos is acceptance
        ("每周将工作照片上传。", ["BR-INS-05"]),
        ("每周上传工作照片。", ["BR-INS-05"]),
        ("提交竣工报告和现场照片，经县住建局验收后方可销号。", []),
    ],
)
def test_codereview25_over_reach(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


def test_blind22_after_its_reading() -> None:
    """A development figure (read off its errors), not a blind one: the first run was 71/4/11 at group level
    (docs/review.md)."""
    scores = evaluate(load_split("blind22"), load_catalogue())
    assert (sum(scores.tp.values()), sum(scores.fp.values()), sum(scores.fn.values())) == (82, 0, 0)
    assert scores.errors == []
    assert sum(scores.trap_fp.values()) == 0
