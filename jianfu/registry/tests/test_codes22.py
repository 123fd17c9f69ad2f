"""mend22a #4: registry pages showed codes where people read names — /registry/attributes/ led each row with its key
(`main_crop`) under the heading 键, and the organisation list's 村（社区） column showed a 12-digit division code.
The Chinese name now leads; the attribute's code stays beside it, small, for the administrator who chose it."""

from __future__ import annotations

import re

import pytest

from jianfu.registry.models import AttributeDefinition, Organisation

pytestmark = pytest.mark.django_db


def test_the_attribute_list_shows_the_name_first_and_the_code_small(world):
    AttributeDefinition.objects.create(org_code="450521", key="main_crop", label="主要作物", type="choice",
                                       choices=["水稻", "甘蔗"])
    page = world.client("county_office").get("/registry/attributes/").content.decode()
    head = re.search(r"<thead><tr>(.*?)</tr></thead>", page, re.S).group(1)
    assert re.findall(r"<th>([^<]*)</th>", head) == ["名称", "类型", "可选值或范围", "适用对象", "必填", "状态", ""]
    row = re.search(r'<tr><td class="card-title">.*?</tr>', page, re.S).group(0)
    assert row.startswith('<tr><td class="card-title">主要作物 <small class="muted" title="代码（系统内部使用）">'
                          'main_crop</small></td><td data-label="类型">单选</td><td data-label="可选值或范围">水稻、甘蔗</td>'
                          '<td data-label="适用对象">人员</td><td data-label="必填">否</td><td data-label="状态">启用</td>')
    assert "<td>main_crop</td>" not in page and "<th>键</th>" not in page
    # the form asks for the name first; the code is labelled as what it is
    name_at, code_at = page.index('for="id_label"'), page.index('for="id_key"')
    assert name_at < code_at
    assert "代码（英文字母、数字、下划线，系统内部使用，页面显示名称）" in page


def test_the_organisation_list_names_the_village_not_its_code(world):
    Organisation.objects.create(org_code="450521200201", name="璋嘉村农资店", kind="individual_business")
    page = world.client("county_office").get("/registry/organisations/").content.decode()
    row = re.search(r'<tr><td class="card-title"><a [^>]*>璋嘉村农资店</a>.*?</tr>', page, re.S).group(0)
    assert row.endswith('<td data-label="村（社区）">璋嘉村委会</td></tr>')
    assert "450521200201" not in row
