"""Session 15 (branch review-dev15): dev6 (an outside writer's urban street office) read after its first run, and the
leftovers of newuser14's N09. General readings for the kinds of its errors, each with short sentences written here (not
dev6's rows) and the look-alikes that must stay as they were. docs/review.md "Session 15 (branch review-dev15)"."""

import pytest

from jianfu.review.engine import review_text
from jianfu.review.engine.corpus import load_split
from jianfu.review.engine.evaluate import evaluate
from jianfu.review.engine.matcher import match_clause
from jianfu.review.engine.rules import load_catalogue
from jianfu.review.engine.structure import Clause

CATALOGUE = load_catalogue()


def rules_fired(sentence: str, issuer: str = "unknown") -> list[str]:
    clause = Clause(index=0, text=sentence, number="", level=None, heading_path=[], paragraph_index=0, page=None,
                    start=0)
    return sorted(f.rule_id for f in match_clause(clause, CATALOGUE.clause_rules, issuer=issuer).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the urban grassroots: a street office sits where a township does (报街道… is 报镇…), a bureau named by its word
        ("各社区每周五下班前将垃圾分类督导员在岗情况报街道城管科。", ["BR-INS-08", "BR-INS-11"]),
        ("各村每月10日前将护林员巡护记录汇总报局林政股。", ["BR-INS-08"]),
        ("市公安局情报局负责汇总分析各类线索。", []),
        # a form set up outside the statistics system is not exempt by the system's name; one under it stays exempt
        ("在统计报表制度以外，县农业农村局另行制作季报表，要求各乡镇每季度末报送农机作业面积。", ["BR-INS-08"]),
        ("各乡镇按照统计报表制度每月报送农产品产量。", []),
        # the stamp on a unit's own report is the report's (newuser14 N09 (b)); a certificate stays BR-DUTY-04
        ("各村每月将低保动态台账经村、乡两级盖章后报县民政局。", ["BR-INS-08"]),
        ("办理独生子女证须由居委会出具证明并盖章。", ["BR-DUTY-04"]),
    ],
)
def test_sent_up_in_urban_words_and_outside_the_system(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a district's or city's own body reporting to its own level, as a county body's (session 11)
        ("市城管局每半年向市政府报告数字城管运行情况。", []),
        ("县城管局每半年向县政府报告数字城管运行情况。", []),
        # ... unless it has the street offices report
        ("区住建局组织各街道每季度向区政府汇报老旧小区改造进度。", ["BR-INS-08"]),
        # the upper body hearing reports when it sees fit; on a rhythm with papers it is a demand
        ("县政府将视情听取各乡镇工作推进情况汇报。", []),
        ("县政府每季度听取各乡镇工作推进情况汇报，各乡镇提前准备书面材料。", ["BR-INS-08"]),
        # townships with the departments, each taking up its own principal responsibility; 属地 still pushes down
        ("各乡镇、各有关部门要切实扛起主体责任，形成工作合力。", []),
        ("各乡镇要落实属地管理责任，抓好秸秆禁烧。", ["BR-DUTY-01"]),
        # an inspection the sentence puts in the plan or sets limits on; a new one, or one with a rhythm, stays
        ("确需开展的专项督查，须列入年度督查检查计划。", []),
        ("县林业局将对各乡镇开展专项检查。", ["BR-INS-10"]),
        ("对乡镇开展的专项督查，一律实行清单式反馈，不得要求乡镇提供汇报材料。", []),
        ("对乡镇开展的专项督查，每季度通报一次结果，不得要求乡镇提供汇报材料。", ["BR-INS-04", "BR-INS-08", "BR-INS-10"]),
        # the level's own leadership meeting; a meeting put on the townships stays
        ("县政府常务会议原则上每月召开一次，议题由县政府办公室汇总。", []),
        ("各乡镇每月召开一次安全生产工作例会。", ["BR-MTG-05"]),
        # a body's own staff meeting; the townships told to hold one stay
        ("区政府办公室每周一召开机关干部例会。", []),
        ("各乡镇每周一召开机关干部例会。", ["BR-MTG-05"]),
    ],
)
def test_own_level_and_generic_phrases(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a township's own weekly meeting, the villages named only to be left out; villages made to attend stay
        ("镇机关每周五下午召开干部例会，各科室汇报本周工作，各村书记不参加。", []),
        ("镇机关每周五下午召开干部例会，各村书记列席并汇报本周工作。", ["BR-INS-08", "BR-MTG-02", "BR-MTG-05"]),
    ],
)
def test_a_unit_left_out_bears_nothing(sentence, expected):
    assert rules_fired(sentence, issuer="township") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # newuser14 N09 (d): the last places with the consequence further on, and named by their count
        ("对排名后两位的村，由村党组织书记在全镇大会上作出说明。", ["BR-INS-04"]),
        ("对排名后三位的乡镇，由其主要负责同志在全县大会上作表态发言。", ["BR-INS-04"]),
        ("每季度通报学习积分后5名的学校。", ["BR-APP-02", "BR-INS-04"]),
        ("表彰排名前三位的村。", []),
        # assessment points named after the assessment, and a deduction per shortfall; a contest's points are not
        ("乡镇年度考核中，“河长制”“林长制”两项指标各占5分。", ["BR-INS-12"]),
        ("村级年度考评中，集体经济收入每低于目标1万元扣0.5分。", ["BR-INS-12"]),
        ("本次技能竞赛中，理论和实操两项各占50分。", []),
    ],
)
def test_rankings_and_points(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 寻访 is a 最美 selection's word; a 寻访 of red sites is a party activity
        ("开展“最美庭院”寻访活动，每村推荐3户。", ["BR-DEMO-05"]),
        ("开展红色足迹寻访活动，组织党员参观革命旧址。", []),
        # nominees put forward with their file are the selection's step, not a reporting rhythm
        ("各村每季度推荐1名候选人并提交事迹材料，参加“十佳好婆婆”评选。", ["BR-DEMO-05"]),
        ("各村每季度报送人居环境整治进展。", ["BR-INS-08"]),
        # a meeting's screenshot is the meeting's evidence; a forwarding screenshot stays the app's
        ("各村召开视频会议传达精神，会场截图当晚发至镇党建办。", ["BR-MTG-06"]),
        ("各村转发宣传文章后截图发至镇宣传办。", ["BR-APP-03"]),
        # an app's install screenshot is the quota's own proof; photos and ledgers beside it are evidence
        ("各村组织群众下载“平安乡村”APP并截图留存。", ["BR-APP-01", "BR-APP-03"]),
        ("各村组织群众下载“平安乡村”APP，并留存入户照片和登记台账。", ["BR-APP-01", "BR-INS-05"]),
        # a quota on the count of registrations; volunteers registered are no app
        ("每个村“平安乡村”APP注册用户数年底前达到500户。", ["BR-APP-01"]),
        ("全县登记注册志愿者人数达到3000人。", []),
        # photos up a work group, the group named first: evidence; up an app: the app's
        ("各村每天在工作群上传保洁照片。", ["BR-INS-05"]),
        ("各村每天通过“美丽乡村”APP上传保洁照片。", ["BR-APP-04"]),
    ],
)
def test_selections_screenshots_and_apps(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a screen wall and a site built for leaders' visits; a self-service terminal is service
        ("在镇便民服务中心安装整面墙的拼接大屏，作为迎检展示点位。", ["BR-VAN-03"]),
        ("将该村打造成上级领导调研的观摩点。", ["BR-VAN-03"]),
        ("在便民服务中心设置自助服务终端，方便群众办事。", []),
        # a house's number plate and a notice on the existing board; plates and boards made stay BR-DUTY-02
        ("各村将新增出租户的门牌号和承租人信息登记造册。", []),
        ("县医院巡回义诊安排在村务公示栏张贴。", []),
        ("各村统一制作门牌并设置公示栏。", ["BR-DUTY-02"]),
        # a regulator's supervision put on the township; help given is not
        ("农贸市场食品安全监管由所在乡镇负责。", ["BR-DUTY-01"]),
        ("农贸市场食品安全监管由县市场监管局负责，乡镇予以配合。", []),
        ("渣土运输执法监管由各街道承担，同步下放执法权并划转编制。", []),
        # a dedicated post in each village; a county body's own post is not
        ("各村设立“防返贫专员”岗位。", ["BR-DUTY-03"]),
        ("县人社局设立就业服务专员岗位。", []),
    ],
)
def test_display_plaques_and_duties(sentence, expected):
    assert rules_fired(sentence) == expected


