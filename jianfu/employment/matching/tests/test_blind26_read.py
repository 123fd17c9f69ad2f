"""Session 26 (emp-read26): blind26 read after its one run — a vocational school's placement desk: 中职 students (many
16–17), graduates, school-leavers, against the posts such young people meet. The readings: the workplaces a 未成年工 may
not be hired into (《未成年人保护法》第六十一条第二款) and the work he may not do (《未成年工特殊保护规定》第三条) as a
posting states them; what a 职业学校 student's 岗位实习 may not hold (《职业学校学生实习管理规定》第十六至十八条) on a
student's 实习 pair; a post that pays nothing for a while; 技工学校 as an education; a certificate earned to move up.
Own sentences, none of blind26's rows: for each reading one that must fire and a look-alike that must not, in the
kernel, the numpy path and the oracle (`constraints.violations`) alike. Fairness is tested as a reading: a minor's row
scores the same as an adult's on a post open to both, and a post that writes no floor stays open to a 16-year-old."""

from collections.abc import Iterator

import pytest

from jianfu.employment.matching import Job, Seeker, minors
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.matcher import Matcher
from jianfu.employment.matching.parse import (
    CERT_BITS,
    MINOR_LEVELS,
    NOT_INTERN_SEEKER,
    CertBit,
    ages_counted_in,
    parse_education,
    parse_required_certificates,
    seeker_major,
    withholds_wages,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, takers


@pytest.fixture(autouse=True)
def _in_2026() -> Iterator[None]:
    with ages_counted_in(2026):
        yield


def seeker(sid: str, age: int, *, desired: str = "普工", education: str = "初中", category: str = "",
           notes: str = "") -> Seeker:
    return Seeker(id=sid, age=age, gender="男", residence="廉州镇", desired=desired, places="县城", notes=notes,
                  certificates="无", category=category, education=education, wage="3000")


def post(jid: str, title: str, description: str = "", *, employer: str = "合浦某公司", age: str = "16-45",
         wage: str = "3000-4000", certificates: str = "无") -> Job:
    return Job(id=jid, title=title, employer=employer, place="廉州镇", description=description, age=age, wage=wage,
               certificates=certificates)


def broken(s: Seeker, j: Job) -> list[str]:
    return violations(s, j, GAZ)


def test_the_minors_and_students_levels_take_the_third_words_next_bits() -> None:
    assert [CERT_BITS[n] for n in MINOR_LEVELS] == [CertBit(2, 1 << k) for k in range(54, 58)]


# ------------------------------------------------------------------------------------ a 未成年工


@both_paths
def test_a_bar_a_karaoke_and_an_internet_cafe_hire_no_minor_whatever_the_post(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    netbar = post("J1", "收银员", "白天班，充值、打扫", employer="廉州镇某电竞网咖")
    bar = post("J2", "服务员", "点单、上酒", employer="合浦某音乐酒吧")
    hotel = post("J3", "客房服务员", "铺床、打扫", employer="合浦某宾馆（三楼为KTV）")
    noodles = post("J4", "服务员", "点菜、收台", employer="合浦某粉店")
    people = [seeker("S1", 17, desired="服务员、收银"), seeker("S2", 18, desired="服务员、收银")]
    for job in (netbar, bar):
        assert [broken(p, job) for p in people] == [["minor:" + MINOR_LEVELS[0]], []], job.title
        assert takers(job, people, kernel=kernel, monkeypatch=monkeypatch) == ["S2"]
    for job in (hotel, noodles):        # a KTV upstairs is not the hotel's workplace
        assert [broken(p, job) for p in people] == [[], []], job.title
        assert takers(job, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]


@both_paths
def test_the_work_a_minor_may_not_do_as_the_posting_states_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    spraying = post("J1", "喷涂工", "给铁架子喷涂防锈漆")
    loads = post("J2", "装卸工", "卸饲料，每袋80斤")
    cold = post("J3", "分拣工", "在冷库里分拣冻品")
    light_loads = post("J4", "装卸工", "卸快递，每件10公斤以内")
    helper = post("J5", "装修杂工", "递工具、清垃圾，不上脚手架，无需焊接")
    people = [seeker("S1", 16), seeker("S2", 19)]
    for job in (spraying, loads, cold):
        assert [broken(p, job) for p in people] == [["minor:" + MINOR_LEVELS[1]], []], job.title
        assert takers(job, people, kernel=kernel, monkeypatch=monkeypatch) == ["S2"], job.title
    for job in (light_loads, helper):
        assert [broken(p, job) for p in people] == [[], []], job.title
        assert takers(job, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"], job.title


def test_night_work_alone_refuses_no_minor_outside_a_students_internship() -> None:
    # no statute bars a 未成年工 from night work; a desk may keep its minors off it, the matcher does not refuse on it
    night = post("J1", "普工", "两班倒，夜班20:00-8:00")
    assert broken(seeker("S1", 17), night) == []
    assert broken(seeker("S2", 17, desired="岗位实习", education="中职在读（电子技术应用）"), night) == \
        ["minor:" + MINOR_LEVELS[2]]


def test_a_minor_scores_as_an_adult_on_a_post_open_to_both_and_no_floor_admits_sixteen() -> None:
    job = post("J1", "普工", "插件、目检，长白班", age="不限")
    young, grown = seeker("S1", 16), seeker("S2", 30)
    m = Matcher(jobs=[job], seekers=[young, grown], gazetteer=GAZ)
    scores = {r.seeker_id: r.score for r in m.seekers_for(job)}
    assert set(scores) == {"S1", "S2"} and scores["S1"] == scores["S2"]
    assert minors.seeker_lacks(None) == frozenset()          # an age unknown holds every level


# ------------------------------------------------------------------------------------ a student's 岗位实习


def test_who_is_a_student_on_internship() -> None:
    assert minors.seeker_lacks(19, "中职在读（2027届数控）", "在校生", "岗位实习，数控操作") == \
        {MINOR_LEVELS[2], MINOR_LEVELS[3]}
    assert minors.seeker_lacks(19, "技工学校在读", "", "寒假工") == {MINOR_LEVELS[3]}
    assert minors.seeker_lacks(20, "中专（2025届毕业）", "高校毕业生", "实习、普工") == frozenset()
    assert minors.seeker_lacks(20, "本科在读", "大学生", "暑假实习") == frozenset()      # other rules bind a university


@both_paths
def test_an_internship_refuses_night_overtime_an_agency_a_bath_house_and_pay_below_four_fifths(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    nights = post("J1", "数控操作工", "两班倒，跟机上下料")
    sixdays = post("J2", "数控操作工", "8:00-17:00，做六休一")
    agency = post("J3", "数控学徒", "厂里学操作，长白班", employer="北海某劳务派遣有限公司")
    bath = post("J4", "前台", "登记、收银，白班", employer="合浦某洗浴中心")
    low_pay = post("J5", "数控实习生", "白班，双休", wage="实习期2000元（转正后3500元）")
    fair = post("J6", "数控实习生", "白班8:00-17:00，双休，不加班，加班自愿", wage="实习补贴2900元（同岗位3500元）")
    ward = post("J7", "护理实习生", "跟带教老师上白班和夜班，夜班按规定报教育局备案")
    intern = seeker("S1", 19, desired="岗位实习，数控", education="中职在读（2027届数控技术应用）", category="在校生")
    holiday = seeker("S2", 19, desired="寒假工，普工", education="中职在读（2027届数控技术应用）", category="在校生")
    graduate = seeker("S3", 19, desired="数控操作、实习", education="中专（2026届数控毕业）")
    people = [intern, holiday, graduate]
    for job in (nights, sixdays, agency, bath):       # ordinary posts: only the student who seeks 实习 is bound
        assert [bool(broken(p, job)) for p in people] == [True, False, False], job.title
        assert takers(job, people, kernel=kernel, monkeypatch=monkeypatch) == ["S2", "S3"], job.title
    # a post calling its hire 实习 binds every such student; its pay below 80 % of the post's own wage breaks it
    assert [bool(broken(p, low_pay)) for p in people] == [True, True, False]
    assert takers(low_pay, people, kernel=kernel, monkeypatch=monkeypatch) == ["S3"]
    for job in (fair, ward):      # day work, overtime left to the worker; a filed ward rota (the 规定's exception)
        assert [broken(p, job) for p in people] == [[], [], []], job.title
        assert takers(job, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3"], job.title


# ------------------------------------------------------------------------------------ wages, education, certificates


def test_a_post_paying_nothing_for_a_while_withholds_its_wages() -> None:
    assert withholds_wages("学徒期头两个月没有工资，管吃住")
    assert withholds_wages("试工一周不发工资")
    assert not withholds_wages("底薪3000，从不拖欠工资")
    assert not withholds_wages("无底薪，纯提成")
    assert not withholds_wages("工资月结，不压工资")


@both_paths
def test_nobody_is_offered_a_post_that_pays_nothing(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    unpaid = post("J1", "厨师学徒", "跟师傅学炒菜", wage="学徒期两个月不给工资，包吃住")
    paid = post("J2", "厨师学徒", "跟师傅学炒菜", wage="学徒期2500元")
    people = [seeker("S1", 17, desired="厨师学徒"), seeker("S2", 30, desired="厨师学徒")]
    assert [broken(p, unpaid) for p in people] == [["wages"], ["wages"]]
    assert [broken(p, paid) for p in people] == [[], []]
    assert takers(unpaid, people, kernel=kernel, monkeypatch=monkeypatch) == []
    assert takers(paid, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]


def test_a_technical_school_is_the_secondary_stage() -> None:
    assert parse_education("技工学校毕业（汽修，中级工班）") == parse_education("中专") == 3
    assert parse_education("技工院校") == 3


def test_a_certificate_earned_to_move_up_is_not_asked_to_start() -> None:
    assert parse_required_certificates("无（考取会计证后可转会计岗）") == (frozenset(), frozenset())
    assert parse_required_certificates("取得健康证后上岗")[0] == {"健康证"}


@both_paths
def test_an_electricians_skill_level_is_no_operating_licence(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    licensed = post("J1", "维修电工", "配电房巡检、维修", age="18-50", certificates="低压电工作业证")
    helper = post("J2", "电工助手", "递工具、拉线，不带电作业", age="18-50", certificates="电工证")
    graded = Seeker(id="S1", age=20, gender="男", residence="廉州镇", desired="电工", places="县城",
                    certificates="电工（四级）职业技能等级证书", wage="3000")
    licence = Seeker(id="S2", age=20, gender="男", residence="廉州镇", desired="电工", places="县城",
                     certificates="低压电工作业操作证", wage="3000")
    assert [broken(p, licensed) for p in (graded, licence)] == [["certificate"], []]
    assert [broken(p, helper) for p in (graded, licence)] == [[], []]
    assert takers(licensed, [graded, licence], kernel=kernel, monkeypatch=monkeypatch) == ["S2"]
    assert takers(helper, [graded, licence], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]


def test_a_majors_direction_is_studied_too() -> None:
    assert seeker_major("", "中职在读（2028届计算机应用（电商直播方向））")[0] == {"计算机", "商贸"}
    assert seeker_major("", "中职在读（2028届计算机应用）")[0] == {"计算机"}


def test_a_day_longer_than_ten_hours_is_overtime_for_an_intern_and_a_kindergartens_day_is_not() -> None:
    assert NOT_INTERN_SEEKER in minors.posting_needs("合浦某厂", "装配工", "长白班8:00-20:00")
    assert NOT_INTERN_SEEKER not in minors.posting_needs("合浦某幼儿园", "保育员", "7:30-17:30，做五休二")
