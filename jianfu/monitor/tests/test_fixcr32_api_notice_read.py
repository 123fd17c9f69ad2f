"""fixcr32 #8: opening a published notice through the API (`GET /api/v1/monitor/notices/<pk>/`) marks it read, as its
web page does (mend31 #2); a draft, a refused open, a list and an edit mark nothing."""

from __future__ import annotations

import pytest

from jianfu.monitor.models import NoticeRead
from jianfu.monitor.tests.test_mend31_notice_unread import _notice, _todo

pytestmark = pytest.mark.django_db


def test_the_api_detail_marks_a_published_notice_read_once(world):
    first = _notice(world, "第一批")
    second = _notice(world, "第二批")
    cadre = world.users["village_a"]
    api = world.api_client("village_a")
    assert api.get("/api/v1/monitor/notices/").status_code == 200         # the list opens none
    assert NoticeRead.objects.count() == 0
    assert api.get(f"/api/v1/monitor/notices/{second.pk}/").status_code == 200
    assert api.get(f"/api/v1/monitor/notices/{second.pk}/").status_code == 200     # again: one mark
    assert list(NoticeRead.objects.values_list("notice_id", "user_id")) == [(second.pk, cadre.pk)]
    assert _todo(cadre) == ("未读的本县典型问题通报", f"/monitor/notices/{first.pk}/", 1)
    assert _todo(world.users["village_b"]) == ("未读的本县典型问题通报", f"/monitor/notices/{second.pk}/", 2)


def test_a_draft_or_a_refused_open_through_the_api_marks_nothing(world):
    draft = _notice(world, "草稿", publish=False)
    published = _notice(world, "第一批")
    assert world.api_client("county_office").get(f"/api/v1/monitor/notices/{draft.pk}/").status_code == 200
    assert world.api_client("village_a").get(f"/api/v1/monitor/notices/{draft.pk}/").status_code == 404
    assert world.api_client("grid_a").get(f"/api/v1/monitor/notices/{published.pk}/").status_code in (403, 404)
    assert NoticeRead.objects.count() == 0
