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


# ------------------------------------------------ cr17b: a sheet broken past the head, a prefixed sheet

def _rezip(buf: io.BytesIO, change, *, compression=zipfile.ZIP_DEFLATED) -> io.BytesIO:
    """The xlsx with each member's bytes passed through `change(name, data)`."""
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", compression) as zout:
        for name in zin.namelist():
            zout.writestr(name, change(name, zin.read(name)))
    out.seek(0)
    return out


def _broken_after_the_head(tmp_path, how: str) -> io.BytesIO:
    """ROWS as Excel saves them, with row 250 (far past a check's head) made unreadable."""
    rows = [*ROWS, *[[f"岗位{i}", f"单位{i % 7}", i, None] for i in range(400, 700)]]

    def change(name, data):
        if name != "xl/worksheets/sheet1.xml":
            return data
        at = data.index(b'<row r="250"')
        bad = (b'<row r="250"><c r="A250" t="s"><v>' if how == "unclosed"
               else b'<row r="250"><c r="E250" t="s"><v>999999</v></c></row>')
        return data[:at] + bad + data[at:]

    return _rezip(_excel_like(tmp_path, rows), change)


@pytest.mark.parametrize(("how", "detail"), [
    ("unclosed", "XML: mismatched tag: line 2, column "),
    ("badindex", "shared string index 999999 out of range (738)"),   # 4 + 699 + 7 + 28 strings
])
def test_a_sheet_broken_after_the_head_is_refused_as_when_read_whole(tmp_path, how, detail):
    buf = _broken_after_the_head(tmp_path, how)
    said = _refusal(buf, head_rows=20)
    assert said.startswith("文件内容不是有效的 Excel 格式（" + detail)
    assert said.endswith("），请在 Excel 中另存为 .xlsx 后重新上传")
    whole = _refusal(buf)          # the whole load: calamine's words for the same fault, in the same refusal
    assert whole.startswith("文件内容不是有效的 Excel 格式（") and whole.endswith("），请在 Excel 中另存为 .xlsx 后重新上传")
    assert whole != said


def test_a_bad_crc_in_the_sheets_tail_is_refused_not_raised(tmp_path):
    """The head reads fine; the scan of the whole sheet meets the damaged tail (a 500 before cr17b)."""
    rows = [*ROWS, *[[f"岗位{i}", f"单位{i % 7}", i, None] for i in range(400, 4000)]]   # past the guard's 64 kB look
    stored = _rezip(_excel_like(tmp_path, rows), lambda _name, data: data, compression=zipfile.ZIP_STORED)
    data = bytearray(stored.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
        body = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        at = data.index(b"<v>", body + info.compress_size - 300) + 3   # a value in the last rows, far past the head
    assert data[at:at + 1].isdigit()
    data[at] = ord("7") if data[at] != ord("7") else ord("8")   # still well-formed: only the CRC tells
    said = _refusal(io.BytesIO(bytes(data)), head_rows=20)
    assert said == "文件内容不是有效的 Excel 格式（Bad CRC-32 for file 'xl/worksheets/sheet1.xml'），请在 Excel 中另存为 .xlsx 后重新上传"


def _prefixed(buf: io.BytesIO) -> io.BytesIO:
    """The workbook as the OpenXML SDK writes it: the sheet's and the shared strings' elements with an `x:`
    prefix, attributes in single quotes."""
    import re

    def change(name, data):
        if name not in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
            return data
        data = data.replace(b' xmlns="', b' xmlns:x="')
        data = re.sub(rb"<(/?)(?!\?)(\w+)", rb"<\1x:\2", data)
        return re.sub(rb'(<x:[^>]*)', lambda m: m.group(1).replace(b'"', b"'"), data)

    return _rezip(buf, change)


def test_a_prefixed_sheet_reads_its_head_as_the_whole(tmp_path):
    buf = _prefixed(_excel_like(tmp_path, ROWS))
    with zipfile.ZipFile(buf) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
        assert b"<x:c r='A1' t='s'><x:v>0</x:v></x:c>" in sheet and b"<row" not in sheet
        head = head_workbook(zf, ["xl/worksheets/sheet1.xml"], rows=3)
    with zipfile.ZipFile(io.BytesIO(head)) as zf:
        part, shared = zf.read("xl/worksheets/sheet1.xml"), zf.read("xl/sharedStrings.xml")
    assert (part.count(b"<x:row "), shared.count(b"<x:si>")) == (3, 10)
    assert part.endswith(b"</x:sheetData></x:worksheet>") and shared.endswith(b"</x:si></x:sst>")
    whole = _read(buf)
    assert whole[3] == ["岗位名称", "单位", "人数", "截止日期"]
    assert _read(buf, head_rows=20) == whole


def test_a_sheet_whose_string_cells_are_not_found_keeps_every_shared_string(tmp_path):
    """A form the head's pattern does not know (here `t = "s"`, spaces Excel never writes): all the strings are
    kept, so the header still reads (before cr17b: only the first string, "header not found")."""
    def change(name, data):
        return data.replace(b' t="s"', b' t = "s"') if name == "xl/worksheets/sheet1.xml" else data

    buf = _rezip(_excel_like(tmp_path, ROWS), change)
    with zipfile.ZipFile(buf) as zf:
        whole_strings = zf.read("xl/sharedStrings.xml")
        head = head_workbook(zf, ["xl/worksheets/sheet1.xml"], rows=3)
    assert zipfile.ZipFile(io.BytesIO(head)).read("xl/sharedStrings.xml") == whole_strings
    assert _read(buf, head_rows=20)[3] == ["岗位名称", "单位", "人数", "截止日期"]


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["unclosed", "badindex"])
def test_a_seeker_sheet_broken_after_the_head_is_refused_in_the_request(world, tmp_path, how):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.employment.models import SeekerImportBatch

    api = world.api_client("village_a")
    before = SeekerImportBatch.objects.count()
    r = api.post("/api/v1/employment/people/import/",
                 {"file": SimpleUploadedFile("seekers.xlsx", _broken_after_the_head(tmp_path, how).getvalue())},
                 format="multipart")
    assert (r.status_code, r.json()["error"]["code"]) == (400, "unreadable_file")
    assert "文件内容不是有效的 Excel 格式（" in str(r.json())
    assert SeekerImportBatch.objects.count() == before


def test_the_ledger_reader_names_the_sheet_and_the_row():
    # security19 #3: a head past the cap is refused naming the sheet and the row (moved from core's tests: core never
    # imports the registry)
    small = zipfile.ZipFile(_xlsx([["姓名", "身份证号"], ["张三", "1"]]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        members, _states, _active = sheet_members(small)
        ((_sheet, member),) = members.items()
        for name in small.namelist():
            data = small.read(name)
            if name == member:
                data = data.replace(b"</row></sheetData>", b'</row><row r="3">' + b'<c r="B3"><v>1</v></c>'
                                    * (9 * 2**20 // 22) + b"</row></sheetData>")
            z.writestr(name, data)
    with pytest.raises(reader.LedgerFileError) as refused:
        reader.open_ledger(io.BytesIO(out.getvalue()), filename="台账.xlsx", head_rows=100)
    assert refused.value.reason == (
        "工作表“台账”读到第3行时内容已超过 8 MB，Excel 保存的台账不会这样，请检查这一行（是否有极长的文字或大量空单元格）后重新上传")
