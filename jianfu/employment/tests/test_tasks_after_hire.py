"""newuser19 #4: after 已投递 → 已面试 → 已录用 the page returned showed 已就业 beside "未就业，每30日走访一次…" and
"推荐“…”后回访结果" until a reload. The visit scan that cancels such tasks ran on the task queue after the change
committed, and the redirect's page was drawn before the worker got to it. The change now cancels the moot tasks in its
own transaction; the scan still makes the new ones. (Here, as in production before the worker runs, the queued scan
does not run: a test's transaction never commits, so its on_commit callbacks are not called.)"""

from __future__ import annotations

import pytest

from jianfu.employment import services, visits
from jianfu.employment.models import KeyStatus, VisitTask
from jianfu.employment.tests.factories import key_person_in, person_in, posting_in

pytestmark = pytest.mark.django_db


def _due(kp):
    return sorted(VisitTask.objects.filter(key_person=kp, status="due").values_list("reason", flat=True))


def test_the_page_after_a_hire_shows_no_visit_prompt(world):
    kp = key_person_in(person=person_in(name="谢慧"), profile={"desired_text": "想种大棚"})
    posting = posting_in(title="大棚种植工")
    referral = services.referral_create(actor=world.users["village_a"], key_person=kp, posting=posting)
    visits.visit_scan(key_person_ids=[kp.pk])
    assert _due(kp) == ["推荐“大棚种植工”后回访结果", "新纳入帮扶，7日内首次走访"]
    client = world.client("grid_a")
    for status in ("applied", "interviewed"):
        client.post(f"/employment/referrals/{referral.pk}/advance/", {"status": status})
    assert _due(kp) == ["推荐“大棚种植工”后回访结果", "新纳入帮扶，7日内首次走访"]   # still looking: still due
    page = client.post(f"/employment/referrals/{referral.pk}/advance/", {"status": "hired"}, follow=True)
    html = page.content.decode()
    kp.refresh_from_db()
    assert kp.status == KeyStatus.EMPLOYED and "已就业" in html
    assert "后回访结果" not in html and "首次走访" not in html and "每30日走访一次" not in html
    assert _due(kp) == []
    assert VisitTask.objects.filter(key_person=kp, status="cancelled").count() == 2


def test_a_referral_refused_while_another_is_open_closes_its_own_check_only(world):
    kp = key_person_in(profile={"desired_text": "想进厂"})
    first, second = posting_in(title="分拣工"), posting_in(title="仓管员")
    refused = services.referral_create(actor=world.users["village_a"], key_person=kp, posting=first)
    services.referral_create(actor=world.users["village_a"], key_person=kp, posting=second)
    visits.visit_scan(key_person_ids=[kp.pk])
    assert _due(kp) == ["推荐“仓管员”后回访结果", "推荐“分拣工”后回访结果", "新纳入帮扶，7日内首次走访"]
    client = world.client("grid_a")
    client.post(f"/employment/referrals/{refused.pk}/advance/", {"status": "refused", "reason": "路太远",
                                                                  "refused_by": "seeker"})
    kp.refresh_from_db()
    assert kp.status == KeyStatus.REFERRED        # the other referral is open: the person still looks for work
    assert _due(kp) == ["推荐“仓管员”后回访结果", "新纳入帮扶，7日内首次走访"]
    # the hourly scan agrees: nothing more to cancel, nothing made again
    assert visits.visit_scan(key_person_ids=[kp.pk]) == {"created": 0, "cancelled": 0, "escalated": 0}
