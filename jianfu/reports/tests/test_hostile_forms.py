"""A department's own xlsx form, uploaded to be matched or attached, against files that unpack to more
than memory holds or are damaged: a Chinese reason, and the template is unchanged."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.tests import hostile_files
from jianfu.reports.catalog import forms_load
from jianfu.reports.models import Template

from .test_headers import _form

pytestmark = pytest.mark.django_db

BOMB = "文件内的 xl/worksheets/sheet1.xml 解压后有 40 MB（压缩前仅 0.1 MB），不像 Excel 保存的台账，可能是恶意构造的压缩文件，已拒绝导入。"


def _filled(rows: int) -> bytes:
    cells = b"".join(b'<row r="%d"><c r="C%d"><v>%d</v></c></row>' % (i, i, i) for i in range(10, 10 + rows))
    return hostile_files.rewrite(_form(), "xl/worksheets/sheet1.xml", lambda old: old.replace(b"</sheetData>", cells + b"</sheetData>"))


@pytest.mark.parametrize(("build", "message"), [
    # 40 MB of rows in a 0.1 MB file: openpyxl outside read-only mode builds every one of them
    (lambda: hostile_files.with_sheet_bomb(_form(), unpacked_mb=40), BOMB),
    # 220,000 distinct filled rows (1.6 MB, compressed as XML compresses): openpyxl would build every cell (~20 s)
    (lambda: _filled(220_000), "文件内的 xl/worksheets/sheet1.xml 解压后有 11 MB，超过 8 MB 的上限，请删除无关的工作表和内容，或拆分后上传"),
    # a sheet cut in the middle: the message named a Python exception (ParseError)
    (lambda: hostile_files.with_truncated_sheet(_form()), "文件不是有效的 xlsx（内容已损坏），请在 Excel 中另存为 .xlsx 后重新上传"),
    (lambda: "序号,村（社区）\n1,曲木村".encode("gb18030"), "文件不是有效的 xlsx 文件（可能已损坏，或是改了扩展名的其他文件）"),
])
def test_header_match_refuses_hostile_forms(world, build, message):
    response = world.client("county_office").post("/reports/match/", {"file": SimpleUploadedFile("原表.xlsx", build())})
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())


def test_attaching_a_bomb_leaves_the_template_unchanged(world):
    forms_load(actor=None)
    template = Template.objects.order_by("code").first()
    before = (template.definition, template.form_file.name)
    data = hostile_files.with_sheet_bomb(_form(), unpacked_mb=40)
    response = world.client("county_office").post(f"/reports/templates/{template.code}/form/",
                                                  {"file": SimpleUploadedFile("原表.xlsx", data)})
    assert response.status_code == 400
    assert BOMB in html.unescape(response.content.decode())
    template.refresh_from_db()
    assert (template.definition, template.form_file.name) == before


def _zip_without_content_types() -> bytes:
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


NOT_XLSX = "文件不是有效的 xlsx 文件（可能已损坏，或是改了扩展名的其他文件）"


def test_a_zip_without_content_types_gets_a_chinese_reason_beside_the_upload_form(world):
    # badinput15 #12: “无法读取 xlsx 文件："There is no item named '[Content_Types].xml' in the archive"” on a
    # dead-end error page
    response = world.client("county_office").post("/reports/match/", {
        "file": SimpleUploadedFile("zip.xlsx", _zip_without_content_types())})
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert f'<div class="alert alert-error" role="alert">{NOT_XLSX}</div>' in page
    assert "Content_Types" not in page and 'name="file"' in page  # the upload form again


def test_attaching_a_zip_without_content_types_shows_the_template_page_again(world):
    forms_load(actor=None)
    template = Template.objects.order_by("code").first()
    before = (template.definition, template.form_file.name)
    response = world.client("county_office").post(f"/reports/templates/{template.code}/form/",
                                                  {"file": SimpleUploadedFile("zip.xlsx", _zip_without_content_types())})
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert f'<div class="alert alert-error" role="alert">{NOT_XLSX}</div>' in page
    assert "Content_Types" not in page
    assert f'action="/reports/templates/{template.code}/form/"' in page  # the upload form again
    template.refresh_from_db()
    assert (template.definition, template.form_file.name) == before


# ------------------------------------------------------------ security17 #1: a bomb spread over many sheets

def _form_with_sheets(extra: int) -> bytes:
    """The department's form (its header on the first sheet) and `extra` empty sheets B0, B1, …"""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(_form()))
    for i in range(extra):
        wb.create_sheet(f"B{i}")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


