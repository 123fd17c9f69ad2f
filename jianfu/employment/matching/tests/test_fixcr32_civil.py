"""fixcr32 (code review of session 31, findings 4 and 6): a 户籍 condition needs a place or 本X before 户籍 (a document
list, "招农村户口" ask none); a city's 户籍 keeps a 户籍 in another county of that city; "不是党员" and a relative's 党员 are
no member; "初中语文、数学教师资格证" holds both 学科. Each beside a near-miss that must still read as before."""

from __future__ import annotations

import pytest

from jianfu.employment.matching import civil
from jianfu.employment.matching.tests.test_blind31_read import broken, notice, seeker
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")

ALL_PARTY = {civil.PARTY_MEMBER, civil.FULL_PARTY_MEMBER, civil.PARTY_OR_LEAGUE}


# ------------------------------------------------------------------------------------------------ finding 4: 户籍

@pytest.mark.parametrize(("text", "asked"), [
    ("报名要求提供身份证、户口本复印件", False),          # documents
    ("面试时须有户口本原件", False),
    ("报名须提供户籍证明", False),
    ("招农村户口", False),                                # a kind of 户口, no place
    ("限农村户籍人员", False),
    # near-misses: a place or 本X before 户籍 is a condition
    ("报名要求本县户籍", True),
    ("须有合浦县户口", True),
    ("限本村户籍", True),
    ("限北海市户籍", True),
    ("具有廉州镇户籍。", True),
])
def test_a_hukou_condition_names_a_place(text: str, asked: bool) -> None:
    assert (civil.LOCAL_HUKOU in civil.posting_needs("编外文员", text, "", "", "")) is asked


@pytest.mark.parametrize(("notes", "residence", "outside"), [
    ("户籍北海市海城区", "合浦县", False),      # another county of the prefecture one lives in (was True)
    ("户籍北海市海城区", "廉州镇", False),
    ("户籍湖南衡阳", "廉州镇", True),           # near-misses: another prefecture, another province
    ("户籍钦州市灵山县", "廉州镇", True),
    ("户籍白沙镇", "廉州镇", False),
])
def test_a_hukou_outside_is_compared_at_the_prefecture(notes: str, residence: str, outside: bool) -> None:
    assert civil.hukou_outside(notes, residence, GAZ) is outside


@both_paths
def test_a_city_hukou_notice_keeps_a_hukou_of_another_county_of_the_city(kernel: bool,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    city = notice("J1", description="限北海市户籍。公文收发，白班。")
    documents = notice("J2", description="报名要求提供身份证、户口本复印件。公文收发，白班。")
    haicheng = seeker("H", notes="户籍北海市海城区，在廉州镇住了3年")
    hunan = seeker("N", notes="户籍湖南永州，在廉州镇居住3年")
    assert broken(haicheng, city) == []
    assert broken(hunan, city) == ["civil:" + civil.LOCAL_HUKOU]
    assert takers(city, [haicheng, hunan], kernel=kernel, monkeypatch=monkeypatch) == ["H"]
    assert takers(documents, [haicheng, hunan], kernel=kernel, monkeypatch=monkeypatch) == ["H", "N"]


# --------------------------------------------------------------------------------------- finding 6: 党员, 学科

@pytest.mark.parametrize(("said", "lacks"), [
    ("不是党员", ALL_PARTY),
    ("我不是党员", ALL_PARTY),
    ("父亲是党员，本人群众", ALL_PARTY),
    ("家里爸爸是党员", set()),                    # a relative's, and none of one's own stated: unknown
    # near-misses: one's own membership
    ("中共党员", set()),
    ("党员，父亲也是", set()),
    ("政治面貌：中共党员", set()),
    ("预备党员", {civil.FULL_PARTY_MEMBER}),
])
def test_whose_party_membership(said: str, lacks: set[str]) -> None:
    assert civil.seeker_lacks(said, "", "", False) & ALL_PARTY == lacks


def test_a_teacher_certificate_naming_two_subjects_holds_both() -> None:
    subjects = set(civil.TEACHER_SUBJECTS)
    two = civil.seeker_lacks("", "", "", False, "初中语文、数学教师资格证") & subjects
    one = civil.seeker_lacks("", "", "", False, "初中数学教师资格证") & subjects
    assert sorted(subjects - two) == ["教师资格任教学科：数学", "教师资格任教学科：语文"]
    assert sorted(subjects - one) == ["教师资格任教学科：数学"]          # near-miss: one subject, one held
    # a post asking either of two asks no one 学科; asking one asks it
    assert civil.posting_needs("教师", "", "", "须持初中语文、数学教师资格证", "") & subjects == frozenset()
    assert civil.posting_needs("教师", "", "", "须持初中数学教师资格证", "") & subjects == {"教师资格任教学科：数学"}
