"""Session 33 (fixcr33d): a place wished with a wage is named whatever word stands between the wish and 在; a wage
earned before at a place still names none."""

from __future__ import annotations

import pytest

from jianfu.employment.matching.tests.two_paths import GAZ

pytestmark = pytest.mark.usefixtures("ages_in_2026")


def test_a_wish_with_a_word_before_zai_still_names_the_place() -> None:
    assert GAZ.acceptable("", home=None, notes="希望能在南宁上班时工资5000以上") == (2, ("4501",))
    assert GAZ.acceptable("", home=None, notes="最好能在北海上班时月薪4000") == (3, ("4505",))
    assert GAZ.acceptable("", home=None, notes="愿意在钦州做事时工资3000") == (2, ("4507",))
    assert GAZ.acceptable("", home=None, notes="打算去在南宁干活时工资5000") == (2, ("4501",))
    # fixcr33a's cases, a wish word right before 在, stay named
    assert GAZ.acceptable("", home=None, notes="只想在北海工资4000以上就行") == (3, ("4505",))
    assert GAZ.acceptable("", home=None, notes="希望在南宁工资5000以上") == (2, ("4501",))


def test_a_wage_earned_before_at_a_place_names_none() -> None:
    home = GAZ.resolve("廉州镇")
    # the look-alikes: the same shape with a past marker, or without a wish, is a wage earned before
    assert GAZ.acceptable("县城", home=home, notes="以前在东莞上班时工资6000") == (1, ())
    assert GAZ.acceptable("县城", home=home, notes="之前在深圳月薪8000") == (1, ())
    assert GAZ.acceptable("县城", home=home, notes="在广州打工的时候工资5000") == (1, ())
    # a wish in an earlier clause is not this clause's; a past marker after the wish word wins
    assert GAZ.acceptable("县城", home=home, notes="想找稳定的活，在广州打工的时候工资5000") == (1, ())
    assert GAZ.acceptable("县城", home=home, notes="我要说以前在东莞上班时工资6000") == (1, ())


def test_a_past_wage_and_a_wished_place_in_one_note() -> None:
    assert GAZ.acceptable("", home=None, notes="以前在东莞上班时工资6000，现在希望能在南宁上班时工资5000以上") == (
        2, ("4501",))
    assert GAZ.acceptable("", home=None, notes="愿意在钦州做事时工资3000；之前在深圳月薪8000") == (2, ("4507",))
    # the 在 of "现在" is not the place's: the wish before the place's own 在 is read
    assert GAZ.acceptable("", home=None, notes="现在希望能在南宁上班时工资5000以上") == (2, ("4501",))
    assert GAZ.acceptable("县城", home=GAZ.resolve("廉州镇"), notes="现在在南宁上班时工资5000") == (1, ())
