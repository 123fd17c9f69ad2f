"""Handlers hear of reports only in the batched digest: a count, no category, township or time."""

from __future__ import annotations

import pytest

from jianfu.directline import services, workbench
from jianfu.directline.models import Report
from jianfu.directline.tasks import directline_digest_task
from jianfu.directline.tests.factories import county_key_with_handler, submitted
from jianfu.dispatch.models import Notification


@pytest.mark.django_db
def test_digest_batches_and_says_only_a_count(world):
    user = world.users["county_office"]
    user.email = "office@example.org"
    user.save()
    county_key_with_handler(world)
    submitted(category="plaque")
    report, _code = submitted(category="app")
    assert Notification.objects.count() == 0  # nothing at submission time
    directline_digest_task.call_local()
    (note,) = Notification.objects.all()
    assert note.recipient == "office@example.org"
    assert note.body == "基层减负直通车有 2 条新的反映或补充待办理。请登录系统、解锁后查看。"
    assert "挂牌" not in note.body and "曲樟" not in note.body
    assert services.digest_send() == 0  # nothing new: nothing sent
    services.report_ask(actor=user, report=report, question="请问是哪个部门？")
    services.reporter_answer(report=Report.objects.get(pk=report.pk), text="是县某局。")
    assert services.digest_send() == 1
    assert Notification.objects.order_by("-id").first().body.startswith("基层减负直通车有 1 条")


@pytest.mark.django_db
def test_handler_workbench_counts(world):
    county_key_with_handler(world)
    submitted()
    assert "直通车：待受理的反映" in world.client("county_office").get("/").content.decode()
    assert workbench.todos(world.users["admin"]) == []  # the admin is not a handler
