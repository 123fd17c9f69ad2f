"""Session 16 (branch review-read16): blind13 read after its one blind run. General readings for the kinds of its
errors, each with short sentences written here (not blind13's rows) and the look-alikes that must stay silent or
keep their finding. docs/review.md "Session 16 (branch review-read16): blind13 read after its one run"."""

import pytest

from jianfu.review.engine import review_text

# a county's notice to its townships
TITLE = "关于做好2028年下半年重点工作的通知\n各乡镇人民政府，县直各单位：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # beside an app's burden, localities ranked or circulated are a ranking of localities besides (BR-INS-04):
        # an average per village ranked, rates circulated village by village, the last places named 后N位
        (
            "各村干部每日通过“智慧村务”APP学习积分不少于20分，各村平均积分每月在全镇排名。",
            ["BR-APP-02", "BR-INS-04"],
        ),
        ("各村干部每日通过“智慧村务”APP学习积分不少于20分。", ["BR-APP-02"]),
        ("各村卫生室要推广医保电子凭证，激活率按村通报。", ["BR-APP-01", "BR-INS-04"]),
        ("各村卫生室要推广医保电子凭证，按村统计激活人数。", []),
        (
            "护林员要通过“智慧护林”APP上传巡山轨迹，县森防指每周通报各乡镇护林员在线时长，排名后三位的乡镇由分管领导约谈。",
            ["BR-APP-02", "BR-APP-04", "BR-INS-04"],
        ),
        (
            "护林员要通过“智慧护林”APP上传巡山轨迹，县森防指每周通报各乡镇护林员在线时长。",
            ["BR-APP-02", "BR-APP-04"],
        ),
        ("县委宣传部每周统计各乡镇在客户端的转发量，对排名后五位的乡镇通报。", ["BR-APP-03", "BR-INS-04"]),
        # the units that failed a demand circulated on a rhythm
        ("各村每日巡查河道，照片发至镇河长工作群，镇里每日通报未按时巡查的村。", ["BR-INS-04", "BR-INS-08"]),
        ("各村每日巡查河道，照片发至镇河长工作群。", ["BR-INS-08"]),
        # attendance at a meeting checked and circulated
        ("县农业农村局每月召开调度视频会，将随机抽点到会情况并通报。", ["BR-INS-04", "BR-MTG-05"]),
        ("县农业农村局每月召开调度视频会，会后通报会议精神。", ["BR-MTG-05"]),
    ],
)
def test_localities_ranked_beside_an_app(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a 打卡点 is a place; a check-in in an app still is one
        # (session 19, review-new19: the place built by every township for show is a vanity project, BR-VAN-01 — as the
        # writers label 每个乡镇至少打造1个网红打卡点; no app check-in still)
        ("各乡镇要在年底前建成1个以上网红打卡点，打卡点建设纳入年度考核。", ["BR-INS-12", "BR-VAN-01"]),
        ("村干部每日须在“村务通”APP定位打卡。", ["BR-APP-02"]),
        # an online-time quota in a named app, without the word 时长; time on duty is no app's
        ("网格员每日须在“平安网格”APP在线不少于5小时。", ["BR-APP-02"]),
        ("网格员每日在岗不少于5小时。", []),
    ],
)
def test_app_check_ins_and_online_time(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a meeting record listed first among an assessment's evidence is that evidence (BR-INS-05), not a meeting's
        ("各项考核指标均须提供会议记录、照片等佐证材料。", ["BR-INS-05"]),
        ("各村召开专题会议，会议记录、照片作为考核佐证。", ["BR-INS-06", "BR-MTG-06"]),
        # a meeting's sign-in sheet and photos sent after it are the meeting's record, not a reporting rhythm
        ("各乡镇召开推进会，会议签到表和会场照片于会后当日报县委办。", ["BR-MTG-06"]),
        ("各乡镇每日17时前报县委办秋收进度。", ["BR-INS-08"]),
        # the level's own whole-area meeting may ask the principals below to attend; a department's may not
        ("镇党委定于12月中旬召开全镇年终工作总结大会，各村党组织书记参加。", []),
        ("县农业农村局召开秋收调度会，请各乡镇党委书记参加。", ["BR-MTG-01"]),
    ],
)
def test_meetings(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 应急管理站 names a body, not an emergency; an acceptance's plaque is a 达标 appraisal
        (
            "各乡镇应急管理站要完成规范化建设，县应急管理局组织验收，对验收合格的授予“规范化应急管理站”牌子。",
            ["BR-DEMO-01"],
        ),
        ("县住建局组织竣工验收，验收合格后交付使用。", []),
        ("汛期各乡镇每日17时前报送雨情。", []),
        # a village's 防疫员 is a post; an epidemic still exempts
        ("村级防疫员每免疫一户须拍摄现场照片，照片按户整理成册。", ["BR-INS-05"]),
        ("疫情期间各村每日报送防疫情况。", []),
        # a flood season's duty and zero-report regime is emergency reporting; an ordinary monthly account is not
        ("主汛期内，各乡镇严格执行值班值守和零报告制度，每日17时前向县防指办报告雨情、水情。", []),
        ("各乡镇每月严格执行值班值守制度，每月5日前向县委办报告工作落实情况。", ["BR-INS-08"]),
    ],
)
def test_emergency_words(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a village's task tied to its cadres' pay, or pay docked per shortfall; an appraisal's result stays the appraisal's
        ("各村禁烧任务完成情况与村干部绩效报酬挂钩。", ["BR-INS-12"]),
        ("保洁率每低于目标1个百分点，扣减村党支部书记绩效报酬300元。", ["BR-INS-12"]),
        ("开展“星级文明户”评定，评定结果与村干部报酬挂钩。", ["BR-DEMO-02"]),
        # an assessment of a firm is no lower-level assessment
        ("县城管局每季度对保洁公司作业质量进行考核。", []),
        ("县城管局每季度对各乡镇环卫工作进行考核。", ["BR-INS-11"]),
        # 申报 applies for a title, it reports nothing up
        ("各乡镇每年申报县级卫生村不少于2个。", []),
        ("各乡镇每年12月底前报县农业农村局年度工作情况。", ["BR-INS-08"]),
    ],
)
def test_assessment_and_reports(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a photo quota, 图片 as 照片; an applicant's photo is no evidence of work
        ("各乡镇报送半年工作总结，同时报送工作亮点图片不少于10张。", ["BR-DOC-02", "BR-INS-05"]),
        ("申请人须提交近期免冠照片2张。", []),
        # photos uploaded with no channel named are evidence (BR-INS-05); through a named app they are the app's
        ("包保干部每次督导须上传现场照片不少于5张。", ["BR-INS-05"]),
        ("包保干部每次督导须通过“食安”APP上传现场照片。", ["BR-APP-04"]),
        ("村级路长每月巡路不少于4次并上传巡路照片。", ["BR-INS-05"]),
        # the central food-safety regime in its own words; a county body's checks of the townships' records under it
        ("各乡镇包保干部每季度对包保主体至少督导一次。", []),
        ("县市场监管局每季度对各乡镇包保干部的督导记录进行抽查，抽查结果在全县通报。", ["BR-INS-11"]),
    ],
)
def test_evidence_of_work(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a new body, post or plaque in every village is no safety regime's own duty; an operator's safety sign is
        # (session 35, review-read35: and their setting-up counted in the regime's assessment is added on it — INS beside the
        # station and the plaque, as blind13 B13029 is labelled [DUTY, INS]; the session-9 convention and BR-DUTY-02's own
        # 挂牌情况纳入考核)
        ("各村要设立安全生产监督站并悬挂标牌，站点建设情况纳入安全生产考核。", ["BR-DUTY-02", "BR-DUTY-03", "BR-INS-12"]),
        ("生产经营单位要落实安全生产责任制，在作业场所悬挂安全警示标牌。", []),
        # a sign at every village road, a wall board in every village; a site's own sign, a library's corridor
        ("各乡镇要在每条村道路口设置路长公示牌。", ["BR-DUTY-02"]),
        ("施工单位要在施工现场设置公示牌。", []),
        ("各乡镇要在每个村建设法治宣传文化墙。", ["BR-DUTY-02"]),
        ("县图书馆要建设阅读文化长廊。", []),
    ],
)
def test_bodies_and_boards_in_villages(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a summary made and its paper sent up; a project's summary report among acceptance papers is not
        ("各乡镇要对本年度禁毒工作进行全面总结，总结报告报县禁毒办。", ["BR-DOC-02"]),
        ("项目完成后，承担单位提交项目总结报告等验收材料。", []),
        # a target's breakdown table sent up by a deadline; a body's division of responsibilities is not
        ("各乡镇要将任务分解表于9月30日前报县医保局。", ["BR-DOC-03"]),
        ("《建议提案办理责任分解表》于2月28日前报送县政府办公室备案。", []),
    ],
)
def test_papers_sent_up(sentence, expected):
    assert rules_fired(sentence) == expected
