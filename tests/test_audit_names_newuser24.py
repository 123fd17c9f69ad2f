"""newuser24 #1: the audit log names what people know — a report's figures by the form's item names, objects by
their names and periods in words (no unit codes, period keys or "v2"), batches of ids by what they are, the matter
by its name, a confidence in words, no empty fields or internal references, and who did it by name (系统 when no
person did)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import transaction
from django.urls import reverse

from jianfu.core import labels
from jianfu.core.audit import audit_record

pytestmark = pytest.mark.django_db


def _cards(page: str) -> list[dict[str, str]]:
    """The audit page's records, one per card: {"操作": title, data-label: text of that cell}."""
    cards = []
    for row in re.findall(r"<tr><td class=\"card-title\">.*?</tr>", page, flags=re.S):
        card = {"操作": re.sub(r"<[^>]+>", "", re.search(r'<td class="card-title">(.*?)</td>', row, re.S)[1])}
        for label, cell in re.findall(r'<td data-label="([^"]+)"[^>]*>(.*?)</td>', row, flags=re.S):
            card[label] = " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        cards.append(card)
    return cards


def test_a_filled_report_names_its_figures_by_the_forms_items_and_its_period_in_words(world):
    from jianfu.reports import services
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.models import Template

    forms_load(actor=None)
    sub = services.submission_generate(
        actor=world.users["village_a"],
        template=Template.objects.get(code="mz_dibao_tekun"),
        org_code="450521200206",
        period="202506",
    )
    services.submission_fill(
        actor=world.users["village_a"],
        submission=sub,
        values={
            "dibao_new_households": "21",
            "dibao_exit_households": "25",
            "dibao_fund": "46300",
            "tekun_centralised": "12",
            "tekun_fund": "23900",
        },
    )
    page = world.client("admin").get(reverse("accounts:audit_list")).content.decode()
    fill = next(c for c in _cards(page) if c["操作"] == "填报报表")
    assert fill["对象"] == "城乡最低生活保障和特困人员救助供养情况月报表 2025年6月"
    # in the form's order, whatever order the database keeps the keys in
    assert fill["变更摘要"] == (
        "本期新增低保户数：21 本期退出低保户数：25 低保金发放金额：46300 集中供养特困人员数：12 "
        "特困供养金发放金额：23900 校验问题数：0"
    )
    assert fill["操作人"] == "village_a"  # an account without a name: its username
    generate = next(c for c in _cards(page) if c["操作"] == "生成报表")
    assert sorted(generate["变更摘要"].split(" ")) == sorted(
        ["报告期：2025年6月", "报表模板：城乡最低生活保障和特困人员救助供养情况月报表"]
    )
    assert "450521200206" not in page and "202506" not in page and "dibao_" not in page


@pytest.mark.parametrize(
    ("object_type", "text", "shown"),
    [
        (
            "reports.submission",
            "妇女儿童基本情况半年报表 450521200206 2026H1",
            "妇女儿童基本情况半年报表 2026年上半年",
        ),
        (
            "reports.submission",
            "残疾人基本状况和服务需求季报表 450521200206 2026Q3",
            "残疾人基本状况和服务需求季报表 2026年第3季度",
        ),
        ("reports.submission", "人口基本情况年报表 450521200206 2026", "人口基本情况年报表 2026年"),
        ("villagepages.servicelist", "450521200201 v2", "璋嘉村委会服务群众事项清单（第2版）"),
        ("directline.handlerslot", "县减负办 @ 450521000000", "合浦县直通车办理人：县减负办"),
        (
            "directline.countykey",
            "450521000000 45f6-f857-6180-60ea",
            "合浦县直通车密钥（编号 45f6-f857-6180-60ea）",
        ),
        ("monitor.finding", "450521000000 2025", "合浦县 2025年"),
        (
            "dispatch.catalogueversion",
            "县级网格事件职责清单（默认） 2026.3 版 v1",
            "县级网格事件职责清单（默认） 2026.3 版",
        ),
        (
            "review.review",
            "关于开展专项行动的通知 v2：不通过（28）",
            "关于开展专项行动的通知（第2版）：不通过（28）",
        ),
        (
            "open311clients.open311client",
            "演示客户端（jianfu-d…，450521000000）",
            "演示客户端（jianfu-d…，合浦县）",
        ),
        ("registry", "synthetic 450521", "合浦县模拟数据"),
        ("monitor.ledgerdocument", "demo", "演示数据"),
        # nothing names these: shown as stored
        ("employment.visit", "999 2026-12-06", "999 2026-12-06"),
        ("dispatch.event", "WG00000001 后山林地界线纠纷", "WG00000001 后山林地界线纠纷"),
    ],
)
def test_objects_are_named_as_people_say_them(world, object_type, text, shown):
    assert labels.object_label(object_type, "", text) == shown


def test_a_visit_a_referral_and_a_finding_are_named_by_what_they_are_about(world):
    from jianfu.monitor.models import Finding, Rule

    rule = Rule.objects.filter(code="P5A-APP-FILING").first() or Rule.objects.create(
        code="P5A-APP-FILING", name="政务应用须备案", ledger="app"
    )
    assert rule.name == "政务应用须备案"
    assert (
        labels.object_label("monitor.finding", "1", f"{rule.code}：“党建学习打卡小程序”未备案。")
        == "政务应用须备案：“党建学习打卡小程序”未备案。"
    )
    assert labels.object_label("monitor.finding", "1", "P9X-NONE：未知规则") == "P9X-NONE：未知规则"
    finding = Finding.objects.create(
        county_code="450521000000",
        org_code="450521000000",
        issuer_code="450521000000D02",
        issuer_name="林业局",
        category="app",
        summary="某部门政务App要求村干部每日两次定位打卡。",
        year=2026,
        month=11,
    )
    assert (
        labels.changes_lines(
            "directline.report", {"status": ["in_review", "finding"], "finding": str(finding.pk)}, object_id="1"
        )[1]
        == f"减负问题：某部门政务App要求村干部每日两次定位打卡。（第 {finding.pk} 号）"
    )


