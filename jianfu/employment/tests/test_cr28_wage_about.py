"""cr28 #2: tryout27 #4 read "约3000" as about 3000 only when the cell said nothing else: "月薪约3000", "工资：约3000元/月",
"约3000元，包吃住" — a job board's words — were still read as a floor and shown "3000元/月起" on the public list. The
"about" figure is now found wherever it stands; a floor, a range or a pay made of more than it keeps the core's
reading."""

from __future__ import annotations

import pytest

from jianfu.employment import parsing
from jianfu.employment.models import Posting


@pytest.mark.parametrize(
    ("text", "pair", "shown"),
    [
        ("月薪约3000", (3000, 3000), "约3000元/月"),
        ("工资：约3000元/月", (3000, 3000), "约3000元/月"),
        ("薪资约4500", (4500, 4500), "约4500元/月"),
        ("约3000元，包吃住", (3000, 3000), "约3000元/月"),
        ("约3千", (3000, 3000), "约3000元/月"),
        # as before
        ("约3000", (3000, 3000), "约3000元/月"),
        ("3000左右", (3000, 3000), "约3000元/月"),
        # a floor, a range, or more than the figure: the core's reading
        ("约3000起", (3000, None), "3000元/月起"),
        ("底薪约3000+提成", (3000, None), "3000元/月起"),
        ("约3000-4000", (3000, 4000), "3000–4000元/月"),
        ("3000以上", (3000, None), "3000元/月起"),
    ],
)
def test_about_a_figure_wherever_it_is_said(text, pair, shown):
    assert parsing.wage(text) == pair
    low, high = pair
    assert Posting(wage_text=text, wage_min=low, wage_max=high).wage_display == shown
