"""Session 18: the website and `make eval-matching` score with the same text model. The evaluation fits it on a
split's postings and seekers together (`Matcher(jobs=…, seekers=…)`); the website holds the two sides in different
matchers (every open posting; a scope's people) and gives both the county's model (`fit_text` over both sides,
`Matcher.with_text`). Built the website's way, a split ranks exactly as the evaluation ranks it, in both directions;
built as the website did before (each side fitted on itself), it does not."""

from __future__ import annotations

from jianfu.employment.matching import evaluate
from jianfu.employment.matching.matcher import Matcher, fit_text
from jianfu.employment.matching.places import Gazetteer
from jianfu.employment.matching.text import TextEncoder
from jianfu.employment.matching.types import Job, Seeker


def _lists(posting_side: Matcher, seeker_side: Matcher, jobs: list[Job], seekers: list[Seeker]) -> tuple[list, list]:
    """Every seeker's top-10 postings from the posting side, every posting's top-10 seekers from the seeker side,
    with their scores."""
    by_seeker = [[(r.job_id, r.score) for r in posting_side.jobs_for(s, top=10)] for s in seekers]
    by_job = [[(r.seeker_id, r.score) for r in seeker_side.seekers_for(j, top=10)] for j in jobs]
    return by_seeker, by_job


def _website_sides(jobs: list[Job], seekers: list[Seeker], gaz: Gazetteer, text: TextEncoder | None) -> tuple:
    """As `matchsvc` builds them: the posting side and a scope's index without a model of their own, given `text`
    (or, when None, each fitted on its own side, as before session 18)."""
    empty = TextEncoder.empty()
    posting_side = Matcher(jobs=jobs, gazetteer=gaz, year=evaluate.EVAL_YEAR, text_encoder=empty if text else None)
    seeker_side = Matcher(seekers=seekers, gazetteer=gaz, year=evaluate.EVAL_YEAR, text_encoder=empty if text else None)
    if text is not None:
        posting_side, seeker_side = posting_side.with_text(text), seeker_side.with_text(text)
    return posting_side, seeker_side


def test_the_websites_construction_ranks_a_split_as_the_evaluation_does() -> None:
    seekers, jobs, _qrels = evaluate.load_split("dev5")
    gaz = Gazetteer.builtin()
    evaluated = Matcher(jobs=jobs, seekers=seekers, gazetteer=gaz, year=evaluate.EVAL_YEAR)     # `evaluate`'s
    expected = _lists(evaluated, evaluated, jobs, seekers)
    model = fit_text(jobs, seekers)
    assert model.key == evaluated.text.key and model.dims == evaluated.text.dims == 64
    assert _lists(*_website_sides(jobs, seekers, gaz, model), jobs, seekers) == expected
    # each side fitted on itself (the website before session 18): other lists in both directions
    by_seeker, by_job = _lists(*_website_sides(jobs, seekers, gaz, None), jobs, seekers)
    assert by_seeker != expected[0] and by_job != expected[1]


def test_with_text_leaves_the_matcher_as_it_was_and_a_model_of_the_same_key_is_kept() -> None:
    seekers, jobs, _qrels = evaluate.load_split("dev")
    gaz = Gazetteer.builtin()
    own = Matcher(jobs=jobs, gazetteer=gaz, year=evaluate.EVAL_YEAR)
    before = own.jvec.copy()
    model = fit_text(jobs, seekers)
    other = own.with_text(model)
    assert other is not own and other.text is model and own.jvec.shape == before.shape and (own.jvec == before).all()
    assert other.jobs is own.jobs and other.J is own.J and other.jvec.shape == (len(jobs), model.dims)
    assert other.with_text(fit_text(list(reversed(jobs)), seekers)) is other      # same texts, same key: no copy
    assert TextEncoder.corpus_key(["甲", "乙", "甲"]) == TextEncoder.corpus_key(["乙", "", "甲"]) != \
        TextEncoder.corpus_key(["甲", "丙"])
