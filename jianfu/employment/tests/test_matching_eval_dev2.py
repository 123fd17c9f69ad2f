"""dev2's labels keep the set's written rule: no graded pair breaks a hard constraint by the independent oracle but two
(B-S18, "县城" = 廉州镇, was graded 1 on postings in 曲樟乡 and 闸口镇 until session 7; eval/README.md)."""

from collections import Counter

from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.evaluate import load_split
from jianfu.employment.matching.places import Gazetteer


def test_dev2_graded_pairs_break_no_hard_constraint_by_the_oracle():
    seekers, jobs, qrels = load_split("dev2")
    by_s, by_j = {s.id: s for s in seekers}, {j.id: j for j in jobs}
    assert (len(seekers), len(jobs), len(qrels)) == (20, 25, 30)
    assert not any(s == "B-S18" for s, _ in qrels)
    gaz = Gazetteer.builtin()
    # B-S19 (places "广东" only) graded 1 on two postings of the county: the other writers' rule (a far place named
    # alone = only there; dev3, blind3, blind4–6) that the matcher follows since session 7 — dev2 writes no rule on
    # it, so the labels are kept and listed (docs/matching.md, session 7)
    assert [p for p, g in sorted(qrels.items()) if g > 0 and violations(by_s[p[0]], by_j[p[1]], gaz)] == [
        ("B-S19", "B-J17"), ("B-S19", "B-J25")]
    assert Counter(qrels.values())[0] == 0
