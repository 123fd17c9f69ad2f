"""Session 19 (branch review-read19): blind16 and real_blind11 read after their one blind runs. General readings for the
kinds of their errors, each with short sentences written here (not the splits' rows) and the look-alikes that must stay
silent or keep their finding. docs/review.md "Session 19 (branch review-read19): blind16 read after its one run"."""

import pytest

from jianfu.review.engine import review_text

# a county's notice to its townships and departments
TITLE = "关于做好2028年冬春重点工作的通知\n各乡镇人民政府，县直各单位：\n一、"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # evidence counted as the measure of the work: credited, graded or fixed by the number of papers or photos
        ("县民政局按走访照片数量核定各村探访完成率。", ["BR-INS-05"]),
        ("年终以入户登记表份数核定网格员工作量。", ["BR-INS-05"]),
        ("县农业农村局年终按巡查记录份数和照片完整性评定各乡镇工作等次。", ["BR-INS-05"]),
        # the work itself counted is no evidence demand
        ("县民政局按实际探访人数核定各村探访完成率。", []),
        # a safety regime's inspection keeps its exemption; papers counted to grade the townships do not
        ("各乡镇安全生产检查每月不少于一次。", []),
        ("各乡镇每月开展一次安全生产检查，县应急管理局按检查记录份数评定乡镇等次。", ["BR-INS-05"]),
        # a photo of the visit itself demanded
        ("村干部每户走访后须拍摄入户照片。", ["BR-INS-05"]),
        ("帮扶干部每次须留存帮扶对象签字的回执和上门照片。", ["BR-INS-05"]),
        # visit photos uploaded through an app are the app's (BR-APP-04)
        ("网格员每次入户须通过“平安通”小程序上传入户照片。", ["BR-APP-04"]),
        ("村干部要对独居老人逐户上门走访。", []),
        # a nomination's file (事迹介绍 with photos) is the selection's, no evidence of work
        ("各村推荐对象须附事迹介绍和生活照片。", []),
    ],
)
def test_evidence_counted_and_visit_photos(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a resident's or villager's own signature on a form is no village certificate
        ("医生随访须请居民在随访表上签字。", []),
        ("签约服务协议须由村民签字确认。", []),
        # a village body certifying stays
        ("办理低保须由村委会出具家庭收入证明。", ["BR-DUTY-04"]),
        ("申请人须提供居委会盖章的居住证明。", ["BR-DUTY-04"]),
    ],
)
def test_resident_signatures(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an assessment naming the township assessed falls on it, whatever person is named before
        ("各乡镇要逐户核对参保信息，未参保人员须说明原因，核对结果纳入乡镇考核。", ["BR-INS-12"]),
        # a bonus set apart beside the merge into the comprehensive assessment
        ("各项工作统一纳入年度综合考核，另设“冬季攻坚”专项加分。", ["BR-INS-12"]),
        ("各项工作统一纳入年度综合考核，完成率排全县前三的加1分。", ["BR-INS-12"]),
        # the merge alone, or with a ranking waived, is the rule's own remedy
        ("各项工作统一纳入年度综合考核，不再单独考核。", []),
        ("相关内容统一纳入县委对乡镇的年度综合考核，不再单独考核、排名。", []),
        # points docked from a locality's assessment score with no figure
        ("未按要求召开会议的村，按次扣减乡镇工作考核分。", ["BR-INS-12"]),
    ],
)
def test_assessments(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the issuer's own cadres assigned localities to keep in touch with, visiting and writing their own report
        ("县农业农村局机关干部每人联系1至2个乡镇，每季度到联系乡镇了解工作情况，形成的调研报告报局党组。", []),
        # a per-person quota on the grassroots stays
        ("村干部每人包户不少于20户。", ["BR-INS-14"]),
        ("各乡镇每季度将工作情况报县农业农村局。", ["BR-INS-08"]),
        # a bureau's annual review of the heads it appoints is cadre management
        ("县卫健局对所属各卫生院院长实行年度述职评议，结果作为院长年度考核的依据。", []),
        # ranked or circulated, or the units themselves assessed, it stays
        ("县卫健局对所属各卫生院院长实行年度考核，考核结果全县排名通报。", ["BR-INS-04"]),
    ],
)
def test_own_cadres(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # households' titles in quotes before their selection, run through the villages
        ("县妇联组织“和美之家”“好婆媳户”评选，由各村按名额推荐。", ["BR-DEMO-05"]),
        # a star title stays BR-DEMO-02's
        ("各村开展“十星级文明户”评定。", ["BR-DEMO-02"]),
        # a title without a selection is none
        ("为军属家庭悬挂“光荣之家”。", []),
        # costs shared out for a works are the project's, no festival's levy
        ("县城入口建设景观雕塑，所需资金由各乡镇分摊。", ["BR-VAN-01"]),
        # a festival's costs shared out stay
        ("冬季旅游节所需经费由各乡镇按比例分摊。", ["BR-DEMO-06"]),
    ],
)
def test_appraisals_and_levies(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a duty moved from its former bearer down to the villages
        ("农村饮水水质巡查原由县水务局负责，今年起改由各村网格员开展。", ["BR-DUTY-01"]),
        # a regulator's household inspection put on the village cadres, every household by a date
        ("村（社区）干部要在11月底前对辖区所有出租房逐户上门检查，做到全覆盖。", ["BR-DUTY-01"]),
        # cadres visiting households to tell them something are no inspection handed down
        ("村（社区）干部要在11月底前对辖区农户逐户上门宣传，做到全覆盖。", []),
        # the county body doing its own inspection
        ("县住建局要在11月底前对辖区所有出租房逐户上门检查，做到全覆盖。", []),
    ],
)
def test_duties_moved_down(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an online contest's participation rate set as a floor
        ("各学校组织学生参加网上安全知识竞赛，参赛率不低于90%。", ["BR-APP-03"]),
        ("鼓励学生参加网上安全知识竞赛。", []),
        # a photo quota said before the item, on top of a fire-season check-in
        ("防火期内，村干部巡山须在“林长通”APP打卡并上传2张以上带定位的现场照片。", ["BR-APP-02", "BR-APP-04"]),
        # an app's own measure in each cadre's monthly score is the app's alone
        ("村干部须安装“护林通”APP，巡山轨迹里程作为村干部月度考评依据。", ["BR-APP-01"]),
        # the villages ranked by it add INS
        ("村干部须安装“护林通”APP，巡山轨迹里程按乡镇每月排名通报。", ["BR-APP-01", "BR-INS-04"]),
    ],
)
def test_apps(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a roster sent up every week is a progress report; a register updated and sent up is none
        ("各村建立返乡人员花名册，花名册每周更新一次报乡政府。", ["BR-INS-08"]),
        ("各村建立返乡人员花名册，花名册有变动的及时更新后报乡政府。", []),
        # 报乡政府 as 报镇
        ("各村每周将工作进展报乡政府。", ["BR-INS-08"]),
    ],
)
def test_rosters(sentence, expected):
    assert rules_fired(sentence) == expected


