"""ops28 #3: a ledger batch whose mapping is saved (committed) is not answered with a 500 when the queue is down: the
validation task's enqueue is logged on `jianfu.queue`, and the batch shows 已中断 once its queue lease passes."""

from __future__ import annotations

import logging

from redis.exceptions import ConnectionError as RedisConnectionError

from jianfu.registry import tasks, views


def test_the_validation_not_queued_is_logged_not_raised(monkeypatch, caplog):
    def down(_batch_id: int) -> None:
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks, "import_stage_task", down)
    with caplog.at_level(logging.ERROR, logger="jianfu.queue"):
        views._stage(41)
    assert len(caplog.records) == 1
    message = caplog.records[0].getMessage()
    assert message.startswith(
        "could not queue the validation of ledger import batch 41: the task queue/cache (Redis)"
    )
    assert message.endswith("恢复 then 重新校验 queues it again")
