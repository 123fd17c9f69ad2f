"""Session 32 (route-paste32): a message pasted from a WeChat group is routed as the message. `text.strip_chat` drops
the chat's header, group-name and source lines, emoji, @mentions and "收到请回复" before the routers' features; what
carries no such noise is left as it was. All texts here are written for these tests."""

from __future__ import annotations

import pytest

from jianfu.dispatch.routing import CatalogueRouter, HybridRouter, routers
from jianfu.dispatch.routing.routers import TOO_LITTLE_CONTENT
from jianfu.dispatch.routing.text import normalize, routing_text, strip_chat

from .conftest import read_training

CLEAN = "曲木村村口的路灯坏了一个月，晚上很黑"


@pytest.mark.parametrize(("pasted", "left"), [
    ("[群聊] 张三 10:23\n曲木村村口的路灯坏了一个月😭😭 @李四 收到请回复", "曲木村村口的路灯坏了一个月"),
    ("曲木村网格群(35)\n张三 10:23\n养殖场污水直排进水塘，臭味很大！！！[捂脸][捂脸]\n——来自微信",
     "养殖场污水直排进水塘,臭味很大!"),
    ("转发自璋嘉村网格群：有人冒充客服骗老人转账。@所有人 收到请回复", "有人冒充客服骗老人转账。"),
    ("张三和李四的聊天记录\n李四 2026/12/07 10:23:45\n山上有人偷伐松树\n[图片]\n张三 2026/12/07 10:24:01\n收到",
     "山上有人偷伐松树"),
    ("[群聊] 王五 08:02 村口垃圾没人清理", "村口垃圾没人清理"),      # the header run into the message
    ("【转发】@张三\u2005河道里有人非法采砂", "河道里有人非法采砂"),   # WeChat's space after a mention
    ("有人在河道里非法采砂 https://mp.weixin.qq.com/s/Ab12_x \n发自我的华为手机", "有人在河道里非法采砂"),
    ("@曲木村网格员 危房墙体开裂🙏🙏\n昨天 下午3:05", "危房墙体开裂"),
    ("@张三村口桥梁护栏断裂", "张三村口桥梁护栏断裂"),   # no space after the name: only the sign goes
    ("[群聊] 张三 10:23\n收到请回复", ""),
    ("[群聊] 张三 10:23", ""),                          # a tagged header is one even alone
    ("村口桥梁护栏断裂了！！！", "村口桥梁护栏断裂了!"),      # a run of the same mark: one
])
def test_strip_chat_leaves_the_message(pasted, left):
    assert strip_chat(pasted) == left


@pytest.mark.parametrize(("text", "left"), [
    ("小区停水 10:30", "小区停水 10:30"),               # one line: a name + time header needs another line
    ("来自基层群众的呼声，请领导重视", "来自基层群众的呼声,请领导重视"),     # "来自" naming no app, device or group
    ("业主群里说电梯又坏了\n物业一直不修", "业主群里说电梯又坏了\n物业一直不修"),
    ("周边人群密集，噪音很大", "周边人群密集,噪音很大"),
    ("收到", "收到"),                                   # a one-line text is never an acknowledgement to drop
    ("我收到了通知，说明天停电", "我收到了通知,说明天停电"),
    ("【紧急】河堤出现管涌", "【紧急】河堤出现管涌"),
    ("①路灯不亮 ②井盖缺失 温度35℃", "1路灯不亮 2井盖缺失 温度35°C"),   # (NFKC, as `normalize` does)
    ("村里水渠堵塞_x000D_下游的田放不进水......", "村里水渠堵塞_x000D_下游的田放不进水......"),  # as the real messages
    ("", ""),
    (None, ""),
])
def test_strip_chat_leaves_text_without_chat_noise_as_normalize_reads_it(text, left):
    assert strip_chat(text) == left
    assert routing_text(text) == normalize(text)


def test_strip_chat_reads_a_bounded_part_of_a_huge_paste():
    pasted = "[群聊] 张三 10:23\n" + "路灯坏了😭 @李四 收到请回复\n" * 20_000     # 320,014 characters
    # its first 6,000 (CHAT_READ_CHARS): 374 whole lines and the start of the next
    assert strip_chat(pasted) == "\n".join(["路灯坏了"] * 374 + ["路灯"])
    assert routing_text(pasted) == " ".join(["路灯坏了"] * 374 + ["路灯"])


def test_the_catalogue_and_the_projects_events_read_the_same_as_before(catalogue):
    """The cleaning is conservative: none of the catalogue's 3,001 snippets, nor any of the project's own events,
    reads otherwise through `routing_text` than through `normalize`."""
    matters, _departments = catalogue
    snippets = [s for m in matters for s in (m.name, m.description, *m.keywords, *m.examples)]
    events = [t for name in ("events_train.csv", "events_heldout.csv")
              for t in read_training(name, "matter")[0]]
    assert (len(snippets), len(events)) == (3001, 2602)
    assert [s for s in snippets + events if routing_text(s) != normalize(s)] == []


@pytest.fixture(scope="module")
def router(catalogue):
    """Without the embedding view (quicker to build); the text views are what the chat noise moved."""
    return CatalogueRouter(catalogue[0], use_embedding=False)


PASTES = [
    "[群聊] 张三 10:23\n{m}",
    "曲木村网格群(35)\n李四 2026/12/07 09:41:12\n{m}😡😡\n@王五 收到请回复",
    "{m}👉👉 @所有人 收到请回复\n——来自微信",
]


@pytest.mark.parametrize("template", PASTES)
def test_a_pasted_message_gets_the_clean_messages_scores(router, template):
    pasted = template.format(m=CLEAN)
    assert routing_text(pasted) == routing_text(CLEAN)
    assert router.route(pasted, k=3) == router.route(CLEAN, k=3)
    assert router.route(CLEAN, k=1)[0].department == "CG"


def test_without_the_cleaning_the_paste_moved_the_scores(router, monkeypatch):
    pasted = PASTES[1].format(m=CLEAN)
    clean = router.route(CLEAN, k=1)[0]
    monkeypatch.setattr(routers, "routing_text", normalize)          # as before session 32
    assert router.route(pasted, k=1)[0].score < clean.score


def test_a_paste_of_nothing_but_chat_goes_to_a_person(router):
    decision = HybridRouter(router).route("曲木村网格群(35)\n[群聊] 张三 10:23\n@所有人 收到请回复👍👍")
    assert (decision.department, decision.mode, decision.candidates, decision.reason) == (
        None, "none", (), TOO_LITTLE_CONTENT)
