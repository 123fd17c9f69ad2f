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
