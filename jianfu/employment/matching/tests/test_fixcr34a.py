"""Session 34 (fixcr34a): the code review's matcher findings on session 33's work — a certificate refused is not one a
post asks without which it takes nobody (H1), a card got in the past is no exam to come (H2), a vet's licence is no
doctor's (M3), a wish word inside another word or negated names no wished place (M4), a refusal written verb first
(L5), 同等学力 and "或以上" are no qualification alternative (L6), the certificate list spreads each entry once (L7)."""

from __future__ import annotations

import pytest

from jianfu.employment.matching import parse
from jianfu.employment.matching.features import _wish_and_past, seeker_occupations
from jianfu.employment.matching.parse import (
    ASSISTANT_PHYSICIAN,
    CERT_BITS,
    CERTIFICATES,
    PHYSICIAN,
    SESSION33_DOCTORS,
    SESSION33_LICENCES,
    VILLAGE_DOCTOR,
    held_certificates,
    parse_education,
    parse_required_certificates,
    parse_required_education,
)
from jianfu.employment.matching.tests.two_paths import GAZ
from jianfu.employment.matching.types import Seeker

pytestmark = pytest.mark.usefixtures("ages_in_2026")

NONE: frozenset[str] = frozenset()


# ------------------------------------------------------------------------- H1: "无X证不可" asks X


def test_no_card_no_job_asks_the_card() -> None:
    assert parse_required_certificates("身体健康，无电工证不可") == ({"电工证"}, NONE)
    assert parse_required_certificates("招电工，电工证缺了不行") == ({"电工证"}, NONE)
    assert parse_required_certificates("电工岗位（无电工证不可）") == ({"电工证"}, NONE)
    assert parse_required_certificates("叉车工，没有叉车证不行") == ({"叉车证"}, NONE)
    assert parse_required_certificates("焊工（未持焊工证不可）") == ({"焊工证"}, NONE)


def test_a_card_refused_is_still_not_asked() -> None:
    # session 33's readings stay: the card named is the one not taken
    assert parse_required_certificates("须持执业医师证书，执业助理医师不可") == ({PHYSICIAN}, NONE)
    assert parse_required_certificates("执业助理医师及以上（乡村医生证不可）") == ({ASSISTANT_PHYSICIAN}, NONE)
    assert parse_required_certificates("须持电工证（焊工证不行）") == ({"电工证"}, NONE)
    assert parse_required_certificates("须持健康证，焊工证不接受") == ({"健康证"}, NONE)
    assert parse_required_certificates("须持执业医师证书，执业助理医师不接受") == ({PHYSICIAN}, NONE)
    # and "缺一不可" asks them all
    assert parse_required_certificates("健康证、执业医师证书缺一不可") == ({"健康证", PHYSICIAN}, NONE)


# ------------------------------------------------------------------------- H2: a card got in the past is held


def test_a_card_got_at_a_past_years_end_or_years_after_is_held() -> None:
    assert held_certificates("叉车证（去年年底考出来的）") == {"叉车证"}
    assert held_certificates("焊工证（去年年底考到手）") == {"焊工证"}
    assert held_certificates("电工证（工作两年后考到的）") >= {"电工证"}
    assert held_certificates("叉车证（毕业一年后考取）") == {"叉车证"}
    assert held_certificates("叉车证（去年下半年考出来的）") == {"叉车证"}
    assert held_certificates("焊工证（前年年底才考到）") == {"焊工证"}


def test_an_exam_ahead_is_still_not_held() -> None:
    assert held_certificates("无（护士资格证明年5月才考）") == NONE
    assert held_certificates("叉车证（下半年才考）") == NONE
    assert held_certificates("叉车证（年底再考）") == NONE
    assert held_certificates("焊工证（年后再考）") == NONE
    assert held_certificates("叉车证（明年考）") == NONE


# ------------------------------------------------------------------------- M3: a vet's licence is no doctor's


def test_a_vets_licence_is_no_doctors() -> None:
    assert held_certificates("兽医师执业证书") == NONE
    assert held_certificates("执业兽医师资格证") == NONE
    assert held_certificates("兽医师资格证") == NONE
    assert held_certificates("乡村兽医证") == NONE
    assert parse_required_certificates("需持执业兽医师资格证") == (NONE, NONE)
    # the doctor's own licences are still read, also beside a vet's
    doctor = {PHYSICIAN, ASSISTANT_PHYSICIAN, VILLAGE_DOCTOR}
    assert held_certificates("医师资格证") == doctor
    assert held_certificates("执业医师证书（内科）") == doctor
    assert held_certificates("兽医师资格证、执业医师证") == doctor
    assert parse_required_certificates("须持医师资格证书") == ({PHYSICIAN}, NONE)


