"""Session 11: pay per piece of work ("一场一百多", "一个柜300", "每吨80") is piece rate with no monthly figure, not a
monthly wage of 100 or 300 refused as out of range; a time unit written beside it still makes it a daily or monthly
wage. Found when an outside writer's wage cells were refused with a misleading message."""

from __future__ import annotations

import pytest

from jianfu.employment.matching.parse import Wage, parse_wage


@pytest.mark.parametrize(("text", "wage"), [
    ("一场一百多", Wage(piece_rate=True)),            # a banquet or event helper, paid per event
    ("一个柜300", Wage(piece_rate=True)),             # loading a container
    ("每吨80", Wage(piece_rate=True)),
    ("0.5元/件", Wage(piece_rate=True)),
    ("每车200元", Wage(piece_rate=True)),
    ("一趟50，面议", Wage(negotiable=True, piece_rate=True)),
    ("按柜计，一天300左右", Wage(7800, 7800, piece_rate=True)),   # a time unit beside it: 300 a day, 26 days
    ("按单结，月入过万", Wage(10000, None, piece_rate=True)),
    ("日结200，一单一结", Wage(5200, None)),
    ("车间普工4000", Wage(4000, None)),                 # 车间 is a workshop, not a truckload
    ("一天一百多", Wage(2600, None)),
])
def test_pay_per_piece_of_work(text: str, wage: Wage) -> None:
    assert parse_wage(text) == wage


def test_an_unreadable_wage_is_still_refused_in_words() -> None:
    with pytest.raises(ValueError, match="无法识别的工资“看情况”"):
        parse_wage("看情况")
