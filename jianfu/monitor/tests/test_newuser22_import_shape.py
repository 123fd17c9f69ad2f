"""newuser22 #4: village_a's GBK csv of 村级工作事项与证明 was refused with lines of two shapes that did not quote what
was typed ("第 3 行「类型」：“类型”应为以下之一：…", "第 4 行：“日期”不是有效的日期。…"). Every ledger's import now says
one line a faulty cell: "第 n 行「column」：“what was typed”why。"."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.monitor.models import LedgerDemand, LedgerMeeting

pytestmark = pytest.mark.django_db

DEMAND = "日期*,名称*,提出要求的单位,被要求的单位,备注,类型*\n"


def _refused(world, kind: str, text: str, model) -> list[str]:
    before = model.objects.count()
    response = world.client("village_a").post(
        f"/monitor/ledgers/{kind}/import/", {"form_token": token_new(), "file": SimpleUploadedFile("导入.csv", text.encode("gbk"))}
    )
    assert response.status_code == 400
    assert model.objects.count() == before
    assert not AuditRecord.objects.filter(action=f"monitor.{kind}.import").exists()
    page = html.unescape(response.content.decode())
    alert = page.split('<div class="alert alert-error" role="alert">', 1)[1].split("</div>", 1)[0]
    return alert.split("<br>")[1:]  # after 导入失败，未写入任何记录…


def test_the_users_demand_csv_names_row_column_and_the_value_typed(world):
    today = timezone.localdate().isoformat()
    lines = _refused(
        world,
        "demand",
        DEMAND + "2026-12-01,上报护林员名单,林业局,,,证明事项\n"
        "2026-12-02,填报森林防火台账,林业局,,,工作事项\n"
        "2026-13-02,开具林权证明,林业局,,,工作事项\n",
        LedgerDemand,
    )
    assert lines == [
        "第 3 行「类型」：“工作事项”不是可选的值，应为以下之一：村级工作事项、证明事项。",
        "第 4 行「日期」：“2026-13-02”不是有效的日期（应为 " + today + " 这样的形式）。",
        "第 4 行「类型」：“工作事项”不是可选的值，应为以下之一：村级工作事项、证明事项。",
    ]


def test_the_other_imports_say_the_same_shape(world):
    today = timezone.localdate().isoformat()
    lines = _refused(
        world,
        "meeting",
        "日期*,名称*,提出要求的单位,会议时长（分钟）*,层层陪会\n"
        "3月1日,防汛会议,林业局,九十,也许\n"
        "2025-03-02,森林防火会议,林业局,-5,否\n",
        LedgerMeeting,
    )
    assert lines == [
        "第 2 行「日期」：“3月1日”不是日期（应为 " + today + " 这样的形式）。",
        "第 2 行「会议时长（分钟）」：“九十”不是整数。",
        "第 2 行「层层陪会」：“也许”不是可选的值，应填“是”或“否”。",
        "第 3 行「会议时长（分钟）」：“-5”不能为负数。",
    ]


def test_the_form_still_names_the_field_beside_its_box(world):
    """The entry form's error sits beside its box: the label's shape there is unchanged."""
    from jianfu.core.errors import ApplicationError
    from jianfu.monitor import ledgers

    spec = next(s for s in ledgers.fields_of("demand") if s.name == "demand_kind")
    with pytest.raises(ApplicationError) as caught:
        ledgers.clean_value(spec, "工作事项")
    assert caught.value.message == "“类型”应为以下之一：村级工作事项、证明事项。"
