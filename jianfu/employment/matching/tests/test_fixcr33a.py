"""Session 33 (fixcr33a): the code review's matcher findings — an education with a qualification as its alternative
read on the posting side only (H1), a wage earned at a place only with a past marker (H2), a stored 应急管理
electrician's card that may be the 高压 one (H3), a 补考 passed and an exam to come of another certificate (M4), a
failed English test read up to the next test named (L6)."""

from __future__ import annotations

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.languages import ENGLISH, seeker_languages
from jianfu.employment.matching.parse import (
    ELECTRICIAN_SAFETY,
    EXPLOSION_PROOF,
    HIGH_VOLTAGE,
    LOW_VOLTAGE,
    held_certificates,
    lapsed_certificates,
    normalise_certificates,
    parse_education,
    parse_required_certificates,
    parse_required_education,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")


def seeker(sid: str, certificates: str, *, education: str = "中专", notes: str = "", places: str = "县内") -> Seeker:
    return Seeker(id=sid, age=30, gender="男", residence="廉州镇", desired="电工", places=places, notes=notes,
                  certificates=certificates, education=education, wage="5000", experience="电工5年")


def post(jid: str, certificates: str, *, title: str = "电工", education: str = "中专及以上") -> Job:
    return Job(id=jid, title=title, employer="合浦某制造有限公司", place="廉州镇", description=f"{title}，白班。",
               age="18-50周岁", wage="5000-6000", certificates=certificates, education=education, benefits="五险")


# ------------------------------------------------------------------------------------------------ H1


def test_a_seekers_education_is_read_whatever_alternative_it_names() -> None:
    assert parse_education("大专，有电工证或焊工证") == 4
    assert parse_education("中专（有毕业证或结业证）") == 3
    assert parse_education("中专或技师学院") == 3
    # a seeker's words are never a posting's alternative, even "…及以上或…证"
    assert parse_education("大专及以上或电工三级（高级工）及以上证书") == 4


def test_a_postings_qualification_alternative_follows_a_level() -> None:
    assert parse_required_education("本科及以上或中级会计职称（满足其一）") == 0
    assert parse_required_education("大专及以上或电工三级（高级工）及以上证书") == 0
    assert parse_required_education("高中以上学历或持有叉车证") == 0
    assert parse_required_education("大专以上学历，或者持有电工证") == 0
    # look-alikes: a certificate the cell names apart, a school paper, a school, a second level keep the level
    assert parse_required_education("大专，有电工证或焊工证") == 4
    assert parse_required_education("中专（有毕业证或结业证）") == 3
    assert parse_required_education("中专或技师学院") == 3
    assert parse_required_education("高中或中专以上学历持电工证") == 3
    assert (parse_required_education("高中或中专"), parse_required_education("本科及以上且中级职称")) == (3, 5)


def test_a_seeker_with_a_certificate_alternative_keeps_the_level_against_posts() -> None:
    college = seeker("C", "低压电工作业操作证", education="大专，有电工证或焊工证")
    assert (violations(college, post("J1", "无", education="大专及以上"), GAZ),
            violations(college, post("J2", "无", education="本科及以上"), GAZ)) == ([], ["education"])
    either = post("J3", "无", education="本科及以上或中级会计职称（满足其一）")
    assert violations(seeker("S", "无", education="中专或技师学院"), either, GAZ) == []


# ------------------------------------------------------------------------------------------------ H2


def test_a_place_wished_with_a_wage_is_still_named() -> None:
    assert GAZ.acceptable("", home=None, notes="只想在北海工资4000以上就行") == (3, ("4505",))
    assert GAZ.acceptable("", home=None, notes="希望在南宁工资5000以上") == (2, ("4501",))
    assert GAZ.acceptable("", home=None, notes="只在合浦县城收入3000就行") == (2, ("450521100",))
    assert GAZ.acceptable("", home=None, notes="要在北海工资5000") == (3, ("4505",))
    # a bare "在钦州月薪6500" is kept (no past marker: a place kept breaks nothing)
    assert GAZ.acceptable("", home=None, notes="在钦州月薪6500") == (2, ("4507",))


def test_a_wage_earned_before_at_a_place_still_names_none() -> None:
    home = GAZ.resolve("廉州镇")
    assert GAZ.acceptable("县城", home=home, notes="只在县城找，在东莞时月薪7000") == (1, ())
    assert GAZ.acceptable("县城", home=home, notes="以前在东莞工资6000") == (1, ())
    assert GAZ.acceptable("县城", home=home, notes="曾在南宁收入5000") == (1, ())
    assert GAZ.acceptable("", home=None, notes="之前在钦州的时候月薪6500，现在想在北海工资4000以上") == (3, ("4505",))


# ------------------------------------------------------------------------------------------------ H3


def test_a_stored_electricians_card_may_be_the_high_voltage_one() -> None:
    stored = "电工作业证（应急管理）、电工证"
    # (after emp-left33's 项目: any of the three may be the card stored so; the lead at merge)
    every = {ELECTRICIAN_SAFETY, HIGH_VOLTAGE, LOW_VOLTAGE, EXPLOSION_PROOF, "电工证"}
    assert held_certificates(stored) == every
    assert held_certificates(["电工作业证（应急管理）", "电工证"]) == every
    # look-alikes: a card written 低压 is that 项目 only, a 高压 card stored now reads back the same
    assert held_certificates("低压电工作业操作证（有效）") == {ELECTRICIAN_SAFETY, LOW_VOLTAGE, "电工证"}
    stored_high = "、".join(sorted(normalise_certificates("高压电工作业证")))
    assert held_certificates(stored_high) == {HIGH_VOLTAGE, ELECTRICIAN_SAFETY, "电工证"}


@both_paths
def test_a_high_voltage_post_takes_a_card_stored_before_session_32(kernel: bool,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    job = post("J1", "须持高压电工作业证", title="高压电工")
    assert parse_required_certificates("须持高压电工作业证") == ({HIGH_VOLTAGE}, set())
    old = seeker("O", "电工作业证（应急管理）、电工证")
    low = seeker("L", "低压电工作业操作证（2021年取证）")
    assert (violations(old, job, GAZ), violations(low, job, GAZ)) == ([], ["certificate"])
    assert takers(job, [old, low], kernel=kernel, monkeypatch=monkeypatch) == ["O"]


# ------------------------------------------------------------------------------------------------ M4


def test_a_resit_passed_is_held() -> None:
    assert normalise_certificates("焊工证（补考通过）") == {"焊工证"}
    assert normalise_certificates("叉车证(补考后拿到)") == {"叉车证"}
    assert normalise_certificates("焊工证补考过了") == {"焊工证"}
    # look-alikes: a resit to come is none
    assert normalise_certificates("焊工证（补考中）") == set()
    assert normalise_certificates("叉车证(补考)") == set()


def test_an_exam_to_come_unholds_only_the_certificate_it_names() -> None:
    assert normalise_certificates("C1驾照(2019年拿到，明年考B2)") == {"C1", "C2"}
    assert normalise_certificates("C1驾照（下月考A2）、电工证") == {"C1", "C2", "电工证"}
    assert held_certificates("C1驾照(2019年拿到，明年考B2)") == {"C1", "C2"}
    # look-alikes: the item's own certificate to come is none
    assert normalise_certificates("电工证（明年考）") == set()
    assert normalise_certificates("明年考电工证") == set()
    assert normalise_certificates("电工证（下个月考试）") == set()
    assert lapsed_certificates("C1驾照(2019年拿到，明年考B2)") == set()


# ------------------------------------------------------------------------------------------------ L6


def test_a_failed_english_test_is_read_up_to_the_next_test() -> None:
    assert seeker_languages("英语四级过了六级没过") == {ENGLISH}
    assert seeker_languages("CET-4过了CET-6没过") == {ENGLISH}
    # look-alikes: the test failed is still failed
    assert seeker_languages("英语四级考了410分没过") == set()
    assert seeker_languages("英语四级没过六级也没过") == set()
    assert seeker_languages("英语六级没过") == set()
