"""fix-left17b #5: an employment upload's check in the request loads only the head of an xlsx sheet
(`xlsxscan.head_workbook`, `reader.open_ledger(head_rows=…)`): the header and the refusals a user sees for it are the
same as when the whole sheet is loaded; the rows are the worker's."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from jianfu.core.xlsxscan import head_workbook, sheet_members
from jianfu.registry.ledger import reader


def _xlsx(rows, *, merge=None, sheets=("台账",), active=0) -> io.BytesIO:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        if merge:
            ws.merge_cells(merge)
    wb.active = active
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _excel_like(tmp_path, rows, merge="") -> io.BytesIO:
    """Strings in the shared-string table, as Excel saves them (openpyxl writes them inline)."""
    from bench.bench_registry import write_excel_like_xlsx

    path = tmp_path / "excel.xlsx"
    write_excel_like_xlsx(path, "台账", [[v.isoformat() if isinstance(v, dt.datetime) else v for v in r] for r in rows],
                          merge=merge)
    return io.BytesIO(path.read_bytes())


ROWS = [["岗位名称", "单位", "人数", "截止日期"],
        *[[f"岗位{i}", f"单位{i % 7}", i, dt.datetime(2026, 1, 1 + i % 28)] for i in range(1, 400)]]


def _read(buf, **kw):
    buf.seek(0)
    ledger = reader.open_ledger(buf, filename="岗位.xlsx", **kw)
    try:
        return (ledger.sheet_name, ledger.sheet_names, ledger.header_row, ledger.headers, ledger.total_rows_hint,
                ledger.sheet_note, list(ledger.rows())[:5])
    finally:
        ledger.close()


def _refusal(buf, **kw) -> str:
    buf.seek(0)
    with pytest.raises(reader.LedgerFileError) as exc:
        reader.open_ledger(buf, filename="岗位.xlsx", **kw).close()
    return exc.value.reason


def test_the_head_reads_the_sheet_as_the_whole_does(tmp_path):
    buf = _xlsx(ROWS, sheets=("说明", "台账"), active=1)
    assert _read(buf, head_rows=20) == _read(buf)
    excel = _excel_like(tmp_path, ROWS)
    assert _read(excel, head_rows=20) == _read(excel)
    assert _read(buf, head_rows=20)[4] == 399             # the extent is the whole sheet's (its scan), not the head's
    buf.seek(0)
    ledger = reader.open_ledger(buf, filename="岗位.xlsx", header_row=1, head_rows=6)
    assert [number for number, _values in ledger.rows()] == [2, 3, 4, 5, 6]   # the head's rows only
    ledger.close()


@pytest.mark.parametrize(("rows", "merge", "kw"), [
    ([["岗位名称", "单位", "岗位名称"], ["甲", "乙", "丙"]], None, {}),                       # a repeated column name
    ([[None, None], ["岗位名称", "单位"]], None, {"header_row": 1}),                          # an empty header row
    ([["岗位名称", None, "单位"], ["甲", "乙", "丙"]], "A1:B1", {"header_row": 1}),            # a merged header
    (ROWS, None, {"max_rows": 100}),                                                          # over the row cap
])
def test_a_bad_header_is_refused_in_the_same_words(tmp_path, rows, merge, kw):
    for buf in (_xlsx(rows, merge=merge), _excel_like(tmp_path, rows, merge=merge or "")):
        said = _refusal(buf, **kw)
        assert said and _refusal(buf, head_rows=20, **kw) == said


def test_the_head_workbook_holds_the_first_rows_and_the_strings_they_name_only(tmp_path):
    buf = _excel_like(tmp_path, ROWS)
    with zipfile.ZipFile(buf) as zf:
        members, _states, _active = sheet_members(zf)
        member = members["台账"]
        whole = zf.read(member)
        strings = zf.read("xl/sharedStrings.xml")
        head = head_workbook(zf, members.values(), rows=3)
    with zipfile.ZipFile(io.BytesIO(head)) as zf:
        sheet, shared = zf.read(member), zf.read("xl/sharedStrings.xml")
    assert (whole.count(b"<row "), sheet.count(b"<row ")) == (400, 3)
    assert sheet.endswith(b"</sheetData></worksheet>") and b"<dimension" not in sheet
    # rows 1-3 name the header's four strings and 岗位1 单位1 2026-01-02, 岗位2 单位2 2026-01-03
    assert (strings.count(b"<si>"), shared.count(b"<si>")) == (4 + 399 + 7 + 28, 10)
    assert b'count="' not in shared and shared.endswith(b"</si></sst>")
    wb = openpyxl.load_workbook(io.BytesIO(head), read_only=True)
    assert [list(r) for r in wb["台账"].iter_rows(values_only=True)] == [
        ROWS[0], ["岗位1", "单位1", 1, "2026-01-02T00:00:00"], ["岗位2", "单位2", 2, "2026-01-03T00:00:00"]]


def test_a_sheet_shorter_than_the_head_is_kept_whole():
    buf = _xlsx(ROWS[:3])
    with zipfile.ZipFile(buf) as zf:
        members, _states, _active = sheet_members(zf)
        head = head_workbook(zf, members.values(), rows=50)
        assert zipfile.ZipFile(io.BytesIO(head)).read(members["台账"]) == zf.read(members["台账"])


def test_the_employment_upload_check_loads_the_head_only(monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.employment import uploads

    opened = []
    real = reader.open_ledger

    def spy(*args, **kwargs):
        opened.append((kwargs["header_row"], kwargs["head_rows"]))
        return real(*args, **kwargs)

    monkeypatch.setattr(reader, "open_ledger", spy)
    assert uploads.checked_import_upload(SimpleUploadedFile("岗位.xlsx", _xlsx(ROWS).getvalue()),
                                         default="postings.xlsx") == "岗位.xlsx"
    assert opened == [(1, reader.HEADER_SCAN_ROWS + 100)]
