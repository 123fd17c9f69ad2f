"""Session 28 (fix-explain28): a wage range is explained honestly. "月薪2800–3500元，达到期望3500元" said the whole range
met a wish only its top reaches; the top is said as meeting it and the bottom as short of it, the score unchanged."""

from __future__ import annotations

import pytest

from jianfu.employment.matching import Job, Seeker, matcher
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths

RANGE = Job("RANGE", title="仓库分拣员", wage="2800-3500元/月", place="廉州镇")
FIXED = Job("FIXED", title="仓库分拣员", wage="3500元", place="廉州镇")
ABOVE = Job("ABOVE", title="仓库分拣员", wage="3600-4000元", place="廉州镇")
BELOW = Job("BELOW", title="仓库分拣员", wage="2500-3000元", place="廉州镇")
PIECE = Job("PIECE", title="仓库分拣员", wage="3000元+计件", place="廉州镇")
BY_DAY = Job("BY_DAY", title="仓库分拣员", wage="150-200元/天", place="廉州镇")
PER_TON = Job("PER_TON", title="砍甘蔗", wage="每吨60-80元", place="廉州镇")

MONTHLY = Seeker("MONTHLY", age=35, residence="廉州镇", desired="分拣", wage="3500")
HIGHER = Seeker("HIGHER", age=35, residence="廉州镇", desired="分拣", wage="4500")
DAILY = Seeker("DAILY", age=35, residence="廉州镇", desired="分拣", wage="180元/天")
TONS = Seeker("TONS", age=45, residence="廉州镇", desired="砍甘蔗", wage="一吨不低于70")


def _pay(seeker: Seeker, jobs: list[Job]) -> dict[str, tuple[list[str], list[str], float]]:
    """Each posting's wage phrases for `seeker`: (met, unmet, score)."""
    wage = ("月薪", "工资")
    recs = matcher.Matcher(jobs=jobs, seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    return {
        r.job_id: (
            [p for p in r.met if p.startswith(wage)],
            [p for p in r.unmet if p.startswith(wage)],
            r.score,
        )
        for r in recs
    }


@both_paths
def test_a_monthly_range_whose_top_alone_reaches_the_wish(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    said = _pay(MONTHLY, [RANGE, FIXED, ABOVE, BELOW, PIECE])
    assert said["RANGE"][:2] == (
        ["月薪2800–3500元，最高3500元可达到期望3500元"],
        ["月薪最低2800元，低于期望3500元"],
    )
    # the look-alikes: one figure, a range wholly above, a range wholly below — as before
    assert said["FIXED"][:2] == (["月薪3500元，达到期望3500元"], [])
    assert said["ABOVE"][:2] == (["月薪3600–4000元，达到期望3500元"], [])
    assert said["BELOW"][:2] == ([], ["月薪2500–3000元，低于期望3500元"])
    # a piece rate with no top written: its top is the matcher's allowance (3000 × 1.3), not a figure the employer wrote
    assert said["PIECE"][:2] == (
        ["月薪3000–3900元，计件/提成后约3900元可达到期望3500元"],
        ["月薪最低3000元，低于期望3500元"],
    )
    # the score is the top's, as before: the range scores as the one figure 3500
    assert said["RANGE"][2] == said["FIXED"][2]


@both_paths
def test_a_range_by_the_day_against_a_monthly_wish(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    said = _pay(HIGHER, [BY_DAY])
    assert said["BY_DAY"][:2] == (
        ["工资150-200元/天（约合3900–5200元/月），最高约合5200元/月可达到期望4500元"],
        ["工资最低约合3900元/月，低于期望4500元"],
    )


@both_paths
def test_a_range_in_the_unit_wished(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    # said whole ("工资200元/天" showed the top alone), and the top as meeting the wish, the bottom as short of it
    assert _pay(DAILY, [BY_DAY])["BY_DAY"][:2] == (
        ["工资150–200元/天，最高200元/天可达到期望180元/天"],
        ["工资最低150元/天，低于期望180元/天"],
    )
    assert _pay(TONS, [PER_TON])["PER_TON"][:2] == (
        ["工资60–80元/吨，最高80元/吨可达到期望70元/吨"],
        ["工资最低60元/吨，低于期望70元/吨"],
    )
    # a range wholly above the wish is met whole
    above = Job("DAY_ABOVE", title="仓库分拣员", wage="200-260元/天", place="廉州镇")
    assert _pay(DAILY, [above])["DAY_ABOVE"][:2] == (["工资200–260元/天，达到期望180元/天"], [])
