from hypothesis import given
from hypothesis import strategies as st

from jianfu.orgs import codes


def test_levels_and_prefixes():
    assert codes.division_level("450000000000") == 1
    assert codes.division_level("450500000000") == 2
    assert codes.division_level("450521000000") == 3
    assert codes.division_level("450521200000") == 4
    assert codes.division_level("450521200206") == 5
    assert codes.division_level("450521200206001") == 6
    assert codes.significant_prefix("450521000000") == "450521"
    assert codes.significant_prefix("450521200000") == "450521200"
    assert codes.significant_prefix("450521000000D07") == "450521000000D07"
    assert codes.parent_code("450521200206") == "450521200000"
    assert codes.parent_code("450521200206001") == "450521200206"
    assert codes.parent_code("450521000000D07") == "450521000000"
    assert codes.parent_code("450000000000") is None
    assert codes.normalise_code("450521") == "450521000000"


def test_upper_bound():
    assert codes.upper_bound("450521") == "450522"
    assert codes.upper_bound("450529") == "45053"
    assert codes.upper_bound("99") is None


code_strategy = st.from_regex(r"\A[0-9]{12}([0-9]{3}|D[0-9]{2})?\Z", fullmatch=True)
prefix_strategy = st.from_regex(r"\A[0-9]{1,12}\Z", fullmatch=True)


@given(code=code_strategy, prefix=prefix_strategy)
def test_range_equals_startswith(code, prefix):
    """The range scan used in SQL selects exactly the codes that start with the prefix."""
    upper = codes.upper_bound(prefix)
    in_range = code >= prefix and (upper is None or code < upper)
    assert in_range == code.startswith(prefix)
