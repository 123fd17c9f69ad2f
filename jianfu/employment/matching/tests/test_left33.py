"""Session 33 (emp-left33): blind32's leftovers read generally — the 特种作业 低压 and 防爆电气 cards as 项目 of their own,
the 特种设备 G1 工业锅炉司炉 and Q2 起重机司机 cards (TSG Z6001-2019: each meets only its own 项目). Own sentences (none of
blind32's rows): a wording that must fire beside a look-alike that must not, in the kernel, the numpy path and the
oracle (`constraints.violations`) alike. The Q2 and 防爆电气 cards are the first real names of the fifth word."""

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    AGE_LIMITED_CERTS,
    BOILER_G1,
    CERT_BITS,
    CRANE_Q2,
    ELECTRICIAN_SAFETY,
    EXPLOSION_PROOF,
    HIGH_VOLTAGE,
    LOW_VOLTAGE,
    NOT_CERTIFICATES,
    CertBit,
    held_certificates,
    parse_required_certificates,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")


def seeker(sid: str, certificates: str, desired: str) -> Seeker:
    return Seeker(id=sid, age=38, gender="男", residence="廉州镇", desired=desired, places="县内", notes="",
                  certificates=certificates, education="高中", wage="5000")


def post(jid: str, title: str, certificates: str) -> Job:
    return Job(id=jid, title=title, employer="合浦某制造有限公司", place="廉州镇", description="白班8:00-17:00。",
               age="20-50岁", wage="5500-6500", certificates=certificates, benefits="包吃住")


def test_the_four_cards_take_the_fourth_words_last_bits_and_the_fifth_words_first() -> None:
    assert [CERT_BITS[n] for n in (LOW_VOLTAGE, BOILER_G1, EXPLOSION_PROOF, CRANE_Q2)] == [
        CertBit(3, 1 << 53), CertBit(3, 1 << 54), CertBit(4, 1), CertBit(4, 2)]
    assert {LOW_VOLTAGE, BOILER_G1, EXPLOSION_PROOF, CRANE_Q2} <= AGE_LIMITED_CERTS
    assert not {LOW_VOLTAGE, BOILER_G1, EXPLOSION_PROOF, CRANE_Q2} & NOT_CERTIFICATES     # shown as held


@pytest.mark.parametrize(("text", "required", "preferred"), [
    ("须持特种设备作业人员证（G1工业锅炉司炉）", {BOILER_G1}, set()),
    ("锅炉证（没有的公司送考）", set(), {BOILER_G1}),
    ("须持特种设备作业人员证（Q2起重机司机）", {CRANE_Q2}, set()),
    ("行车证", {CRANE_Q2}, set()),
    ("塔式起重机司机证", {"塔式起重机司机证"}, set()),               # the 住建 card, another issuer's: as before
    ("特种设备作业人员证（N1叉车司机）", {"叉车证"}, set()),             # no crane
    ("须持防爆电气作业操作证", {EXPLOSION_PROOF}, set()),
    ("须持低压电工作业操作证", {LOW_VOLTAGE}, set()),
    ("低压或高压电工证均可", {ELECTRICIAN_SAFETY}, set()),               # either: the 应急管理 card, no 项目
    ("电工证", {"电工证"}, set()),
])
def test_the_cards_asked(text: str, required: set[str], preferred: set[str]) -> None:
    assert parse_required_certificates(text) == (frozenset(required), frozenset(preferred))


@pytest.mark.parametrize(("text", "held"), [
    ("特种设备作业人员证（G1工业锅炉司炉，有效期至2028年）", {BOILER_G1}),
    ("锅炉证（过期没复审）", set()),
    ("行车证（Q2）", {CRANE_Q2}),
    ("塔吊司机证", {"塔式起重机司机证"}),
    ("防爆电气作业操作证", {EXPLOSION_PROOF, ELECTRICIAN_SAFETY, "电工证"}),
    ("高压电工作业证", {HIGH_VOLTAGE, ELECTRICIAN_SAFETY, "电工证"}),
    ("电工证（低压）", {LOW_VOLTAGE, ELECTRICIAN_SAFETY, "电工证", "建筑电工证（住建）"}),    # a 项目 said in a bracket
    ("特种作业操作证（电工）", {HIGH_VOLTAGE, LOW_VOLTAGE, EXPLOSION_PROOF, ELECTRICIAN_SAFETY, "电工证"}),   # unknown
    ("电工（四级）", {"电工证"}),                                         # a grade: no card
])
def test_the_cards_held(text: str, held: set[str]) -> None:
    assert held_certificates(text) == frozenset(held)


@both_paths
def test_a_low_voltage_post_refuses_a_high_voltage_card_alone(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    job = post("J1", "维修电工", "须持低压电工作业操作证")
    high, low = seeker("H", "高压电工作业证（有效）", "电工"), seeker("L", "低压电工作业证（有效）", "电工")
    both = seeker("B", "高压电工证、低压电工证", "电工")
    assert [violations(s, job, GAZ) for s in (high, low, both)] == [["certificate"], [], []]
    assert takers(job, [high, low, both], kernel=kernel, monkeypatch=monkeypatch) == ["B", "L"]


@both_paths
def test_a_fifth_word_card_asked_refuses_a_neighbouring_card(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    crane = post("J1", "行车工", "须持特种设备作业人员证（Q2起重机司机）")
    ex = post("J2", "防爆电工", "须持防爆电气作业操作证")
    q2, n1 = seeker("Q", "特种设备作业人员证（Q2起重机司机）", "行车工"), seeker("N", "叉车证（N1）", "行车工")
    tower = seeker("T", "塔式起重机司机证", "行车工")
    assert [violations(s, crane, GAZ) for s in (q2, n1, tower)] == [[], ["certificate"], ["certificate"]]
    assert takers(crane, [q2, n1, tower], kernel=kernel, monkeypatch=monkeypatch) == ["Q"]
    exp, low = seeker("E", "防爆电气作业操作证", "电工"), seeker("L", "低压电工作业证", "电工")
    assert [violations(s, ex, GAZ) for s in (exp, low)] == [[], ["certificate"]]
    assert takers(ex, [exp, low], kernel=kernel, monkeypatch=monkeypatch) == ["E"]


@both_paths
def test_a_boiler_post_refuses_a_pressure_vessel_card(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    boiler = post("J1", "锅炉工", "G1工业锅炉司炉证")
    g1 = seeker("G", "特种设备作业人员证（G1工业锅炉司炉）", "锅炉工")
    r1 = seeker("R", "特种设备作业人员证（R1快开门式压力容器操作）", "锅炉工")
    assert [violations(s, boiler, GAZ) for s in (g1, r1)] == [[], ["certificate"]]
    assert takers(boiler, [g1, r1], kernel=kernel, monkeypatch=monkeypatch) == ["G"]
