"""The shared scan of a sheet's XML (`xlsxguard.sheet_info`): the sheet is found by the workbook's relationships,
the public way (the monitor import read openpyxl's private `_archive` / `_worksheet_path`), whatever its member is
called and whichever order the sheets are in."""

from __future__ import annotations

from openpyxl import Workbook

from jianfu.core.xlsxguard import SheetInfo, formulas_by_row, sheet_info


def _two_sheets() -> bytes:
    import io

    wb = Workbook()
    wb.active.title = "旧数据"
    wb.active.append(["a"])
    ws = wb.create_sheet("台账")
    ws.append(["名称", "时长"])
    ws.append(["会议", "=SUM(1,2)"])
    ws.merge_cells("A3:A4")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_named_sheet_is_scanned_through_the_relationships():
    data = _two_sheets()
    info = sheet_info(data, "台账")
    assert (info.merged, info.formulas_without_value, info.formula_count, info.max_row) == (
        ["A3:A4"], {"B2"}, 1, 4)
    assert sheet_info(data, "旧数据") == SheetInfo(merged=[], formulas_without_value=set(), formula_count=0,
                                                 max_row=1)
    assert sheet_info(data, "没有这个表") == SheetInfo()
    assert formulas_by_row(info, [1]) == {2: [1]} and formulas_by_row(info, [0]) == {}


def test_a_relative_relationship_target_and_a_member_under_another_name_are_found():
    """openpyxl writes "/xl/worksheets/sheet2.xml"; Excel and WPS write "worksheets/sheet2.xml", and a member may
    have any name."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_two_sheets())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info).replace(b"/xl/worksheets/sheet2.xml", b"/xl/worksheets/data.xml")
            if info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(b'Target="/xl/worksheets/data.xml"', b'Target="worksheets/data.xml"')
            dst.writestr(info.filename.replace("sheet2.xml", "data.xml"), body)
    data = out.getvalue()
    assert "xl/worksheets/data.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    info = sheet_info(data, "台账")
    assert (info.merged, info.formulas_without_value) == (["A3:A4"], {"B2"})


def test_formula_refusal_names_the_first_cell_by_its_header_or_its_letter():
    from jianfu.core.xlsxguard import formula_refusal

    info = SheetInfo(formulas_without_value={"AB9", "C4", "B1", "D4"})
    assert formula_refusal(info, ["名称", "时长", "单位"]) == (
        "第4行「单位」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值")
    assert formula_refusal(SheetInfo(formulas_without_value={"AB9"}), ["名称"]) == (
        "第9行「AB列」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值")
    assert formula_refusal(SheetInfo(formulas_without_value={"B1"}), ["名称"]) is None  # the header row
