"""fixcr33b M5: `strip_chat` erased one-line messages whole ("转发给住建局处理…", "来自手机厂的噪音…", "…监控和聊天记录"), so
the hybrid answered TOO_LITTLE_CONTENT; and "停水时间 10:30" beside other lines was dropped as a chat header. Group-name,
source and header lines now go only beside other lines; 聊天记录 only as "X和Y的聊天记录"; a "来自…" only when what
follows is wholly an app, a device or a group. The texts are written for these tests."""

from __future__ import annotations

import pytest

from jianfu.dispatch.routing import CatalogueRouter, HybridRouter
from jianfu.dispatch.routing.routers import TOO_LITTLE_CONTENT
from jianfu.dispatch.routing.text import normalize, routing_text, strip_chat

ONE_LINE = ["转发给住建局处理小区电梯故障", "来自手机厂的噪音太大影响休息", "帮忙调取一下监控和聊天记录"]


@pytest.mark.parametrize("text", ONE_LINE)
def test_a_one_line_message_reads_as_it_is(text):
    assert strip_chat(text) == text
    assert routing_text(text) == normalize(text)


@pytest.mark.parametrize("text", ONE_LINE)
def test_such_a_message_beside_another_line_is_kept_too(text):
    assert strip_chat(f"{text}\n在曲木村") == f"{text}\n在曲木村"


@pytest.mark.parametrize(("pasted", "left"), [
    ("小区停水\n停水时间 10:30", "小区停水\n停水时间 10:30"),        # a field label names the time: no header
    ("小区停水\n张三 10:30", "小区停水"),                          # a name and a time beside a message: a header
    ("张三和李四的聊天记录\n村口垃圾没人清理", "村口垃圾没人清理"),
    ("村口垃圾没人清理\n发自我的华为手机", "村口垃圾没人清理"),
    ("村口垃圾没人清理\n来自华为Mate60 Pro", "村口垃圾没人清理"),
    ("转发自曲木村网格群\n村口垃圾没人清理", "村口垃圾没人清理"),
    ("曲木村网格群\n村口垃圾没人清理", "村口垃圾没人清理"),
])
def test_beside_other_lines_only_the_chat_lines_go(pasted, left):
    assert strip_chat(pasted) == left


@pytest.mark.parametrize("alone", ["曲木村网格群", "转发自曲木村网格群", "张三和李四的聊天记录"])
def test_a_group_or_source_line_alone_is_kept_as_the_text(alone):
    assert strip_chat(alone) == alone


@pytest.fixture(scope="module")
def hybrid(catalogue):
    return HybridRouter(CatalogueRouter(catalogue[0], use_embedding=False))


@pytest.mark.parametrize("text", ONE_LINE)
def test_the_hybrid_routes_such_a_message_instead_of_asking_for_more(hybrid, text):
    decision = hybrid.route(text)
    assert decision.reason != TOO_LITTLE_CONTENT
    assert len(decision.candidates) >= 1