SPREAD_BOMB = ("文件解压后共有 24 MB（压缩前仅 0.1 MB），不像 Excel 保存的表格，可能是恶意构造的压缩文件，已拒绝。"
               "请在 Excel 中另存为 .xlsx 后重新上传")


@pytest.mark.parametrize(("build", "message"), [
    # three sheets of just under 8 MB each (every part under the 8 MB cap): 80 KB that took 54 s and +700 MB
    (lambda: hostile_files.with_padded_sheets(_form_with_sheets(3), unpacked_mb=8), SPREAD_BOMB),
    (lambda: _form_with_sheets(50), "文件有 51 个工作表，超过 50 个的上限，请删除无关的工作表后重新上传"),
])
def test_a_form_whose_parts_together_are_too_much_is_refused(world, build, message):
    data = build()
    assert len(data) < 200 * 1024
    response = world.client("dept_housing").post("/reports/match/", {"file": SimpleUploadedFile("原表.xlsx", data)})
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())


def test_the_form_caps_all_parts_together():
    from jianfu.core.xlsxscan import xlsx_refusal
    from jianfu.reports.engine.xlsx_forms import MAX_FORM_PART_BYTES, MAX_FORM_SHEETS, MAX_FORM_TOTAL_BYTES

    assert (MAX_FORM_PART_BYTES, MAX_FORM_TOTAL_BYTES, MAX_FORM_SHEETS) == (8 * 2**20, 32 * 2**20, 50)
    # 2 sheets of 3 MB: under every cap of a form; a caller's lower total is said in its words
    data = hostile_files.with_padded_sheets(_form_with_sheets(2), unpacked_mb=3)
    assert xlsx_refusal(data, max_part_bytes=MAX_FORM_PART_BYTES, max_total_bytes=MAX_FORM_TOTAL_BYTES,
                        max_sheets=MAX_FORM_SHEETS) is None
    assert xlsx_refusal(data, max_total_bytes=4 * 2**20) == (
        "文件解压后共有 6 MB，超过 4 MB 的上限，请删除无关的工作表和内容，或拆分后上传")


def test_the_header_is_read_from_the_forms_sheet_alone():
    """Only the sheet the form's header is on is read (read-only, its first rows): another sheet, here damaged,
    is never parsed — it was, cell by cell, with every sheet of the workbook."""
    from jianfu.reports.engine import EngineError
    from jianfu.reports.engine.xlsx_forms import read_layout

    # the other sheet's XML cut before its dimension: openpyxl, even read-only, parses a sheet to find its size
    data = hostile_files.rewrite(_form_with_sheets(1), "xl/worksheets/sheet2.xml", lambda old: old[:40])
    layout = read_layout(data)
    assert (layout.sheet, layout.header_rows, layout.unit_column) == ("低保月报", (3, 4), "B")
    assert [(h.column, h.text, h.parent) for h in layout.headers] == [
        ("A", "序号", None), ("B", "村（社区）", None), ("C", "户数（户）", "低保对象"), ("D", "人数（人）", "低保对象"),
        ("E", "其中：女", "低保对象"), ("F", "备注", None)]
    with pytest.raises(EngineError, match="^文件不是有效的 xlsx（内容已损坏）"):   # the damaged sheet, when chosen
        read_layout(data, sheet="B0")


def test_a_stored_bomb_is_refused_on_download_not_loaded(world):
    """A form stored before the caps (an attach of an older release) is checked again when a report is filled
    into it (?format=form): refused with the reason, the workbook never loaded."""
    import datetime as dt

    from django.core.files.base import ContentFile

    forms_load(actor=None)
    template = Template.objects.get(code="mz_dibao_tekun")
    template.form_file.save("bomb.xlsx", ContentFile(hostile_files.with_padded_sheets(_form_with_sheets(3))),
                            save=False)
    template.form_sheet, template.form_first_data_row = "低保月报", 5
    template.save()
    period = dt.date.today().strftime("%Y%m")
    response = world.client("county_office").get(f"/reports/templates/{template.code}/run/",
                                                 {"unit": "450521", "period": period, "format": "form"})
    assert response.status_code == 400
    assert SPREAD_BOMB in html.unescape(response.content.decode())
