"""Session 16 (newuser16 #10): no "保存手工项"/"请核对并填写手工项" on a form with no 手工项; no "YAML" for a village."""

from __future__ import annotations

import pytest

from jianfu.reports.catalog import forms_load
from jianfu.reports.models import Submission

pytestmark = pytest.mark.django_db


def test_a_form_with_no_manual_cell_asks_for_none(world):
    forms_load(actor=None)
    village = world.client("village_a")
    response = village.post("/reports/submissions/generate/", {"template": "rs_key_groups", "period": "202611"},
                            follow=True)
    sub = Submission.objects.get()
    page = response.content.decode()
    assert (sub.manual_cells, sub.auto_cells) == (0, 13)
    assert "自动 13 项，手工 0 项" in page
    assert "已从台账生成报表，全部为自动生成，请核对后报送。" in page
    assert "手工项" not in page                     # neither the message nor the 保存手工项 button
    assert f'formaction="/reports/submissions/{sub.pk}/submit/">报送</button>' in page
    # a form with 手工项 still asks for them and offers to save them
    response = village.post("/reports/submissions/generate/", {"template": "mz_dibao_tekun", "period": "202506"},
                            follow=True)
    page = response.content.decode()
    assert "已从台账生成报表，请核对并填写手工项。" in page and '<button type="submit">保存手工项</button>' in page


def test_a_village_sees_no_yaml_and_the_office_reads_plain_words(world):
    forms_load(actor=None)
    village = world.client("village_a").get("/reports/templates/rs_key_groups/").content.decode()
    assert "YAML" not in village and "来源" not in village.split("<h1>")[1].split("</p>")[0]
    office = world.client("county_office")
    detail = office.get("/reports/templates/rs_key_groups/").content.decode()
    assert "县人力资源和社会保障局 · 月报 · 系统内置模板</p>" in detail and "YAML 文件" not in detail
    index = office.get("/reports/").content.decode()
    assert "导入 YAML 定义" not in index and ">导入模板定义文件</a>" in index
