"""newuser18 #5: the audit log names the keys it showed in English (按规则核查台账's rules/added/removed/updated,
提交文件审查's document/version) in Chinese, and is one card per record on a phone like the other lists."""

from __future__ import annotations

import re

import pytest
from django.db import transaction

from jianfu.core import labels
from jianfu.core.audit import audit_record

pytestmark = pytest.mark.django_db


def test_the_keys_are_named_in_chinese():
    assert labels.changes_lines("monitor.finding", {"rules": 12, "added": 3, "removed": 1, "updated": 0}) == [
        "规则数：12", "新增：3", "移除：1", "更新：0"]
    # Review.version has no verbose_name of its own: "version" was shown as it was
    assert labels.changes_lines("review.review", {"document": 7, "version": 2, "findings": 28}) == [
        "送审文件：7", "版本：2", "问题数：28"]
    # a field with a verbose_name keeps it
    assert labels.field_label("review.review", "score") == "得分"


def test_the_audit_log_is_one_card_per_record_in_words(world):
    with transaction.atomic():
        audit_record(actor=None, action="monitor.findings.evaluate", object_type="monitor.finding",
                     object_repr="450521000000 2026", org_code="450521000000",
                     changes={"rules": 12, "added": 3, "removed": 1, "updated": 0})
    page = world.client("county_office").get("/audit/").content.decode()
    table = page[page.index('<div class="table-wrap"><table class="cards">'):].split("</table>")[0]
    row = re.search(r"<tr><td class=\"card-title\">.*?</tr>", table.split("<tbody>")[1], re.S).group(0)
    assert re.findall(r'data-label="([^"]+)"', row) == ["时间", "操作人", "对象", "单位", "变更摘要", "地址"]
    assert row.startswith("<tr><td class=\"card-title\">按规则核查台账</td>")
    # newuser24 #1: a job's record says 系统 (not —) and names the county and year in words
    assert '<td data-label="操作人">系统</td>' in row
    assert '<td data-label="对象" class="text-cell">合浦县 2026年</td>' in row
    # the stored dict's key order is the database's (PostgreSQL's jsonb sorts keys by length): compare the lines as a set
    summary = re.search(r'<td data-label="变更摘要" class="text-cell">(.*?)</td>', row).group(1)
    assert sorted(re.findall(r"<div>([^<]*)</div>", summary)) == sorted(["规则数：12", "新增：3", "移除：1", "更新：0"])
    assert re.fullmatch(r"(<div>[^<]*</div>){4}", summary)
    visible = re.sub(r"<[^>]+>", " ", page)
    assert not re.search(r"\b(rules|added|removed|updated|document|version)\b", visible)