def test_a_campaign_named_again_is_listed_once():
    """newuser14 N09: 百日攻坚 named in three clauses was listed as three findings of one campaign."""
    text = ("关于开展背街小巷整治百日攻坚行动的通知\n一、开展背街小巷“百日攻坚”行动。\n"
            "二、百日攻坚期间，各社区每日报送进度。\n三、百日攻坚结束后开展评比。")
    findings = [(f.rule_id, f.matched) for f in review_text(text).findings]
    assert findings == [("BR-VAN-04", "百日攻坚"), ("BR-INS-08", "每日报送"), ("BR-DEMO-05", "开展评比")]


def test_two_campaigns_are_two_findings():
    text = "关于秋冬季重点工作的通知\n一、开展百日攻坚行动。\n二、开展百日会战。"
    assert [(f.rule_id, f.matched) for f in review_text(text).findings] == [("BR-VAN-04", "百日攻坚"),
                                                                          ("BR-VAN-04", "百日会战")]


def test_dev6_figures_after_its_read():
    """Pinned (session 15): dev6's first run was 73/15/14 at group level (0.830 / 0.839, the lead's
    /work/notes/review-dev6-first.txt); after the readings above 85/1/2 — a development figure, read off its errors.
    The three left (D6022, D6119, D6129) are listed in docs/review.md; a change to this pin says which moved and why.
    Session 32 (review-mend32): D6129's APP is read (a track with a mileage floor through the 防火期 at large, the
    adjudicated line 3 / 9): 86/1/1."""
    scores = evaluate(load_split("dev6"), CATALOGUE)
    assert (sum(scores.tp.values()), sum(scores.fp.values()), sum(scores.fn.values())) == (86, 1, 1)
