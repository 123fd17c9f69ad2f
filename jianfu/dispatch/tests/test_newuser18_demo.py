"""newuser18 #8: the demo says it is building the dispatch router before the minute-long fit (it was silent after
"村（社区）位置"), and not when the router is already cached in var/dispatch/."""

from __future__ import annotations

import io
import re

from django.core.management.base import OutputWrapper

from jianfu.dispatch import catalogue as cat
from jianfu.dispatch import demo, routing_bridge
from jianfu.dispatch.selectors import catalogue_in_force
from jianfu.dispatch.tests.conftest import MINI


def test_the_demo_says_it_builds_the_router_once(world, monkeypatch):
    monkeypatch.setattr(cat, "DEFAULT_CATALOGUE", MINI)
    routing_bridge.clear_cache()
    buffer = io.StringIO()
    demo.load(stdout=OutputWrapper(buffer))   # as demo_load's command writes: a line each
    lines = buffer.getvalue().splitlines()
    version = catalogue_in_force(demo.COUNTY)
    building = (f"  正在建立事件分拨模型：为职责清单 {version.matters.count()} 个事项的文字计算语义向量并训练分类器"
                "（只在首次运行时做，约需一两分钟，之后从 var/dispatch/ 读取）…")
    assert building in lines
    index = lines.index(building)
    assert lines[index - 1].startswith("  村（社区）位置：")          # right after the last line it printed before
    assert re.fullmatch(r"  事件分拨模型已建立（\d+\.\d 秒）", lines[index + 1])
    assert lines[index + 2].startswith("  事件 ")
    # cached on disk: a new process (an empty memory cache) finds it and the demo says nothing
    routing_bridge.clear_cache()
    assert routing_bridge.catalogue_router_built(version) is True
    quiet = io.StringIO()
    demo._build_router(quiet)
    assert quiet.getvalue() == ""


def test_nothing_is_said_without_a_catalogue(world):
    out = io.StringIO()
    demo._build_router(out)
    assert out.getvalue() == ""
