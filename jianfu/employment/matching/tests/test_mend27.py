"""emp-mend27: what blind27's reading left (docs/matching.md, "Session 27 (emp-mend27)") — the reform's retirement DATE,
by the birth month a row states, against the day a posting's work starts, where the posting states the retirement-age
condition or asks a labour contract. In the kernel, the numpy path, the one-seeker filter (`kernel.feasible`) and the
oracle (`constraints.violations`) alike, with look-alikes that must not move. Own sentences, none of blind27's rows."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from jianfu.employment.matching import Gazetteer, Job, Seeker, matcher, parse, pensions
from jianfu.employment.matching import kernel as kernel_module
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.tests.two_paths import both_paths

GAZ = Gazetteer.builtin()
TODAY = date(2026, 12, 6)


pytestmark = pytest.mark.usefixtures("ages_in_2026")


def person(sid: str, age: int, *, gender: str = "男", notes: str = "", desired: str = "门卫、保安",
           category: str = "") -> Seeker:
    return Seeker(id=sid, age=age, gender=gender, residence="廉州镇", desired=desired, places="县城", notes=notes,
                  certificates="无", category=category, education="初中", wage="2500")


def post(jid: str, title: str = "小区门卫", description: str = "负责小区出入登记", *, age: str = "不限",
         benefits: str = "") -> Job:
    return Job(id=jid, title=title, employer="合浦某物业公司", place="廉州镇", description=description, age=age,
               wage="2500-3000", certificates="无", benefits=benefits)


def offered(seeker: Seeker, jobs: list[Job], *, kernel_on: bool, monkeypatch: pytest.MonkeyPatch,
            today: date = TODAY) -> list[str]:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel_on)
    m = matcher.Matcher(jobs=jobs, seekers=[seeker], gazetteer=GAZ, today=today)
    return sorted(r.job_id for r in m.jobs_for(seeker))


def takers(job: Job, seekers: list[Seeker], *, kernel_on: bool, monkeypatch: pytest.MonkeyPatch,
           today: date = TODAY) -> list[str]:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel_on)
    m = matcher.Matcher(jobs=[job], seekers=seekers, gazetteer=GAZ, today=today)
    return sorted(r.seeker_id for r in m.seekers_for(job))


def filtered(seeker: Seeker, jobs: list[Job], today: date = TODAY) -> list[str]:
    m = matcher.Matcher(jobs=jobs, seekers=[seeker], gazetteer=GAZ, today=today)
    mask = kernel_module.feasible(m.S, 0, m.J, np.arange(len(jobs)))
    return sorted(j.id for j, ok in zip(jobs, mask, strict=True) if ok)


def oracle(seeker: Seeker, jobs: list[Job], today: date = TODAY) -> list[str]:
    return sorted(j.id for j in jobs if not violations(seeker, j, GAZ, today=today))


# ------------------------------------------------------------------------------------ the reform's table


@pytest.mark.parametrize(("sex", "birth", "date_"), [
    ("男", 19641231, 20241231),     # before the reform: 60
    ("男", 19650131, 20250228),     # 60 and 1 month (born 1965-01); February has no 31st
    ("男", 19660531, 20261031),     # 60 and 5 months: a month stated alone is its last day
    ("男", 19660930, 20270330),     # 60 and 6 months
    ("男", 19760915, 20390915),     # 63 from 1976-09
    ("男", 19800101, 20430101),     # 63 at most
    ("女", 19691231, 20241231),     # the 55 track before the reform
    ("女", 19710630, 20261130),     # 55 and 5 months
    ("女", 19710930, 20270330),     # 55 and 6 months: on the birthday's day (30 September, 30 March)
    ("女", 19810915, 20390915),     # 58 from 1981-09
    ("女50", 19741231, 20241231),   # the 50 track: one month every two months of birth
    ("女50", 19761015, 20270915),   # 50 and 11 months
    ("女50", 19841015, 20390915),   # 54 and 11 months
    ("女50", 19841115, 20391115),   # 55 from 1984-11
    ("", 19660531, 0),              # no sex: no date
    ("男", 0, 0),                   # no birth date
])
def test_the_reforms_retirement_date(sex: str, birth: int, date_: int) -> None:
    assert parse.retirement_date(sex, birth) == date_


@pytest.mark.parametrize(("title", "description", "age", "benefits", "states"), [
    ("小区门卫", "负责出入登记", "法定退休年龄以内", "", True),
    ("小区门卫", "男性，未达法定退休年龄，身体健康", "不限", "", True),
    ("小区门卫", "须签订劳动合同，缴纳社保", "不限", "", True),        # a labour contract
    ("小区门卫", "退休人员勿扰", "不限", "", True),
    ("小区门卫", "负责出入登记", "18-65岁", "", False),              # an age, no statute
    ("小区门卫", "负责出入登记", "已退休/未退休均可", "", False),     # either
    ("小区门卫", "未达法定退休年龄的签劳动合同，超龄签劳务协议", "不限", "", False),   # the over-age taken
    ("小区门卫", "负责出入登记", "法定退休年龄以内", "退休返聘也可", False),
    ("小区门卫", "负责出入登记", "不限", "签劳动合同，缴五险", False),   # an offer among the benefits
])
def test_a_posting_states_the_retirement_age(title: str, description: str, age: str, benefits: str,
                                             states: bool) -> None:
    assert pensions.states_retirement_age(title, description, age, benefits) is states


# ------------------------------------------------------------------------------------ the date against the start

NOW = post("J-NOW", age="法定退休年龄以内")                                          # hiring now: judged today
APRIL = post("J-APR", description="2027年4月1日入职，负责出入登记", age="法定退休年龄以内")
MARCH = post("J-MAR", description="2027年3月1日入职，负责出入登记", age="法定退休年龄以内")
CONTRACT = post("J-CON", description="4月1日到岗，须签订劳动合同，缴纳社保")             # 4月1日: 2027-04-01 from TODAY
OPEN = post("J-OPEN", description="2027年4月1日入职，负责出入登记", age="18-65岁")      # no statute: no date
OVER_AGE = post("J-OVER", description="2027年4月1日入职，在龄签劳动合同，超龄签劳务协议", age="不限")
ALL = [NOW, APRIL, MARCH, CONTRACT, OPEN, OVER_AGE]


@pytest.mark.parametrize(("seeker", "today", "passes"), [
    # born 1966-05: 60 and 5 months, reached 2026-10-31 — past it on 2026-12-06 and on 2027-04-01
    (person("S-MAY", 60, notes="1966年5月出生"), TODAY, ["J-OPEN", "J-OVER"]),
    (person("S-MAY", 60, notes="1966年5月出生"), date(2027, 4, 1), ["J-OPEN", "J-OVER"]),
    # born 1966-09: reaches it 2027-03-30 — inside it today and on 1 March, past it on 1 April
    (person("S-SEP", 60, notes="1966年9月出生"), TODAY, ["J-MAR", "J-NOW", "J-OPEN", "J-OVER"]),
    # with his day: 1966-09-10 reaches it 2027-03-10, after a start of 1 March still
    (person("S-SEP10", 60, notes="1966年9月10日出生"), TODAY, ["J-MAR", "J-NOW", "J-OPEN", "J-OVER"]),
    # a woman born 1971-09 (the 55 track, the wider): 55 and 6 months, reached 2027-03-30
    (person("S-W", 55, gender="女", notes="1971年9月出生"), TODAY, ["J-MAR", "J-NOW", "J-OPEN", "J-OVER"]),
    # a woman born 1971-05: 55 and 5 months, reached 2026-10-31
    (person("S-W5", 55, gender="女", notes="1971年5月出生"), TODAY, ["J-OPEN", "J-OVER"]),
    # no birth month: the age in full years, as before (60 is inside "法定退休年龄以内" for some month of 1966)
    (person("S-NONE", 60), TODAY, ["J-APR", "J-CON", "J-MAR", "J-NOW", "J-OPEN", "J-OVER"]),
    # a man of 50: nowhere near it
    (person("S-50", 50, notes="1976年3月出生"), TODAY, ["J-APR", "J-CON", "J-MAR", "J-NOW", "J-OPEN", "J-OVER"]),
])
@both_paths
def test_the_retirement_date_against_the_start(seeker: Seeker, today: date, passes: list[str], kernel: bool,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert offered(seeker, ALL, kernel_on=kernel, monkeypatch=monkeypatch, today=today) == passes
    assert filtered(seeker, ALL, today) == passes
    assert oracle(seeker, ALL, today) == passes


def test_the_sept_man_against_the_april_start_by_name() -> None:
    s = person("S-SEP", 60, notes="1966年9月出生")
    assert violations(s, APRIL, GAZ, today=TODAY) == ["retirement"]
    assert violations(s, CONTRACT, GAZ, today=TODAY) == ["retirement"]
    assert violations(s, MARCH, GAZ, today=TODAY) == []


@both_paths
def test_a_postings_takers_by_their_dates(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    seekers = [person("S-MAY", 60, notes="1966年5月出生"), person("S-SEP", 60, notes="1966年9月出生"),
               person("S-NONE", 60), person("S-W", 55, gender="女", notes="1971年9月出生")]
    assert takers(APRIL, seekers, kernel_on=kernel, monkeypatch=monkeypatch) == ["S-NONE"]
    assert takers(NOW, seekers, kernel_on=kernel, monkeypatch=monkeypatch) == ["S-NONE", "S-SEP", "S-W"]


@both_paths
def test_no_today_no_start_judges_no_date(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """A matcher without `today` reads no day for a posting hiring now (the core reads no clock): the date bars only
    where the posting states its start with a year."""
    s = person("S-MAY", 60, notes="1966年5月出生")
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    m = matcher.Matcher(jobs=[NOW, APRIL], seekers=[s], gazetteer=GAZ)
    assert list(m.J.retire_on) == [0, 20270401]
    assert sorted(r.job_id for r in m.jobs_for(s)) == ["J-NOW"]


def test_the_tables_carry_the_dates() -> None:
    m = matcher.Matcher(jobs=ALL, seekers=[person("S-SEP", 60, notes="1966年9月出生"), person("S-NONE", 60),
                                           person("S-X", 60, gender="", notes="1966年9月出生")],
                        gazetteer=GAZ, today=TODAY)
    assert list(m.S.retire) == [20270330, 0, 0]
    assert list(m.J.retire_on) == [20261206, 20270401, 20270301, 20270401, 0, 0]


# ------------------------------------------------------------------------------------ blind27's readings left


def test_the_new_levels_take_the_third_words_bits_61_and_62() -> None:
    assert (parse.CERT_BITS[parse.CERT_SITTABLE], parse.CERT_BITS[parse.NIGHTS_AWAY]) == \
        (parse.CertBit(2, 1 << 61), parse.CertBit(2, 1 << 62))


LATE = post("J-LATE", "商场停车场收费员", "出口岗亭坐着收费。早班7:00-15:00、晚班15:00-23:00轮换。")
THROUGH = post("J-THRU", "仓库值守", "夜班22:00-次日6:00，巡查库区。")
WATCH = post("J-WATCH", "工地看守", "夜间值守，住工地板房。")
DAY = post("J-DAY", "小区保洁", "白班8:00-17:00，打扫楼道。")
NIGHTS = [LATE, THROUGH, WATCH, DAY]


@pytest.mark.parametrize(("notes", "passes"), [
    # sleeping at home: an evening to 23:00 leaves the night at home; work through the night does not
    ("晚上要回家睡，家里离不开人", ["J-DAY", "J-LATE"]),
    ("每晚得回家住", ["J-DAY", "J-LATE"]),
    # look-alikes: home in the evening, day work only — no late shift at all, as before
    ("晚上要回家", ["J-DAY"]),
    ("只上白班", ["J-DAY"]),
    ("身体好，什么班都能上", ["J-DAY", "J-LATE", "J-THRU", "J-WATCH"]),
])
@both_paths
def test_sleeping_at_home_against_the_night(notes: str, passes: list[str], kernel: bool,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    s = person("S-N", 50, notes=notes)
    assert offered(s, NIGHTS, kernel_on=kernel, monkeypatch=monkeypatch) == passes
    assert filtered(s, NIGHTS) == passes
    assert oracle(s, NIGHTS) == passes


@pytest.mark.parametrize(("text", "limits", "wishes"), [
    ("站久了腰也痛，最好能坐", set(), {"STANDING"}),          # the ache is the wish's reason: soft
    ("站久了脚酸，尽量坐着", set(), {"STANDING"}),
    ("站久了腰疼", {"STANDING", "HEAVY"}, set()),             # no wish: the limit as before
    ("站久了受不了，最好能坐", {"STANDING"}, set()),          # cannot: a limit
    ("不能久站，最好能坐", {"STANDING"}, set()),
])
def test_an_ache_given_as_the_reason_of_a_wish(text: str, limits: set[str], wishes: set[str]) -> None:
    assert set(parse.infer_seeker_limits(text)) == limits
    assert set(parse.soft_wishes(text)) == wishes


@both_paths
def test_standing_wished_off_is_offered_and_scored_lower(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    stand = post("J-STAND", "商场保安", "大堂站岗，全程站立执勤。")
    wish = person("S-W", 50, notes="站久了腰也痛，最好能坐")
    limit = person("S-L", 50, notes="站久了受不了")
    assert offered(wish, [stand], kernel_on=kernel, monkeypatch=monkeypatch) == ["J-STAND"]
    assert offered(limit, [stand], kernel_on=kernel, monkeypatch=monkeypatch) == []
    assert oracle(wish, [stand]) == ["J-STAND"] and oracle(limit, [stand]) == []


FORKLIFT = Job(id="J-FORK", title="叉车工", employer="合浦某家具公司", place="廉州镇", description="板材仓库叉车，没证的先跟班。",
               age="不限", wage="4000", certificates="叉车证可公司送考")
FORKLIFT_PREF = Job(id="J-PREF", title="叉车工", employer="合浦某家具公司", place="廉州镇", description="板材仓库叉车。",
                    age="不限", wage="4000", certificates="叉车证优先")
FORKLIFT_REQ = Job(id="J-REQ", title="叉车工", employer="合浦某家具公司", place="廉州镇", description="板材仓库叉车。",
                   age="不限", wage="4000", certificates="叉车证")
FORKLIFTS = [FORKLIFT, FORKLIFT_PREF, FORKLIFT_REQ]


def driver(sid: str, age: int, certificates: str = "无") -> Seeker:
    return Seeker(id=sid, age=age, gender="男", residence="廉州镇", desired="叉车工、仓库", places="县城",
                  certificates=certificates, education="初中", wage="3500")


@pytest.mark.parametrize(("seeker", "passes"), [
    (driver("S-45", 45), ["J-FORK", "J-PREF"]),                       # the employer has him sit it
    (driver("S-60", 60), ["J-FORK", "J-PREF"]),                       # 60: still issued (TSG Z6001-2019: 18–60)
    (driver("S-62", 62), ["J-PREF"]),                                 # over 60: cannot sit it; a preference asks nothing
    (driver("S-62H", 62, "叉车证（N1），在有效期内"), ["J-FORK", "J-PREF", "J-REQ"]),   # holds one: held
])
@both_paths
def test_a_certificate_the_employer_has_sat(seeker: Seeker, passes: list[str], kernel: bool,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    assert offered(seeker, FORKLIFTS, kernel_on=kernel, monkeypatch=monkeypatch) == passes
    assert filtered(seeker, FORKLIFTS) == passes
    assert oracle(seeker, FORKLIFTS) == passes