CENTRAL_TITLE = "关于印发《某项激励暂行办法》的通知\n各省、自治区、直辖市财政厅（局）：\n一、"
PROVINCIAL_TITLE = "某省节能条例\n第一条"


@pytest.mark.parametrize(
    ("sentence", "title", "expected"),
    [
        # a central text's demand on the provinces' own departments, reporting to the ministries
        ("地方省级财政部门，负责对本省实施情况进行总结，并于3月底前将总结报告报送财政部。", CENTRAL_TITLE, []),
        # the counties' departments reporting to the province stay
        ("各县（市、区）财政部门，负责对本地实施情况进行总结，并于3月底前将总结报告报送省财政厅。", CENTRAL_TITLE, ["BR-DOC-02"]),
        # the energy-saving target-responsibility regime of the Energy Conservation Law restated
        ("县级以上人民政府应当建立节能目标责任制，将节能完成情况作为领导干部综合考核评价的重要内容。", PROVINCIAL_TITLE, []),
    ],
)
def test_upper_levels_and_regimes(sentence, title, expected):
    assert rules_fired(sentence, title) == expected


REGULATION_TITLE = "某省人口与计划生育管理规定\n第一条"


@pytest.mark.parametrize(
    ("sentence", "title", "expected"),
    [
        # 计划生育 is family planning, no approved plan: a government's assessment of its lower governments stays
        ("各级人民政府应当将该项工作纳入人口与计划生育目标管理责任制，并对下级人民政府实施本规定的情况进行考核。",
         REGULATION_TITLE, ["BR-INS-18"]),
        # an assessment put on the approved annual plan keeps its exemption
        ("县人民政府对下级人民政府实施本规定的情况进行考核，已纳入年度督查检查考核计划。", TITLE, []),
        # the village committee's certificate named without a verb of issuing
        ("个人出售旧农机具，必须出示所在地村民（居民）委员会的证明。", TITLE, ["BR-DUTY-04"]),
        ("办理迁移须提供村民委员会的证明材料。", TITLE, ["BR-DUTY-04"]),
        ("不得要求群众提供村民委员会的证明。", TITLE, []),
    ],
)
def test_sixth_labellers_readings(sentence, title, expected):
    assert rules_fired(sentence, title) == expected
