"""The ledger import template's 填写说明 and drop-downs are written from the field specs the import validates with
(newuser27 #6: the guide said 会议时长 "不小于 0 的整数" but 0 was refused; 业务会议 typed for want of a drop-down)."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from jianfu.core.errors import ApplicationError
from jianfu.monitor import ledgers, services
from jianfu.monitor.models import LedgerKind, LedgerMeeting

pytestmark = pytest.mark.django_db


def download(world, kind: str):
    response = world.client("county_office").get(f"/monitor/ledgers/{kind}/template.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))


def guide(wb) -> dict[str, list]:
    rows = list(wb["填写说明"].iter_rows(values_only=True))
    assert rows[0] == ("列", "必填", "说明")
    return {row[0]: list(row[1:]) for row in rows[1:]}


def dropdowns(ws) -> dict[str, tuple[str, str]]:
    """Column letter → (the list formula, the range it covers)."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        assert dv.type == "list" and dv.allow_blank
        ref = str(dv.sqref)
        out[re.match(r"[A-Z]+", ref)[0]] = (dv.formula1, ref)
    return out


def test_the_meeting_template_states_the_real_minimum_and_offers_each_choice(world):
    wb = download(world, "meeting")
    notes = guide(wb)
    assert notes["会议时长（分钟）"] == ["是", "整数，不小于 1、不超过 10080"]
    assert notes["主要讲话时长（分钟）"] == [None, "整数，不小于 0、不超过 1440"]
    assert notes["会议类型"] == [None, "从下拉列表中选：综合性工作会议、业务工作会议、传达部署会议、法定会议；留空按“业务工作会议”"]
    assert notes["会议层级"] == [None, "从下拉列表中选：省级、市级、县级、乡镇级、村级；留空按“提出要求的单位的层级（乡镇召开的为乡镇级）”"]
    assert notes["层层陪会"] == [None, "从下拉列表中选“是”或“否”；留空按“否”"]
    assert notes["日期"] == ["是", "如 2025-03-18，不早于 2000 年 1 月 1 日、不晚于今天"]
    assert notes["名称"] == ["是", "不超过 200 个字，不能换行"]
    assert notes["备注"] == [None, "不超过 2000 个字，可换行"]
    header = [c.value for c in wb["台账"][1]]
    assert header[5:7] == ["会议类型", "会议层级"]
    assert dropdowns(wb["台账"]) == {
        "F": ('"综合性工作会议,业务工作会议,传达部署会议,法定会议"', "F2:F20001"),
        "G": ('"省级,市级,县级,乡镇级,村级"', "G2:G20001"),
        "J": ('"是,否"', "J2:J20001"), "K": ('"是,否"', "K2:K20001"), "L": ('"是,否"', "L2:L20001"),
        "M": ('"是,否"', "M2:M20001"), "N": ('"是,否"', "N2:N20001"),
    }


@pytest.mark.parametrize("kind", [k.value for k in LedgerKind])
def test_every_columns_guide_and_drop_down_is_what_the_import_accepts(world, kind):
    wb = download(world, kind)
    notes = guide(wb)
    specs = ledgers.fields_of(kind)
    header = [c.value for c in wb["台账"][1]]
    assert header == [spec.label + ("*" if spec.required else "") for spec in specs]
    assert list(notes) == [spec.label for spec in specs]
    lists = dropdowns(wb["台账"])
    for column, spec in enumerate(specs):
        letter = chr(ord("A") + column)
        said = notes[spec.label][1]
        assert notes[spec.label][0] == ("是" if spec.required else None)
        if spec.type == "int":
            low, high = map(int, re.match(r"整数，不小于 (\d+)、不超过 (\d+)", said).groups())
            assert ledgers.clean_value(spec, str(low)) == low and ledgers.clean_value(spec, high) == high
            with pytest.raises(ApplicationError):
                ledgers.clean_value(spec, low - 1)
            with pytest.raises(ApplicationError):
                ledgers.clean_value(spec, high + 1)
        if spec.type in ("choice", "bool"):
            offered = lists.pop(letter)[0].strip('"').split(",")
            assert said.startswith("从下拉列表中选")
            assert [ledgers.clean_value(spec, value) for value in offered] == (
                [key for key, _label in spec.choices] if spec.type == "choice" else [True, False])
    assert lists == {}  # no drop-down on a column that takes free input


def test_the_minimum_the_guide_states_imports_and_one_below_is_refused(world):
    actor = world.users["county_office"]
    wb = download(world, "meeting")
    ws = wb["台账"]
    ws.append(["2025-03-01", "防汛会议", "林业局", "", "", "业务工作会议", "县级", 0, "", "否"])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ApplicationError) as caught:
        services.ledger_import(actor=actor, kind="meeting", data=buf.getvalue(), filename="会议.xlsx")
    assert caught.value.details["errors"] == ["第 2 行「会议时长（分钟）」：“0”不能少于 1。"]
    assert LedgerMeeting.objects.count() == 0
    ws["H2"] = 1
    buf = io.BytesIO()
    wb.save(buf)
    assert services.ledger_import(actor=actor, kind="meeting", data=buf.getvalue(), filename="会议.xlsx").imported == 1
    assert list(LedgerMeeting.objects.values_list("title", "meeting_kind", "level", "duration_minutes")) == [
        ("防汛会议", "business", "county", 1)]
