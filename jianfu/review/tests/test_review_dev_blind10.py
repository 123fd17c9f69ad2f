"""Session 13 (branch review-dev13): blind10 read after its one run. General readings for the kinds of its errors, each
with sentences written here (not blind10's rows) and the look-alikes that must stay silent. docs/review.md
"Session 13 (branch review-dev13): blind10 read"."""

import pytest

from jianfu.review.engine import review_text

TITLE = "关于做好2027年重点工作的通知\n各乡镇人民政府，县直各部门：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (b) 无需/无须 negate what follows them (they are strong negators; the scope had never been read)
        ("本次业务培训通过线上平台进行，参训人员无需打卡签到。", []),
        ("全县乡村振兴专题培训采取线上方式，学员无须打卡，也不统计在线时长。", []),
        # a check-in demanded stays a finding
        ("参训人员每天须在平台打卡，学习时长纳入年度考核。", ["BR-APP-02", "BR-APP-03", "BR-INS-12"]),
    ],
)
def test_no_need_negates(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (b) the statutory safety and fire responsibility letters with 目标 between are the statutory regime
        ("县应急管理局与各乡镇签订年度安全生产目标责任书。", []),
        ("县消防救援大队与各乡镇签订消防安全目标责任状。", []),
        # a target letter outside a statutory regime stays a finding
        ("县教育局与各学校签订控辍保学目标责任书。", ["BR-INS-03"]),
    ],
)
def test_statutory_target_letters(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (d) a lead time (会前2天, 提前3天) is not the length of a meeting
        ("会议议程会前2天在县政府网站公布，请参会人员自行下载。", []),
        ("报名材料请提前3天报至会务组。", []),
        ("会议时间2天，请各乡镇分管领导参加。", ["BR-MTG-04"]),
    ],
)
def test_a_lead_time_is_no_length(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (b) a meeting of named county bodies only is the county's own coordination
        ("由县农业农村局牵头，县财政局、县水利局参加，每季度召开一次高标准农田建设协调会议。", []),
        # with the townships attending it is a meeting put on them
        ("由县农业农村局牵头，县财政局和各乡镇分管领导参加，每月召开一次推进会议。", ["BR-MTG-05"]),
    ],
)
def test_a_meeting_of_county_bodies_only(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (d) a county body's own station in the townships, staffed by those it sends down, is support sent down
        ("县人民检察院在各乡镇设立检察联络站，由检察院选派检察官定期驻站。", []),
        # a station the townships must set up and staff stays a finding
        ("各乡镇要设立矛盾纠纷调解工作站，配备专职调解员2名。", ["BR-DUTY-03"]),
    ],
)
def test_a_station_sent_down(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (b) only the statutory plaques hung, the rest forbidden: the reduction itself
        ("各村统一悬挂村党组织、村民委员会等法定牌子，其余牌子一律不得挂在外墙。", []),
        ("各村须在村部悬挂“平安创建示范村”牌子。", ["BR-DEMO-01", "BR-DUTY-02"]),
    ],
)
def test_statutory_plaques_only(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (b) the one-table reform in other words: forms merged into one, data fetched from the platform
        ("原由各村分别向8个部门报送的统计表合并为1张，各部门从平台共享获取。", []),
        ("各部门统一从平台获取数据，不得再要求村（社区）重复报送。", []),
        # duplicate filing demanded stays a finding
        ("各村要通过系统录入数据，同时另行报送纸质材料。", ["BR-APP-07"]),
        ("各村分别向县民政局、县农业农村局报送花名册。", ["BR-APP-07"]),
        # diff review D07: the reform exempts the segment it is in, not a weekly report demanded beside it
        ("各村每周报送工作台账，不得重复填报。", ["BR-INS-05", "BR-INS-08"]),
        ("各村每周一报送人居环境整治进度表，整合为1张表。", ["BR-INS-08"]),
        ("各村每月报送一次统计表，各部门不得要求重复报送。", ["BR-INS-08"]),
        # the ban on duplicates alone, and forms merged in the report's own segment, stay silent
        ("各部门不得要求各村重复填报同一数据。", []),
        ("原各村每周分别报送的3张进度表整合为1张，不再重复报送。", []),
        ("各村每周报送工作台账和照片，数据不再重复采集。", ["BR-INS-05", "BR-INS-08"]),
        # the reform's own name still exempts the sentence: the monthly report is the one table itself
        ("推行“一表通”，各村每月报送一次基础数据。", []),
    ],
)
def test_one_table_in_other_words(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) a rhythm of circulation across the area, each locality's situation circulated on a rhythm
        ("各村垃圾分类参与率每月在全镇通报。", ["BR-INS-04"]),
        ("入户走访完成情况每周在全县通报。", ["BR-INS-04"]),
        ("街道每月对各社区垃圾分类开展情况进行通报。", ["BR-INS-04"]),
        # a commendation, or a service on a rhythm, circulates no locality
        ("各乡镇每月在全县通报表扬先进典型。", []),
        ("县卫健局每月对各村卫生室开展一次业务指导。", []),
    ],
)
def test_localities_circulated_on_a_rhythm(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) localities under a rate, or short of a target, circulated or called to a talk
        ("医保参保率低于90%的村在全镇通报。", ["BR-INS-04"]),
        ("未完成年度植树任务的乡镇，由县林业局约谈乡镇主要负责人。", ["BR-INS-04"]),
        # beside an app's own burden the circulation of villages is a second one
        ("各村干部每周在“学习强国”APP打卡，打卡率低于80%的村在全镇通报。", ["BR-APP-02", "BR-INS-04"]),
        # enterprises under a rate or short of a correction are regulated, not localities pressed
        ("抽检合格率低于90%的企业，由县市场监管局约谈企业负责人。", []),
        ("未完成整改的企业，由县应急管理局约谈企业主要负责人。", []),
    ],
)
def test_localities_under_a_rate_singled_out(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) a rhythm report in other words: the period's figures sent with a bare 报, a report continued weekly
        ("各乡镇每月5日前报上月秸秆禁烧工作进展。", ["BR-INS-08"]),
        ("请各学校于本周五前报送春季学期安全排查情况，此后每周五前续报。", ["BR-INS-08"]),
        # a county body publishing its own figures, or data sent late once, is no rhythm demanded
        ("县统计局每月10日前发布上月经济运行数据。", []),
        ("系统故障期间未能报送的数据，待系统恢复后续报。", []),
    ],
)
def test_rhythm_reports_in_other_words(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) 属地管理职责 put on the townships, a department's duties handed to them to bear
        ("各乡镇要切实履行属地管理职责，负责辖区内违法建设的日常巡查和拆除。", ["BR-DUTY-01"]),
        ("县农业农村局将农机安全监管职责交由乡镇承担。", ["BR-DUTY-01"]),
        # the townships' lawful duty, powers handed down with the duty, a township that assists
        ("乡镇依法履行属地管理职责，县直部门加强业务指导。", []),
        ("县综合执法局将违法建设查处职责交由乡镇承担，同步下放执法权并划转编制2名。", []),
        ("县林业局负责森林资源监管，乡镇予以配合。", []),
    ],
)
def test_duties_pushed_down_in_other_words(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) a township body named after its head, village councils set up by order
        ("各乡镇要成立由乡镇长任组长的河长制工作领导小组。", ["BR-DUTY-03"]),
        ("各村要成立“红白理事会”，制定移风易俗章程。", ["BR-DUTY-03"]),
        # the county's own group, a council villagers form of their own will
        ("县政府成立由县长任组长的领导小组。", []),
        ("村民理事会由村民自愿组成。", []),
    ],
)
def test_new_bodies_in_other_words(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) vanity in other words: light shows, ranks to climb as targets, an 亿-scale target in every township
        ("县城新区建设灯光秀和音乐喷泉。", ["BR-VAN-01"]),
        ("力争我县营商环境评价排名进入全省前10位。", ["BR-VAN-05"]),
        ("确保全县群众满意度测评较上年提升5个位次以上。", ["BR-VAN-05"]),
        ("每个乡镇要培育1个亿元级特色产业。", ["BR-VAN-06"]),
        # upkeep, a result reported, a county-wide figure
        ("对主干道路灯进行检修，更换损坏灯具。", []),
        ("去年我县营商环境排名上升5个位次。", []),
        ("2026年我县营商环境评价排名进入全省前10位。", []),
        ("全县农业总产值力争突破十亿元。", []),
    ],
)
def test_vanity_in_other_words(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (d) a township that pulls its own people into its own 专班 seconds no one upward
        # (session 15, review-read15: no secondment still; the 指挥部 set up in every township is now BR-DUTY-03, as the
        # same sentence with 领导小组 already was)
        ("各乡镇要成立人居环境整治工作指挥部，抽调精干力量组建工作专班。", ["BR-DUTY-03"]),
        ("各街道要抽调机关干部组建创卫专班。", []),
        # a county body pulling from the townships, township staff sent to the county, village cadres pulled up
        ("县指挥部从各乡镇抽调20名干部组建工作专班。", ["BR-SEC-01", "BR-SEC-02"]),
        ("各乡镇要抽调骨干力量组建专班，集中到县指挥部脱产办公。", ["BR-DUTY-03", "BR-SEC-02"]),
        ("各乡镇要抽调村干部组建征迁工作专班。", ["BR-DUTY-03", "BR-SEC-01", "BR-SEC-02"]),
    ],
)
def test_a_townships_own_task_force(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (b) separate assessments merged into the one comprehensive assessment: the reform itself
        ("县级部门对乡镇的专项考核统一并入年度综合考核。", []),
        # a new item put into the townships' assessment stays a finding
        ("将河长制工作纳入对各乡镇的年度综合考核。", ["BR-INS-12"]),
    ],
)
def test_assessments_merged(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (a) a photo with the person served uploaded to an app: the app's upload (and, as the team labels it, evidence)
        ("网格员入户走访时须与群众合影并上传“平安网格”小程序。", ["BR-APP-04", "BR-INS-05"]),
        ("入户走访情况如实登记，不要求拍照。", []),
    ],
)
def test_a_photo_with_the_person_served(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (lead) photos sent up to a named body on a rhythm, with no app, platform or group named: evidence of work
        ("各村每周上传巡查照片至县农业农村局，作为工作开展情况的依据。", ["BR-INS-05"]),
        ("各乡镇每月上传整治现场照片给县住建局。", ["BR-INS-05"]),
        # through an app: the app's demand, and evidence on a rhythm too (the team's convention, dev D130)
        ("各村每周在APP上传巡查照片。", ["BR-APP-04", "BR-INS-05"]),
        # a photo of a hazard reported when found is no rhythm and no proof of work
        ("发现违法建设的，及时拍照报告县住建局。", []),
    ],
)
def test_photos_sent_to_a_body_on_a_rhythm(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected
