"""fix-left17b #2: one helper (`jianfu.core.views.run_move`) for the import pages' buttons (the registry's 入库 / 恢复 /
重新校验 / 移除, employment's 重新导入 / 放弃 / 确认发布 / 撤销 / 移除 / 跳过重复行)."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponseRedirect
from django.test import RequestFactory

from jianfu.core.errors import ConflictError, NotFoundError, PermissionDeniedError
from jianfu.core.views import run_move


def _request():
    request = RequestFactory().post("/x/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _said(request) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(request)]


def test_done_runs_then_says_so_and_goes_where_the_object_is_gone():
    request, queued = _request(), []
    back, gone = HttpResponseRedirect("/detail/"), HttpResponseRedirect("/list/")
    assert run_move(request, lambda: None, back=back, gone=gone, success="已移除。", then=lambda: queued.append(1)) is gone
    assert (queued, _said(request)) == ([1], [("success", "已移除。")])
    request = _request()
    assert run_move(request, lambda: None, back=back) is back
    assert _said(request) == []


def test_a_refusal_is_shown_on_the_page_and_queues_nothing():
    request, queued = _request(), []

    def refused() -> None:
        raise ConflictError("该批次没有中断，正在处理中，请稍候。")

    back = HttpResponseRedirect("/detail/")
    assert run_move(request, refused, back=back, gone=HttpResponseRedirect("/list/"), success="已恢复。",
                    then=lambda: queued.append(1)) is back
    assert (queued, _said(request)) == ([], [("error", "该批次没有中断，正在处理中，请稍候。")])


@pytest.mark.parametrize("error", [PermissionDeniedError("无权操作。"), NotFoundError("没有该批次。")])
def test_a_403_or_404_goes_to_its_own_page(error):
    request, queued = _request(), []

    def refused() -> None:
        raise error

    with pytest.raises(type(error)):
        run_move(request, refused, back=HttpResponseRedirect("/detail/"), then=lambda: queued.append(1))
    assert (queued, _said(request)) == ([], [])


def test_done_with_the_queue_down_still_goes_to_its_page_and_logs_what_was_not_queued(caplog):
    """ops28 #3: the move has committed (a ledger batch set to 入库 or 重新校验); the queue being down (Redis) is logged
    on `jianfu.queue`, and the button's page answers as usual instead of a 500."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    def down() -> None:
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    request, back = _request(), HttpResponseRedirect("/detail/")
    with caplog.at_level("ERROR", logger="jianfu.queue"):
        assert run_move(request, lambda: None, back=back, success="已提交入库。", then=down) is back
    assert _said(request) == [("success", "已提交入库。")]
    assert len(caplog.records) == 1
    assert caplog.records[0].getMessage().startswith("could not queue the task that follows /x/: the task queue/cache")
