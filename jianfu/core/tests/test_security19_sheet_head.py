"""security19 #3: reading a sheet's first rows (`head_workbook`, an upload's check in the request) searches each byte
of the sheet once, however long a row, and refuses a head past MAX_SHEET_HEAD_BYTES naming the sheet and the row
(before: a single row of 16 MB of cells took 12.2 s CPU, 24 MB 27.3 s; now 0.05 s, refused)."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.core import xlsxscan

# the former searches (quadratic in a long row or string: each 64 kB piece searched the buffer again from the last
# tag found): the reference for what the heads hold
FORMER_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")


def former_sheet_head(zf, member, rows, read):
    buf, pos, number, cut = b"", 0, 0, -1
    with zf.open(member) as stream:
        while cut < 0:
            chunk = stream.read(read)
            buf += chunk
            for m in FORMER_ROW_TAG.finditer(buf, pos):
                r = xlsxscan._ROW_R.search(m.group(1))
                number = int(r.group(1)) if r else number + 1
                if number > rows:
                    cut = m.start()
                    break
                pos = m.end()
            if not chunk:
                break
    if cut < 0:
        return buf
    root = xlsxscan._WORKSHEET_OPEN.search(buf)
    prefix = root.group(1) if root else b""
    return xlsxscan._DIMENSION.sub(b"", buf[:cut], count=1) + b"</%ssheetData></%sworksheet>" % (prefix, prefix)


def former_strings_head(zf, member, count, read):
    buf, pos, seen = b"", 0, 0
    with zf.open(member) as stream:
        while True:
            chunk = stream.read(read)
            buf += chunk
            for m in xlsxscan._SI_END.finditer(buf, pos):
                seen, pos = seen + 1, m.end()
                if seen >= count:
                    root = xlsxscan._SST_OPEN.search(buf)
                    opening, prefix = root.start(), root.group(1)
                    end = buf.find(b">", opening)
                    return (buf[:opening] + xlsxscan._SST_COUNTS.sub(b"", buf[opening:end]) + buf[end:pos]
                            + b"</%ssst>" % prefix)
            if not chunk:
                return buf


def zipped(**parts: bytes) -> zipfile.ZipFile:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


prefixes = st.sampled_from(["", "x:"])
cell = st.sampled_from(['<c r="A1"><v>1</v></c>', '<c t="s"><v>0</v></c>', "<c/>", '<c r="B1" t="inlineStr"><is>'
                        "<t>长文字 with &lt;row&gt;</t></is></c>", " ", "\n"])


@st.composite
def sheets(draw):
    p = draw(prefixes)
    rows = []
    for i in range(1, draw(st.integers(0, 8)) + 1):
        r = draw(st.sampled_from([f' r="{i}"', f" r='{i * 2}'", "", f' r="{i}" spans="1:3" ht="{"9" * 30}"']))
        rows.append(f"<{p}row{r}>" + "".join(draw(st.lists(cell, max_size=5))).replace("<c", f"<{p}c")
                    .replace("</c", f"</{p}c") + f"</{p}row>")
    return (f'<{p}worksheet><{p}dimension ref="A1:B9"/><{p}sheetData>' + "".join(rows)
            + f"</{p}sheetData></{p}worksheet>").encode()


@st.composite
def string_tables(draw):
    p = draw(prefixes)
    items = draw(st.lists(st.sampled_from([f"<{p}si><{p}t>文字</{p}t></{p}si>", f"<{p}si/>",
                                           f"<{p}si><{p}t>{'长' * 40}</{p}t></{p}si>"]), max_size=8))
    return f'<{p}sst count="9" uniqueCount="9">{"".join(items)}</{p}sst>'.encode()


@settings(max_examples=300, deadline=None)
@given(sheets(), st.integers(1, 6), st.integers(1, 40))
def test_a_sheet_s_head_is_what_the_former_search_kept(xml, rows, read):
    zf = zipped(**{"s.xml": xml})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsxscan, "_READ", read)   # pieces of a few bytes: tags split across them
        assert xlsxscan._sheet_head(zf, "s.xml", rows) == former_sheet_head(zf, "s.xml", rows, read)


@settings(max_examples=300, deadline=None)
@given(string_tables(), st.integers(1, 9), st.integers(1, 40))
def test_the_shared_strings_head_is_what_the_former_search_kept(xml, count, read):
    zf = zipped(**{"sst.xml": xml})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsxscan, "_READ", read)
        assert xlsxscan._shared_strings_head(zf, "sst.xml", count) == former_strings_head(zf, "sst.xml", count, read)


def huge_row_sheet(mb: int) -> bytes:
    cells = b'<c r="B2"><v>1</v></c>' * (mb * 2**20 // 22)
    return (b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2">' + cells
            + b'</row><row r="3"/></sheetData></worksheet>')


def test_a_row_of_16_mb_is_refused_at_the_cap_in_linear_time():
    zf = zipped(**{"s.xml": huge_row_sheet(16)})
    start = time.process_time()
    with pytest.raises(xlsxscan.SheetHeadTooLarge) as refused:
        xlsxscan._sheet_head(zf, "s.xml", 100)
    assert time.process_time() - start < 2
    assert (refused.value.member, refused.value.row, refused.value.rows) == ("s.xml", 2, 100)


def test_a_long_row_under_the_cap_is_searched_once(monkeypatch):
    monkeypatch.setattr(xlsxscan, "MAX_SHEET_HEAD_BYTES", 2**30)
    xml = huge_row_sheet(16)
    start = time.process_time()
    head = xlsxscan._sheet_head(zipped(**{"s.xml": xml}), "s.xml", 2)
    assert time.process_time() - start < 2   # 0.11 s here; 12.2 s before
    assert head == xml[:xml.index(b'<row r="3"/>')] + b"</sheetData></worksheet>"
