"""The evaluation prints, beside the margin over the character floor, the share of the floor's shortfall the
matcher closes (ADR 0029): the margin alone cannot exceed 1 − floor."""

from hypothesis import given
from hypothesis import strategies as st

from jianfu.employment.matching.evaluate import shortfall_closed


def test_blind11_first_run_reads_as_its_share_of_the_headroom():
    # blind11's first run (docs/matching.md): matcher 0.937, floor 0.893 → +0.044 of at most 0.107
    assert shortfall_closed(0.937, 0.893) == "41% of 0.107"
    assert shortfall_closed(0.893, 0.893) == "0% of 0.107"
    assert shortfall_closed(1.0, 0.893) == "100% of 0.107"
    assert shortfall_closed(0.80, 0.90) == "-100% of 0.100"


def test_a_perfect_floor_has_no_share():
    assert shortfall_closed(1.0, 1.0) == "— (the floor is perfect)"


@given(floor=st.floats(0.0, 0.999), matcher=st.floats(0.0, 1.0))
def test_the_share_is_the_margin_over_the_headroom(floor, matcher):
    share, _, headroom = shortfall_closed(matcher, floor).partition(" of ")
    assert float(headroom) == round(1 - floor, 3)
    assert abs(float(share.rstrip("%")) - round(100 * (matcher - floor) / (1 - floor))) <= 1
