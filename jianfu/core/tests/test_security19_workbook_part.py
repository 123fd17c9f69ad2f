"""security19 #1 (strict xfail until fixed): the 16 MB cap on the package's own parts (fix-sec18's note: a 19 MB
workbook.xml cost 647 MB in openpyxl's load) is keyed on the name `…/workbook.xml`; since cr18 #1 the workbook part
is found as openpyxl finds it ([Content_Types].xml may name any part), and a workbook part of another name is read
whole by openpyxl with no cap but the 512 MB of any part. Measured: xl/book.xml of 40 MB (a 1.2 MB upload) passed
`xlsx_refusal` and cost a village cadre's ledger import 13 s CPU and +1.4 GB before it was refused as damaged."""

from __future__ import annotations

import io
import os
import zipfile

from jianfu.core import xlsxguard

NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook_named(name: str, *, mb: int) -> bytes:
    """A one-sheet xlsx whose workbook part is `name` (named by [Content_Types].xml), padded to `mb` MB of empty
    elements, with enough random text in a comment to stay under the 100x compression check."""
    folder, base = name.rsplit("/", 1)
    target = mb * 2**20
    head = f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
    body = head + "<!--" + os.urandom(target // 40).hex() + "-->"
    workbook = body + "<a/>" * ((target - len(body) - 20) // 4) + "</workbook>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/'
                   f'xml"/><Override PartName="/{name}" ContentType="{MAIN}"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                   f'Type="{OFFICE}/officeDocument" Target="{name}"/></Relationships>')
        z.writestr(name, workbook)
        z.writestr(f"{folder}/_rels/{base}.rels", f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                   f'Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet {NS}><sheetData/></worksheet>')
    return out.getvalue()


def test_the_cap_refuses_a_large_xl_workbook_xml():
    assert "超过 16 MB 的上限" in (xlsxguard.xlsx_refusal(workbook_named("xl/workbook.xml", mb=17)) or "")


def test_the_cap_refuses_a_large_workbook_part_of_another_name():
    assert xlsxguard.xlsx_refusal(workbook_named("xl/book.xml", mb=17)) == (
        "文件内的 xl/book.xml 解压后有 17 MB，超过 16 MB 的上限（Excel 保存的文件中这一部分只有几 KB），"
        "不像 Excel 保存的表格，已拒绝。请在 Excel 中另存为 .xlsx 后重新上传")


def test_a_small_workbook_part_of_another_name_passes():
    assert xlsxguard.xlsx_refusal(workbook_named("xl/book.xml", mb=1)) is None


def test_the_listing_caps_the_workbook_s_relationships_before_reading_them():
    # the per-part loop of `xlsx_refusal` caps every .rels by its name; the listing, which reads the relationships
    # of the workbook wherever it is, checks again before it reads them (called alone here, past that loop)
    from jianfu.core import xlsxscan

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook_named("xl/book.xml", mb=1))) as small, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in small.namelist():
            padded = b"<!--" + b"x" * (17 * 2**20) + b"-->" if name == "xl/_rels/book.xml.rels" else b""
            z.writestr(name, padded + small.read(name))
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as zf:
        assert xlsxscan._sheet_listing(zf) == (
            "文件内的 xl/_rels/book.xml.rels 解压后有 17 MB，超过 16 MB 的上限（Excel 保存的文件中这一部分只有几 KB），"
            "不像 Excel 保存的表格，已拒绝。请在 Excel 中另存为 .xlsx 后重新上传")
