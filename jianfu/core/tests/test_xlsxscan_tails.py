"""mend18b #1: the sheet scan looks for the last cell and the last row tag near the end of a chunk first (a search for
a tag the sheet never writes, `<x:c ` in a sheet without prefixes, read each megabyte back in full): the same answers
as a search of the whole chunk."""

from __future__ import annotations

import io
import zipfile

from jianfu.core import xlsxscan


def _full_last_cell(buf: bytes) -> int:
    return max((i for i in range(len(buf)) if xlsxscan._CELL_START.match(buf, i)), default=-1)


def test_the_last_cell_and_row_are_found_near_the_end_as_in_the_whole_chunk():
    plain = b'<row r="7">' + b'<c r="A7" t="s"><v>1</v></c>' * 300 + b'<c r="B7"><v>2'
    prefixed = b'<x:row r="8">' + b"<x:c r='A8' t='s'><x:v>3</x:v></x:c>" * 300 + b"<x:c r='B8'><x:v>4"
    for buf in (plain, prefixed):
        assert xlsxscan._last_cell_start(buf, within=xlsxscan._CELL_TAIL) == _full_last_cell(buf) == \
            xlsxscan._last_cell_start(buf)
    # no cell start within the tail: not found (the caller cuts 256 bytes before the end then, as before)
    assert xlsxscan._last_cell_start(b"<c r='A1'>" + b"x" * 5000, within=xlsxscan._CELL_TAIL) == -1
    # a row tag further back than the first look is found all the same, and the later of the two spellings wins
    long_row = b'<row r="41">' + b"y" * (xlsxscan._ROW_TAIL + 10)
    assert xlsxscan._last_row_tag(long_row) == 0
    assert xlsxscan._last_row_tag(b'<x:row r="3">' + b'<row r="4">' + b"z" * 100) == 13
    assert xlsxscan._last_row_tag(b"no rows") == -1


def test_the_scan_of_a_long_sheet_reads_its_last_row_and_every_index():
    rows = b"".join(b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (n, n, n % 50) for n in range(1, 60001))
    xml = b'<?xml version="1.0"?><worksheet><sheetData>' + rows + b"</sheetData></worksheet>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("xl/worksheets/sheet1.xml", xml)
    with zipfile.ZipFile(out) as zf:
        info = xlsxscan.scan_sheet_xml(zf, "xl/worksheets/sheet1.xml", content=True, shared_strings=50)
    assert (info.max_row, info.max_shared_index, info.xml_error) == (60000, 49, "")
    assert len(xml) > 2 * 2**20    # more than one chunk
