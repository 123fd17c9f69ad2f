"""Session 22 (emp-dev22, issue 8 item 3): the 新就业形态 families where the matcher's trades disagreed with blind21's
convention 11 — 代驾 beside the car driver, 跑腿/闪送 beside the food-delivery rider, the 社区团购 团长 of her own, a
parcel station (驿站) the courier's, cooking in a home the home help's, 宽带 装维 beside 家电/空调. Own sentences."""

from __future__ import annotations

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.features import OCC_INDEX, job_occupations, seeker_occupations
from jianfu.employment.matching.matcher import MIDDLE_SIMILARITY, occupation_similarity


def occupation_similarity_codes(a: str, b: str) -> float:
    return occupation_similarity(OCC_INDEX[a], OCC_INDEX[b])


@pytest.mark.parametrize(
    ("title", "codes"),
    [
        ("酒楼代驾（晚班）", ("4-02-10",)),
        ("同城跑腿员", ("4-02-11",)),
        ("同城闪送员", ("4-02-11",)),
        ("外卖专送骑手", ("4-02-05",)),
        ("小区团购团长", ("4-01-08",)),
        ("菜鸟驿站收发员", ("4-02-04",)),
        ("上门做饭阿姨", ("4-10-01",)),
        # look-alikes keep their trades: a company's mail clerk, a canteen cook, a ride-hailing driver
        ("办公室收发员", ("3-01-01",)),
        ("食堂帮厨", ("4-03-03",)),
        ("网约车司机", ("4-02-01",)),
    ],
)
def test_a_postings_trade(title: str, codes: tuple[str, ...]) -> None:
    assert job_occupations(Job(id="J", title=title)) == codes


def test_a_wish_names_the_trade() -> None:
    assert [c for c, _w in seeker_occupations(Seeker(id="S", desired="想做社区团购团长"))] == ["4-01-08"]
    assert [c for c, _w in seeker_occupations(Seeker(id="S", desired="晚上做代驾"))] == ["4-02-10"]
    assert [c for c, _w in seeker_occupations(Seeker(id="S", desired="送外卖、跑腿都行"))] == [
        "4-02-05",
        "4-02-11",
    ]


@pytest.mark.parametrize(
    ("a", "b", "similarity"),
    [
        ("4-02-10", "4-02-01", 0.6),  # 代驾 and 网约车: neighbours, 1 for each other
        ("4-02-11", "4-02-05", 0.7),  # 跑腿 and 外卖: one rider family, 1 for "想跑外卖"
        ("4-01-08", "4-01-03", 0.5),  # 团长 for a 直播 wish
        ("4-01-08", "4-04-01", 0.5),  # 团长 for a 电商客服 wish
        ("4-04-02", "4-12-02", 0.5),  # 宽带 装维 and 家电/空调: one 上门师傅 family
        (
            "4-02-10",
            "4-02-05",
            MIDDLE_SIMILARITY,
        ),  # a driver is no rider: only the middle class 4-02 in common
    ],
)
def test_the_families_relations(a: str, b: str, similarity: float) -> None:
    assert occupation_similarity_codes(a, b) == similarity
    assert occupation_similarity_codes(b, a) == similarity


def test_a_ride_hailing_wish_puts_its_own_trade_before_the_neighbour() -> None:
    ride = Job(id="J1", title="网约车司机", place="廉州镇", description="开公司车，时间自由")
    valet = Job(id="J2", title="代驾司机", place="廉州镇", description="晚上接单，时间自由")
    seeker = Seeker(id="S1", age=35, residence="廉州镇", desired="想跑网约车", certificates="C1")
    recs = Matcher(jobs=[valet, ride], seekers=[seeker], gazetteer=Gazetteer.builtin()).jobs_for(seeker)
    assert [r.job_id for r in recs] == ["J1", "J2"]
