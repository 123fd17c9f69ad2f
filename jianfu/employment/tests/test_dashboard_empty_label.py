"""codereview15 #11: the dashboard's line of units with nobody names the kind of unit its rows are — counties for an
all-scope account, towns for a county, villages for a town — not 乡镇（街道） for all but a town. (Above the county a
row is listed only when it has data, so the line is empty there today; the label is right when it is not.)"""

from __future__ import annotations

import pytest

from jianfu.employment import metrics


@pytest.mark.parametrize(("prefix", "label"), [
    (None, "无重点群体人员的县（市、区）"), ("45", "无重点群体人员的市"), ("4505", "无重点群体人员的县（市、区）"),
    ("450521", "无重点群体人员的乡镇（街道）"), ("450521200", "无重点群体人员的村（社区）")])
def test_the_label_follows_the_kind_of_the_rows(prefix, label):
    assert metrics.empty_units_label(prefix) == label

