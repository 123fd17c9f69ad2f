"""cr28 #4: since tryout27 #2 only the county office and the 人社局 clear a posting flagged as discriminatory, yet the
township's 工作台 still asked it "疑似就业歧视的岗位待核查", leading to a page whose only button is 下架. The to-do now goes
to who may clear; the township's posting list still leads with the flagged ones."""

from __future__ import annotations

import pytest

from jianfu.employment import workbench
from jianfu.employment.models import PostingStatus
from jianfu.employment.tests.factories import TOWN, hrss_account, posting_in

pytestmark = pytest.mark.django_db
FLAGGED = "疑似就业歧视的岗位待核查"


def test_the_flagged_posting_to_do_goes_to_who_may_clear_it(world):
    hrss_account(world)
    posting_in(TOWN, status=PostingStatus.FLAGGED, title="保洁员")
    asked = {
        u: [t.count for t in workbench.todos(world.users[u]) if t.title == FLAGGED]
        for u in ("county_office", "dept_hrss", "town_quzhang", "village_a")
    }
    assert asked == {"county_office": [1], "dept_hrss": [1], "town_quzhang": [], "village_a": []}
    page = world.client("town_quzhang").get("/employment/postings/").content.decode()
    assert "1 个岗位疑似歧视，待核查：点此查看" in page
