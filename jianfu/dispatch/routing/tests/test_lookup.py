"""谁来办's ranking (session 21): the catalogue router's suggestions among the matters sharing a term with the query."""

from __future__ import annotations

from pathlib import Path

from jianfu.dispatch.routing import CatalogueRouter
from jianfu.dispatch.routing.catalogue import MatterSpec, load_catalogue_yaml
from jianfu.dispatch.routing.lookup import answers

DEMO = Path(__file__).resolve().parents[2] / "data/catalogue.yaml"
MATTERS = [
    MatterSpec(code="CG-005", name="路灯照明设施", group="市政设施", department="CG",
               description="城区及村里道路路灯不亮、灯杆损坏的维修。", keywords=("路灯", "路灯不亮", "灯杆"),
               examples=("小区门口路灯坏了好几天", "路灯晚上不亮")),
    MatterSpec(code="FL-001", name="家庭暴力", group="妇女儿童", department="FL",
               description="家庭成员之间的殴打、威胁，村里先行劝阻并报告。", keywords=("家暴", "打老婆"),
               examples=("邻居家男的又打老婆了", "村里有人家暴")),
    MatterSpec(code="GD-002", name="停电与供电故障", group="能源", department="GD",
               description="居民用电中断、电压不稳、线路坏了。", keywords=("停电", "没电", "电线"),
               examples=("村里停电一天了", "电线被风刮坏了")),
    MatterSpec(code="NY-003", name="土地流转纠纷", group="农业", department="NY",
               description="土地承包经营权流转合同的纠纷调解。", keywords=("土地流转", "承包地"),
               examples=("村里流转的地租金没给",)),
]


def router() -> CatalogueRouter:
    return CatalogueRouter(MATTERS, use_embedding=False)


def test_street_light_first_and_not_domestic_violence() -> None:
    r = router()
    # on four matters each sharing 村里 or 坏了 the softmax is flat enough to keep them all (0.89, 0.06, 0.03, 0.02)
    assert answers(r, "村里路灯坏了") == ["CG-005", "GD-002", "FL-001", "NY-003"]
    assert answers(r, "村里路灯坏了", floor=0.05) == ["CG-005", "GD-002"]


def test_the_demo_catalogue_answers_newuser20s_street_light_with_the_street_light_alone() -> None:
    matters, _ = load_catalogue_yaml(DEMO)
    r = CatalogueRouter(matters, use_embedding=False)
    assert answers(r, "村里路灯坏了") == ["CG-005"]            # 路灯照明设施 (newuser20 #8: not 家庭暴力、停电…)
    assert answers(r, "宅基地纠纷") == ["ZR-001", "ZR-004"]   # 土地权属争议与宅基地纠纷调处, 宅基地审批
    assert answers(r, "停电了") == ["GD-001"]


def test_exact_results_for_a_few_queries() -> None:
    r = router()
    assert answers(r, "停电") == ["GD-002"]
    assert answers(r, "邻居打老婆") == ["FL-001"]
    assert answers(r, "承包地租金纠纷") == ["NY-003"]
    # without the floor: every matter sharing a term with the query, best first, at most `limit`
    assert answers(r, "村里路灯坏了", floor=0.0, limit=2) == ["CG-005", "GD-002"]
    assert answers(r, "村里路灯坏了", floor=0.0) == ["CG-005", "GD-002", "FL-001", "NY-003"]


def test_empty_and_unknown_queries_find_nothing() -> None:
    r = router()
    assert answers(r, "") == []
    assert answers(r, "   ") == []
    assert answers(r, "zzzz", floor=0.0) == []   # the softmax scores every matter; none shares a term


def test_a_message_forwarded_from_a_chat_finds_what_the_message_finds() -> None:
    """Session 33: the query is read as the router reads an event (`routing_text`); before, the chat's words gave a
    share of evidence to matters about nothing in the message (WJ-010 and LY-001 below)."""
    matters, _ = load_catalogue_yaml(DEMO)
    r = CatalogueRouter(matters, use_embedding=False)
    assert answers(r, "曲木村网格群(35)\n李四 2026/12/07 09:41:12\n停电了😡😡\n@王五 收到请回复") == ["GD-001"]
    assert answers(r, "合浦县网格员工作群\n[群聊] 王五 08:02\n宅基地纠纷[抱拳][抱拳]\n收到请回复！！") == [
        "ZR-001", "ZR-004"]
    # one line, as a search box keeps a paste
    assert answers(r, "【曲木村网格群】张三：停电了😡😡 @王五 收到请回复") == ["GD-001"]
    assert answers(r, "停电了") == ["GD-001"]
