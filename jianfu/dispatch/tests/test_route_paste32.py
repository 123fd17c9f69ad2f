"""route-paste32: a grid worker's paste of a WeChat group message is stored exactly as typed, and routed as the
message inside it (the chat's header, emoji, @mention and "收到请回复" are dropped only where the router reads it)."""

from __future__ import annotations

import pytest

from jianfu.dispatch import services

pytestmark = pytest.mark.django_db

CLEAN = "有人在河道里非法采砂，挖掘机晚上作业"
PASTED = f"曲木村网格群(35)\n[群聊] 张三 10:23\n{CLEAN}😡😡\n@李四 收到请回复"


def _report(world, text):
    return services.event_report(actor=world.users["grid_a"], org_code="450521200206001", source="grid", text=text)


def test_a_pasted_chat_is_stored_as_typed_and_routed_as_the_message(world, catalogue):
    pasted = _report(world, PASTED)
    clean = _report(world, CLEAN)
    assert pasted.text == PASTED
    assert clean.text == CLEAN
    assert (pasted.department_code, pasted.routing_mode, pasted.routing_candidates) == (
        clean.department_code, clean.routing_mode, clean.routing_candidates)
    assert (pasted.department_code, pasted.routing_mode) == ("450521000000D05", "catalogue")
