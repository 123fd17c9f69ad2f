"""Session 31 (emp-lang31): the employer's kind a seeker refuses — "只去酒店，不去民宿", "只做民宿，不去酒店", "只做饮品店" —
read against the employer's name (`venues`; three flags at the top of the fourth certificate word, bits 59–57). Own
sentences: a wording that must fire beside a look-alike that must not, in the kernel, the numpy path and the oracle
(`constraints.violations`) alike."""

from __future__ import annotations

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import build_jobs, build_seekers
from jianfu.employment.matching.parse import CERT_BITS, NOT_CERTIFICATES
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered
from jianfu.employment.matching.venues import (
    GUESTHOUSE_OK,
    HOTEL_OK,
    NOT_DRINKS_OK,
    VENUE_FLAGS,
    posting_kind,
    seeker_refuses,
)

pytestmark = pytest.mark.usefixtures("ages_in_2026")


def seeker(sid: str, desired: str, notes: str = "") -> Seeker:
    return Seeker(id=sid, age=24, gender="女", residence="廉州镇", desired=desired, places="北海", notes=notes,
                  certificates="健康证", experience="做过两年服务员", education="高中", wage="3000")


def post(jid: str, employer: str, title: str) -> Job:
    return Job(id=jid, title=title, employer=employer, place="廉州镇", description="白班，包吃。", age="18-40岁",
               wage="3500", certificates="")


@pytest.mark.parametrize(("text", "lacks"), [
    ("酒店客房服务员（只做酒店，民宿不考虑）", {GUESTHOUSE_OK}),
    ("前台，不去客栈", {GUESTHOUSE_OK}),
    ("客房（只在民宿做，不去酒店）", {HOTEL_OK}),
    ("只找民宿的活", {HOTEL_OK}),
    ("店员（只做奶茶店）", {NOT_DRINKS_OK}),
    ("只去咖啡馆", {NOT_DRINKS_OK}),
    # look-alikes: a wish, both kinds, a refusal of something else at the place
    ("想去酒店做前台", set()),
    ("酒店、民宿都可以", set()),
    ("不去酒店做夜班", set()),
    ("做过奶茶店，什么店都行", set()),
    # fixcr32: a 过 tail is past work, not a wish; a wish naming both kinds refuses neither — beside the near-misses
    ("只在奶茶店干过一年，什么都能做", set()),
    ("只在奶茶店干，别的不做", {NOT_DRINKS_OK}),
    ("以前只在酒店做过保洁", set()),
    ("以后只在酒店做保洁", {GUESTHOUSE_OK}),
    ("只去酒店或民宿", set()),
    ("只做酒店和民宿", set()),
    ("只做酒店、民宿", set()),
    ("只做酒店，不去民宿", {GUESTHOUSE_OK}),
    ("只做奶茶或咖啡", {NOT_DRINKS_OK}),
])
def test_what_a_seeker_refuses(text: str, lacks: set[str]) -> None:
    assert seeker_refuses(text) == lacks


@pytest.mark.parametrize(("employer", "asks"), [
    ("星岛湖某民宿", {GUESTHOUSE_OK, NOT_DRINKS_OK}),
    ("涠洲岛某客栈", {GUESTHOUSE_OK, NOT_DRINKS_OK}),
    ("北海某海景酒店", {HOTEL_OK, NOT_DRINKS_OK}),
    ("合浦县某宾馆", {HOTEL_OK, NOT_DRINKS_OK}),
    ("廉州镇某奶茶店", set()),
    ("北海某咖啡连锁", set()),
    # look-alikes: a 茶楼 or 茶餐厅 is no 饮品店; a name of neither kind
    ("合浦县某茶楼", {NOT_DRINKS_OK}),
    ("合浦县某茶餐厅", {NOT_DRINKS_OK}),
    ("北海某旅行社", {NOT_DRINKS_OK}),
])
def test_what_an_employers_name_says(employer: str, asks: set[str]) -> None:
    assert posting_kind(employer) == asks


def test_the_flags_are_the_fourth_words_top_below_the_languages() -> None:
    assert [CERT_BITS[name] for name in VENUE_FLAGS] == [(3, 1 << 59), (3, 1 << 58), (3, 1 << 57)]
    assert set(VENUE_FLAGS) <= NOT_CERTIFICATES


def test_the_tables_carry_the_flags() -> None:
    s = build_seekers([seeker("A", "前台（只去酒店，不去民宿）"), seeker("B", "前台")], GAZ)
    j = build_jobs([post("X", "涠洲岛某民宿", "前台"), post("Y", "廉州镇某奶茶店", "店员")], GAZ)
    mask = sum(CERT_BITS[n].bit for n in VENUE_FLAGS)
    g, h, d = (CERT_BITS[n].bit for n in (GUESTHOUSE_OK, HOTEL_OK, NOT_DRINKS_OK))
    assert [int(s.certs[i, 3]) & mask for i in range(2)] == [h | d, g | h | d]
    assert [int(j.cert_req[i, 3]) & mask for i in range(2)] == [g | d, 0]


@both_paths
def test_a_refused_kind_is_not_offered(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = [post("hotel", "北海某海景酒店", "前台"), post("inn", "涠洲岛某民宿", "前台"),
            post("tea", "廉州镇某奶茶店", "店员"), post("diner", "廉州镇某饭店", "服务员")]
    assert offered(seeker("H", "前台（只去酒店，不去民宿）"), jobs, kernel=kernel, monkeypatch=monkeypatch) == \
        ["diner", "hotel", "tea"]
    assert offered(seeker("G", "前台（只做民宿，不去酒店）"), jobs, kernel=kernel, monkeypatch=monkeypatch) == \
        ["diner", "inn", "tea"]
    assert offered(seeker("D", "店员（只做饮品店）"), jobs, kernel=kernel, monkeypatch=monkeypatch) == ["tea"]
    # the look-alike: a wish refuses nothing
    assert offered(seeker("W", "想去酒店做前台"), jobs, kernel=kernel, monkeypatch=monkeypatch) == \
        ["diner", "hotel", "inn", "tea"]


def test_the_oracle_reads_them_alike() -> None:
    assert violations(seeker("H", "前台（只去酒店，不去民宿）"), post("inn", "涠洲岛某民宿", "前台"), GAZ) == ["venue"]
    assert violations(seeker("H", "前台（只去酒店，不去民宿）"), post("hotel", "北海某海景酒店", "前台"), GAZ) == []
    assert violations(seeker("D", "店员（只做饮品店）"), post("diner", "廉州镇某饭店", "服务员"), GAZ) == ["venue"]
    assert violations(seeker("W", "想去酒店做前台"), post("inn", "涠洲岛某民宿", "前台"), GAZ) == []
