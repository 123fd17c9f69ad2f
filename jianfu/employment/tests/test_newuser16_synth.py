"""newuser16: the demo's job "东莞市新海鞋业有限公司 · 广东佛山" — a firm named after one city working in another. A
synthetic Guangdong firm is now named after the city its job is in; every other field is drawn as before."""

from __future__ import annotations

from jianfu.employment.matching import synth


def test_a_guangdong_firm_is_named_after_the_city_it_works_in():
    jobs = list(synth.jobs(3000, seed=11))
    named = [(j.employer, j.place) for j in jobs if j.employer.startswith(tuple(f"{c}市" for c in synth.GUANGDONG_CITIES))]
    assert len(named) == 145
    assert all(place == f"广东{employer[:2]}" for employer, place in named)
    assert {place for _e, place in named} == set(synth.OUTSIDE_PLACES)   # every outside place still drawn


def test_only_the_city_of_the_name_changes():
    assert synth._employer_city("东莞市新海鞋业有限公司", "广东佛山") == "佛山市新海鞋业有限公司"
    assert synth._employer_city("东莞市新海鞋业有限公司", "广东东莞") == "东莞市新海鞋业有限公司"
    assert synth._employer_city("合浦鑫海水产食品有限公司", "广东佛山") == "合浦鑫海水产食品有限公司"
    assert synth._employer_city("佛山市宏达家具有限公司", "外省") == "佛山市宏达家具有限公司"
