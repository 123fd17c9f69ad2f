"""newuser22 #4: "曲木村卫生室门前道路塌陷" went to 卫生健康局 (村卫生室与乡村医生); the problem is the road. A place phrase
(X门前 / 门口 / 旁边 / 对面 + the problem) names where, not what: the catalogue router weighs the problem after
it (`text.without_places`, `CatalogueRouter.PLACE_WEIGHT`)."""

from __future__ import annotations

import pytest

from jianfu.dispatch.routing import CatalogueRouter, routers
from jianfu.dispatch.routing.text import normalize, without_places


@pytest.mark.parametrize(("text", "problem"), [
    ("曲木村卫生室门前道路塌陷", "道路塌陷"),
    ("学校门口有人摆摊卖三无食品", "有人摆摊卖三无食品"),
    ("派出所对面的垃圾堆了好几天没人清运", "垃圾堆了好几天没人清运"),
    ("村委会对面的河道有人非法采砂。已经半个月了", "河道有人非法采砂。已经半个月了"),
    ("附近居民反映卫生室夜里噪音大", None),        # 附近 says who, not where: not a place word
    ("我们村三队老李家新盖的那栋楼门口垃圾成堆", None),   # a lead-in past 12 characters is a sentence, not a place
    ("路灯坏了，卫生院旁边的水管也爆了", "路灯坏了,水管也爆了"),    # NFKC: the comma is ASCII
    ("路灯坏了，就在卫生室旁边", None),          # nothing after the place phrase: left alone
    ("卫生室门前有水", None),                     # too little after it to say a problem (2 characters)
    ("村卫生室经常关门，找不到村医", None),        # no place phrase
    ("", None),
])
def test_without_places(text, problem):
    assert without_places(normalize(text)) == problem


@pytest.fixture(scope="module")
def router(catalogue):
    """Without the embedding view (26 s to build instead of minutes): the text views the place rule acts on."""
    return CatalogueRouter(catalogue[0], use_embedding=False)


def _top(router, text, k=2):
    return [(c.matter_code, c.department) for c in router.route(text, k=k)]


@pytest.mark.parametrize(("text", "before", "after"), [
    ("曲木村卫生室门前道路塌陷", ("WJ-006", "WJ"), ("JT-004", "JT")),
    ("小学门前的水沟堵塞污水横流", ("HB-002", "HB"), ("HB-002", "HB")),
])
def test_the_problem_after_the_place_decides(router, monkeypatch, text, before, after):
    assert _top(router, text)[0] == after
    assert "WJ" not in {d for _m, d in _top(router, text)} and "JY" not in {d for _m, d in _top(router, text)}
    monkeypatch.setattr(routers, "without_places", lambda _text: None)     # the rule off: as before session 22
    assert _top(router, text)[0] == before


@pytest.mark.parametrize(("text", "matter"), [
    ("学校门口有人摆摊卖三无食品", "SJ-001"),
    ("卫生院旁边的路灯坏了一个月", "CG-005"),
    ("派出所对面的垃圾堆了好几天没人清运", "CG-003"),
    ("村委会附近的河道有人非法采砂", "SL-001"),
    ("医院门口经常乱停车堵路", "CG-010"),
    ("村卫生室经常关门，找不到村医", "WJ-006"),     # the 卫生室 is the problem here: no place phrase
    ("路灯坏了，就在卫生室旁边", "CG-005"),
])
def test_place_phrases_do_not_change_what_was_right(router, text, matter):
    assert router.route(text, k=1)[0].matter_code == matter


def test_the_same_scores_in_a_batch(router):
    texts = ["曲木村卫生室门前道路塌陷", "村卫生室经常关门，找不到村医", "学校门口有人摆摊卖三无食品"]
    batch = router.route_batch(texts, k=3)
    assert [[(c.matter_code, round(c.score, 6)) for c in cs] for cs in batch] == [
        [(c.matter_code, round(c.score, 6)) for c in router.route(t, k=3)] for t in texts]
