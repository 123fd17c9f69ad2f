"""为何推荐 says a limit the posting respects in plain words, with the seeker's own (N15)."""

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.explain import spared_phrase

GAZ = Gazetteer.builtin()


def test_the_limits_a_posting_respects_read_as_what_the_work_spares_the_seeker():
    # the new user's profile: "做过流水线，想进厂，离家近", only day shifts
    seeker = Seeker(id="S", age=40, residence="曲樟乡", desired="做过流水线，想进厂，离家近", places="本镇",
                    notes="只能上白班")
    job = Job(id="J", title="电子厂普工", place="曲樟乡", description="流水线装配，长白班")
    (rec,) = Matcher(jobs=[job], gazetteer=GAZ).jobs_for(seeker, top=10)
    assert rec.met[-2:] == ["不上夜班、不倒班（符合“只能上白班”）", "无需离家住宿（符合“离家近”）"]
    assert "不涉及其不能做的" not in rec.reasons


def test_a_limit_implied_by_no_single_phrase_is_said_without_a_quote():
    assert spared_phrase("AWAY", Seeker(id="S", notes="离家近就行")) == "无需离家住宿（符合“离家近就行”）"
    assert spared_phrase("HEAVY", Seeker(id="S", notes="腰不好")) == "无需重体力搬运（符合“腰不好”）"
    assert spared_phrase("HEARING", Seeker(id="S")) == "无需长时间接听电话"
