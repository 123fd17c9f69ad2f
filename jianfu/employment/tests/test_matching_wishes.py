"""What a seeker asks for, read whole (issue 8; session 9, from a new user's trial: a seeker who wrote "想在县里找个服装厂
或者超市的活" and chose 缝纫工 on the form was offered only electronics work, by her past work)."""

from jianfu.employment.matching import synth
from jianfu.employment.matching.features import W_DESIRED, W_EXPERIENCE, _wish_and_past, seeker_occupations
from jianfu.employment.matching.types import Seeker


def test_a_code_chosen_on_the_form_keeps_the_other_wishes_of_the_words():
    seeker = Seeker(id="s", desired="想在县里找个服装厂或者超市的活", occupation_codes=("6-05-01",))
    slots = dict(seeker_occupations(seeker))
    assert slots["6-05-01"] == W_DESIRED          # the chosen code, first
    assert slots["4-01-01"] == W_DESIRED          # 超市 is still a wish
    assert next(iter(slots)) == "6-05-01"


def test_past_work_said_in_the_wish_field_is_experience_not_a_wish():
    assert _wish_and_past("想进服装厂，做过三年流水线") == ("想进服装厂", "做过三年流水线")
    assert _wish_and_past("以前在东莞做过保安，想做保安") == ("想做保安", "以前在东莞做过保安")
    assert _wish_and_past("做过厨师") == ("做过厨师", "")      # nothing else said: the past work is the wish
    assert _wish_and_past("想进厂") == ("想进厂", "")
    assert _wish_and_past("做过流水线。") == ("做过流水线。", "")     # a full stop is no second clause (diff review)
    assert seeker_occupations(Seeker(id="s", desired="做过流水线。")) == seeker_occupations(Seeker(id="s", desired="做过流水线"))
    slots = dict(seeker_occupations(Seeker(id="s", desired="想做保安，以前干过厨师")))
    assert slots["4-07-01"] == W_DESIRED          # 保安, the wish
    assert slots["4-03-01"] == W_EXPERIENCE       # 厨师, what they did


def test_every_demo_title_has_its_own_description_and_certificates():
    titles = [title for sector in synth.SECTORS for title in sector.titles]
    assert [t for t in titles if t not in synth.ROLE_DETAILS] == []
    jobs = list(synth.jobs(300, seed=7))
    cashier = [j for j in jobs if j.title == "收银员"]
    assert cashier and all(j.description in synth.ROLE_DETAILS["收银员"][0] for j in cashier)
