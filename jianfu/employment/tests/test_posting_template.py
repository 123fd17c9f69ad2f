"""The posting import's template: its header is what the import reads (every column maps back to itself), the
required columns in bold, no sample row; filled in, it imports as it is. Managers only (the matrix has the rest)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from jianfu.employment import postings
from jianfu.employment.models import Posting

pytestmark = pytest.mark.django_db


def test_the_template_reads_back_as_the_import_s_own_columns_and_imports_when_filled(world):
    response = world.client("county_office").get("/employment/postings/import/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename=\"download.xlsx\"; filename*=UTF-8''%E5%B2%97%E4%BD%8D%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert ws.max_row == 1
    assert [postings.header_key(h) for h in header] == list(postings.COLUMNS)
    assert [h for c, h in zip(ws[1], header, strict=True) if c.font.bold] == ["单位名称", "岗位名称", "工作地点", "岗位描述"]

    filled = dict.fromkeys(header, "")
    filled.update({"单位名称": "合浦县海鲜食品有限公司", "岗位名称": "冻虾分拣工", "工作地点": "曲樟乡",
                   "岗位描述": "冻虾分拣，计件，白班", "月薪": "3500-4500", "招聘人数": "5"})
    ws.append([filled[h] for h in header])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    result = postings.posting_import(actor=world.users["county_office"], file=out, filename="岗位导入模板.xlsx")
    assert (result.errors, result.batch.created_count) == ([], 1)
    assert list(Posting.objects.values_list("title", "wage_min", "wage_max", "headcount")) == [
        ("冻虾分拣工", 3500, 4500, 5)]


def test_the_import_page_links_the_template(world):
    page = world.client("town_quzhang").get("/employment/postings/import/").content.decode()
    assert 'href="/employment/postings/import/template.xlsx">下载导入模板（.xlsx）</a>' in page
