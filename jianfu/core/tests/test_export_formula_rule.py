"""badinput15 #22: one formula-injection rule for every xlsx export (jianfu.core.xlsxguard.workbook_bytes)."""

from __future__ import annotations

import io
import pathlib
import re
import zipfile

from openpyxl import Workbook, load_workbook

from jianfu.core.xlsxguard import FORMULA_START, workbook_bytes

TEXTS = ['=HYPERLINK("http://evil","x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "正常", "a=b"]


def test_formula_like_text_is_a_text_cell_with_the_quote_prefix():
    wb = Workbook()
    for text in TEXTS:
        wb.active.append([text, 5])
    data = workbook_bytes(wb)
    ws = load_workbook(io.BytesIO(data)).active
    got = [(r[0].value, r[0].data_type, r[0].quotePrefix, r[1].value) for r in ws.iter_rows()]
    assert got == [(t, "s", t.startswith(FORMULA_START), 5) for t in TEXTS]
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet       # no formula anywhere
    assert 'quotePrefix="1"' in zipfile.ZipFile(io.BytesIO(data)).read("xl/styles.xml").decode()


def test_every_export_saves_through_the_rule():
    """Every `wb.save(` in the code is the rule's own, or a write-only / filled-in workbook whose written cells
    pass `inert_cell` one by one (the rejected rows; a department's own form, whose formulas must stay)."""
    root = pathlib.Path(__file__).resolve().parents[2]
    allowed = {"jianfu/core/xlsxscan.py", "jianfu/registry/imports.py", "jianfu/reports/engine/xlsx_forms.py",
               "jianfu/registry/demo.py", "jianfu/employment/demo.py"}
    saving = {str(p.relative_to(root.parent)) for p in root.rglob("*.py")
              if "/tests/" not in str(p) and re.search(r"\bwb\.save\(", p.read_text(encoding="utf-8"))}
    assert saving <= allowed
    for path in ("jianfu/registry/imports.py", "jianfu/reports/engine/xlsx_forms.py"):
        assert "inert_cell(" in (root.parent / path).read_text(encoding="utf-8")
