"""Session 17 (branch review-read17): blind14 read after its one blind run. General readings for the kinds of its
errors, each with short sentences written here (not blind14's rows) and the look-alikes that must stay silent or
keep their finding. docs/review.md "Session 17 (branch review-read17): blind14 read after its one run"."""

import pytest

from jianfu.review.engine import review_text

# a county's notice to its townships
TITLE = "关于做好2028年上半年群团工作的通知\n各乡镇人民政府，县直各单位：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # points docked in the localities' assessment with no figure named
        ("对验收不合格的乡镇，在年度综合考核中扣减相应分值。", ["BR-INS-12"]),
        ("年度综合考核的分值设置由县考核办统一确定。", []),
        # a task tied to the appraisal of advanced units (not an appraisal run: 开展情况 is no 开展…评选)
        ("各学校活动开展情况与年度先进集体评选挂钩。", ["BR-INS-12"]),
        ("县妇联组织开展“巾帼标兵”评选活动。", ["BR-DEMO-05"]),
        # a donation quota per person or passed down as a task; giving left free is none
        ("各乡镇干部每人捐款不少于200元。", ["BR-INS-14"]),
        ("县慈善总会向各乡镇下达募捐任务。", ["BR-INS-14"]),
        ("鼓励干部职工自愿参加慈善一日捐，捐款数额不限。", []),
        # a measured figure meeting its standard is no 达标 campaign; a creation's 达标 still is
        ("各村垃圾清运时长达标情况纳入乡镇年度考核。", ["BR-INS-12"]),
        ("“文明村”创建达标情况纳入乡镇年度考核。", ["BR-DEMO-04", "BR-INS-12"]),
    ],
)
def test_assessment_and_quotas(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a rate ranked on a rhythm ranks the units, beside the app's own burden
        ("各乡镇干部每日转发县融媒稿件并截图上传，转发率每周排名通报。", ["BR-APP-03", "BR-INS-04"]),
        ("各乡镇干部每日转发县融媒稿件并截图上传。", ["BR-APP-03"]),
        # every locality's rate circulated, no rhythm named; not when the circulation is ended or is praise
        ("县妇联通报各乡镇活动开展率。", ["BR-INS-04"]),
        ("县妇联不再通报各乡镇活动开展率。", []),
        ("县妇联通报表扬各乡镇活动开展率前三名的单位。", []),
    ],
)
def test_localities_compared(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a file per meeting kept for a 测评 to read; a register kept for the people it serves is none
        ("各学校每次家长会都要做到一会一档，迎接县教育局年终测评时查阅。", ["BR-INS-05"]),
        ("各村的土地承包合同实行一户一档，农户可随时查阅。", []),
        # what an appraisal's entrants hand in is the appraisal's file; a ledger kept for a check is evidence
        ("开展“最美乡村学校”评选，参评学校须提交工作台账和活动照片。", ["BR-DEMO-05"]),
        ("各学校须建立工作台账，留存活动照片，供县教育局年终考核查阅。", ["BR-INS-05"]),
        # photos and sign-in sheets up a work group on a rhythm are evidence; up a named app they are the app's
        ("各村党员活动照片和签到表于每月底前上传镇党建工作群。", ["BR-INS-05"]),
        ("各村党员活动照片于每月底前上传“智慧党建”APP。", ["BR-APP-04"]),
    ],
)
def test_evidence_of_work(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a star appraisal named in quotes; a count of starred places is none
        ("在全县开展“星级农家书屋”评定，乡镇自评后报县文旅局验收授牌。", ["BR-DEMO-02"]),
        ("全县现有星级农家书屋12家，均由县图书馆负责图书配送。", []),
        # yearly nominations passed up are the selection's steps; a quarterly report beside them is still a rhythm
        ("各村每年推荐不少于3户“文明家庭”，由村委会评议后逐级上报。", []),
        ("各村每年推荐2名致富带头人，每季度末将培训情况报镇党委。", ["BR-INS-08"]),
    ],
)
def test_appraisals(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a whole matter put on the community where it lies; not when powers and funds go with it
        ("小区内的垃圾分类督导和违规停车劝离统一由所在社区负责。", ["BR-DUTY-01"]),
        ("小区内的垃圾分类督导统一由所在社区负责，县城管局同步下放执法权和工作经费。", []),
        # the problem word after a demand made in between is part of the demand; a described problem stays described
        ("村内道路保洁和占道经营整治统一由所在村负责，村里要确保检查时问题清零。", ["BR-DUTY-01"]),
        ("县纪委监委将对整治形式主义情况开展专项监督，发现过度留痕等问题的严肃追责。", []),
        # public-service posters to a count in every village; the county's own posters on its roads
        ("各村要在村内主要道路设置移风易俗公益广告，每个村不少于8处。", ["BR-DUTY-02"]),
        ("县文明办在城区主干道设置公益广告，每条道路不少于20处。", []),
        # a station with a post staffed in every village; equipment alone is no post
        ("各村要建成“农技服务站”，配备电子屏和1名农技信息员。", ["BR-DUTY-03"]),
        ("各村要建成“农技服务站”，配备电子屏和必要的办公设备。", []),
        # an image sign or a themed landscape built for show; a traffic sign is none
        ("在县城南入口建设大型形象标识，配套打造主题景观。", ["BR-VAN-01"]),
        ("在县城南入口设置交通指示标识，方便群众出行。", []),
    ],
)
def test_duties_boards_and_show(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a registration rate needs an app named; volunteers enrolled are no app's users
        ("各乡镇要组织群众下载“平安乡村”APP，注册率达到80%以上。", ["BR-APP-01"]),
        ("各乡镇机关干部志愿者注册率须达到100%。", []),
        # a contest's plan sent up by a date; a plan the county body writes itself
        ("各乡镇于5月10日前报送竞赛方案。", ["BR-DOC-03"]),
        ("县总工会统一制定竞赛方案，各乡镇无需另行报送。", []),
        # what follows a comma after a submission is not what was sent; an account sent up still is
        ("会议记录和照片报县委宣传部备查，学习情况纳入年度考核。", ["BR-INS-12", "BR-MTG-06"]),
        ("会后一周内将传达学习情况报县委宣传部。", ["BR-DOC-02"]),
    ],
)
def test_apps_and_papers(sentence, expected):
    assert rules_fired(sentence) == expected
