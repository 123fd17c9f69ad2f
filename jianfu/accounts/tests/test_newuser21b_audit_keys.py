"""newuser21b #2: the audit log named keys it still showed in English (issuer, department, confidence, photos, field,
take_incoming, postings …) and showed a routing mode and a department as codes."""

from __future__ import annotations

import pytest

from jianfu.core import labels
from jianfu.orgs.models import OrgUnit, UnitKind

pytestmark = pytest.mark.django_db


def test_routing_keys_and_values_are_in_words(world):
    dept = OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("code").first()
    assert labels.changes_lines("dispatch.event", {
        "department": dept.code, "mode": "catalogue", "confidence": 0.867, "photos": 3}) == [
        f"承办部门：{dept.name}", "方式：按职责清单", "置信度：较高（86.7%）", "照片数：3"]
    # a code no unit has stays as it is; a mode nobody named stays too
    assert labels.changes_lines("monitor.document", {"issuer": "450521000000D99", "mode": "fast"}) == [
        "发文单位：450521000000D99", "方式：fast"]


def test_import_and_conflict_keys_are_in_words():
    assert labels.changes_lines("employment.posting", {"postings": 12, "employers": 2, "flagged": 1,
                                                       "duplicate_count": 3}) == [
        "岗位数：12", "新增单位数：2", "待核查岗位数：1", "重复条数：3"]
    assert labels.changes_lines("registry.mergeconflict", {"field": "education", "take_incoming": False}) == [
        "字段：education", "采用台账值：否"]


def test_a_reveal_names_its_action_and_the_number_shown(world):
    """e2e22: after 查看完整号码 the audit log read "pii.reveal" and "字段：id_number"."""
    assert labels.action_label("pii.reveal") == "查看完整号码"
    assert [labels.changes_lines(model, {"field": field}) for model, field in (
        ("registry.person", "id_number"), ("registry.person", "phone"), ("dispatch.event", "reporter_contact"))] == [
        ["字段：身份证号"], ["字段：联系电话"], ["字段：上报人联系方式"]]


def test_the_synthetic_registry_summary_is_in_words(world):
    assert labels.action_label("registry.generate") == "生成模拟人员、户和单位数据"
    assert labels.changes_lines("registry", {"county": "450521", "persons": 40, "households": 12, "organisations": 3,
                                             "villages": 2, "seconds": 0.41}) == [
        "县：合浦县", "人员数：40", "户数：12", "单位数：3", "村数：2", "用时（秒）：0.41"]