def test_ids_empty_values_matters_confidence_and_internal_references(world):
    from jianfu.dispatch.catalogue import catalogue_load_yaml

    catalogue_load_yaml(actor=None, county_code="450521", effective_from=dt.date(2020, 1, 1))
    assert labels.changes_lines("dispatch.event", {"count": 3, "ids": [9, 7, 8]}) == [
        "数量：3",
        "涉及的事件：WG00000009、WG00000007、WG00000008",
    ]
    assert labels.changes_lines(
        "monitor.ledgerdocument", {"rows": 4, "source": "demo", "ids": [161, 162, 163, 165]}
    ) == ["行数：4", "来源：演示数据", "导入的记录：编号 161–163、165（共 4 条）"]
    assert labels.changes_lines(
        "dispatch.event", {"source": "grid", "urgency": "normal", "photos": 0, "client": ""}
    ) == ["来源：网格员上报", "紧急程度：一般", "照片数：0"]
    assert labels.changes_lines(
        "dispatch.event",
        {
            "status": ["reported", "dispatched"],
            "department": "450521000000D02",
            "matter": "LY-001",
            "mode": "catalogue",
            "confidence": 0.9999,
        },
    ) == [
        "状态：待分派 → 已派发",
        "承办部门：林业局",
        "事项：林木林地权属争议调处（LY-001）",
        "方式：按职责清单",
        "置信度：很高（99.9%）",
    ]
    assert labels.changes_lines("dispatch.event", {"confidence": 0.62, "matter": "XX-999"}) == [
        "置信度：一般（62%）",
        "事项：XX-999",
    ]
    assert labels.changes_lines(
        "monitor.finding",
        {
            "source": "directline",
            "source_ref": "b5183c415cca592d2df14b40544e985d",
            "issuer": "450521000000D02",
            "rule": "",
        },
    ) == ["来源：基层减负直通车", "发文单位：林业局"]
    # a key's fingerprint stays: it is what the handler checks and the auditor compares
    assert (
        labels.changes_lines(
            "directline.countykey", {"handler": "county_office", "fingerprint": "45f6-f857-6180-60ea"}
        )[1]
        == "公钥指纹：45f6-f857-6180-60ea"
    )
    # a list of two is a list, not "old → new"
    assert labels.changes_lines(
        "dispatch.event", {"whistle": 1, "departments": ["450521000000D01", "450521000000D02"], "hours": 24}
    ) == ["吹哨：1", "部门：住房和城乡建设局、林业局", "小时数：24"]


def test_who_did_it_is_named_and_the_system_is_said(world):
    from jianfu.dispatch.tests.factories import event_in

    grid = world.users["grid_a"]
    grid.display_name = "曲木村网格员"
    grid.save(update_fields=["display_name"])
    event = event_in(world)
    with transaction.atomic():
        audit_record(actor=grid, action="dispatch.event.report", obj=event, changes={"urgency": "normal"})
        audit_record(
            actor=None,
            action="dispatch.deadline.remind",
            object_type="dispatch.event",
            object_repr="1 件事件",
            changes={"count": 1, "ids": [event.pk]},
        )
    client = world.client("admin")
    cards = _cards(client.get(reverse("accounts:audit_list")).content.decode())
    # (the order of a record's lines is the database's: PostgreSQL's jsonb sorts keys by length)
    assert [(c["操作"], c["操作人"], sorted(c["变更摘要"].split(" "))) for c in cards] == [
        ("提醒期限", "系统", sorted(["数量：1", f"涉及的事件：{event.number}"])),
        ("上报事件", "曲木村网格员（grid_a）", ["紧急程度：一般"]),
    ]
    # the search finds an account by its name too
    found = _cards(client.get(reverse("accounts:audit_list"), {"q": "曲木村网格员"}).content.decode())
    assert [c["操作"] for c in found] == ["上报事件"]


def test_a_job_seekers_profile_record_is_in_words(world):
    """The profile's record showed 名额：town、county, 限额：day_only, its form's fields as desired_text [None, '…'] and
    the save's version token."""
    changes = {
        "desired": "想进厂",
        "occupation": "6-28-01",
        "certificates": [],
        "places": ["town", "county"],
        "limits": ["day_only"],
        "fields": {"education": [None, "postgraduate"], "wage_input": ["3000", "4000"], "places": [None, ["town"]]},
        "version": "2026-12-06T10:06:26.689157+00:00~8d47f66a4041f959806dc35b",
    }
    assert labels.changes_lines("employment.keyperson", changes) == [
        "求职意向：想进厂",
        "职业：普工（生产线操作工）（6-28-01）",
        "可接受工作地点：本镇、县内",
        "限制条件：只能上白班",
        "填写的内容：学历 研究生；期望月薪 3000 → 4000；可接受工作地点 本镇",
    ]
    # a version number is shown
    assert labels.changes_lines("review.review", {"version": 2}) == ["版本：2"]
