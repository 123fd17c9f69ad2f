"""Session 13 (lead): readings after blind13's one run — wages named by their pay period alone, spoken ranges."""
import pytest

from jianfu.employment.matching.parse import Wage, parse_wage


@pytest.mark.parametrize(("text", "wage"), [
    # a pay period with no amount is a wish about how one is paid, not an unreadable wage (no expectation to compare)
    ("日结", Wage()),
    ("按天算也行", Wage()),
    ("按小时算", Wage()),
    ("周结最好", Wage()),
    ("月结就行", Wage()),
    ("计时", Wage()),
    # a spoken range: a hundred or a thousand, then two neighbouring digits of the next place down
    ("一百五六", Wage(150, 160)),
    ("三千五六", Wage(3500, 3600)),
    ("四千五六左右", Wage(4500, 4600)),
    ("日结一百五六", Wage(150 * 26, 160 * 26)),
    # not a spoken range: the digits are not neighbours, or a place follows
    ("三千五", Wage(3500, None)),
    ("两千八九", Wage(2800, 2900)),
])
def test_wage_readings(text, wage):
    assert parse_wage(text) == wage


@pytest.mark.parametrize("text", ["一百五七", "随手写的", "abc"])
def test_still_unreadable(text):
    with pytest.raises(ValueError, match="无法识别的工资"):
        parse_wage(text)