# ------------------------------------------------------------------------- M4: a wish word standing alone


def test_a_wish_word_inside_another_word_or_negated_names_no_place() -> None:
    home = GAZ.resolve("廉州镇")
    assert GAZ.acceptable("县城", home=home, notes="主要在东莞的时候工资6000") == (1, ())
    assert GAZ.acceptable("县城", home=home, notes="不想在东莞上班时工资太低") == (1, ())
    assert GAZ.acceptable("县城", home=home, notes="没想到在东莞时工资才3000") == (1, ())
    assert GAZ.acceptable("县城", home=home, notes="需要说明在深圳的时候月薪8000") == (1, ())
    assert GAZ.acceptable("县城", home=home, notes="不愿意在广州打工的时候工资5000") == (1, ())


def test_a_wish_word_standing_alone_still_names_the_place() -> None:
    # fixcr33a's and fixcr33d's readings stay
    assert GAZ.acceptable("", home=None, notes="只想在北海工资4000以上就行") == (3, ("4505",))
    assert GAZ.acceptable("", home=None, notes="希望能在南宁上班时工资5000以上") == (2, ("4501",))
    assert GAZ.acceptable("", home=None, notes="我要在南宁上班时工资5000以上") == (2, ("4501",))
    assert GAZ.acceptable("", home=None, notes="想在钦州做事时工资3000") == (2, ("4507",))


# ------------------------------------------------------------------------- L5: a refusal written verb first


def test_a_refusal_verb_first_is_not_the_wish() -> None:
    assert _wish_and_past("啥活都行，不干保安") == ("啥活都行", "")
    assert _wish_and_past("想做厨师，就是不干保洁") == ("想做厨师", "")
    assert _wish_and_past("进厂，但是不做夜班") == ("进厂", "")
    codes = [c for c, _ in seeker_occupations(Seeker(id="X", age=40, residence="廉州镇", desired="想做厨师，就是不干保洁"))]
    assert "4-09-01" not in codes and "4-03-01" in codes


def test_a_refusal_naming_a_kind_of_the_work_wished_stays() -> None:
    # the refusal names the kind of work the rest asks for, or the rest names no work of its own
    assert _wish_and_past("只做英语讲解，不做中文导游") == ("只做英语讲解，不做中文导游", "")
    assert _wish_and_past("只带英语团，不做中文导游") == ("只带英语团，不做中文导游", "")
    assert _wish_and_past("不干保安") == ("不干保安", "")
    # session 33's object-first refusals stay
    assert _wish_and_past("什么活都可以，就是保安和门卫不干") == ("什么活都可以", "")


# ------------------------------------------------------------------------- L6: 同等学力, "或以上"


def test_an_equal_level_or_or_above_is_no_qualification_alternative() -> None:
    assert parse_required_education("大专或同等学力证明") == 4
    assert parse_required_education("本科或以上教师资格证") == 5
    assert parse_required_certificates("本科或以上教师资格证") == ({"教师资格证"}, NONE)
    assert parse_required_education("高中或同等学力") == 3
    # the qualification alternatives stay read as asking no level
    assert parse_required_education("本科及以上或中级会计职称（满足其一）") == 0
    assert parse_required_education("本科或以上或中级会计职称") == 0
    assert parse_required_education("大专以上学历，或者持有电工证") == 0
    assert parse_education("大专或同等学力证明") == 4


# ------------------------------------------------------------------------- L7: one spread each


def test_each_licence_entry_keeps_its_place_and_bit() -> None:
    assert len(CERTIFICATES) == 229   # + emp-read34's two terms (SESSION34_TERMS) after the doctors, emp-left34's two, emp-read35's three at the end; emp-left35: five (4–8 of the fifth); emp-left36: seventeen (9–25)
    names = list(CERTIFICATES)
    licences = [names.index(n) for n in SESSION33_LICENCES]
    doctors = [names.index(n) for n in SESSION33_DOCTORS]
    assert licences == [192, 193, 194, 195] and doctors == [196, 197, 198, 199]
    assert [tuple(CERT_BITS[n]) for n in SESSION33_LICENCES] == [(3, 1 << 53), (3, 1 << 54), (4, 1 << 0), (4, 1 << 1)]
    assert parse.CERT_WORDS == 5
