"""A CSV with one undecodable byte is refused naming the row (and column) the byte is in, nothing imported (mend19b #1).

The reader decoded through `io.TextIOWrapper`, which decodes a chunk ahead of the csv module: the refusal named the row
being parsed when the chunk holding the bad byte was decoded (a GBK file with the byte in row 500 was refused as
"第401行", a UTF-8 one as "第1行": the bad byte in the first 64 KB made the file look like GBK)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.registry import imports
from jianfu.registry.ledger import reader
from jianfu.registry.ledger.values import make_id_number
from jianfu.registry.models import ImportBatch, ImportRow, Person

BAD = b"\xff"   # no byte of UTF-8 or GBK text
ENCODINGS = ["gbk", "utf-8", "utf-8-sig"]


def refusal(row: int, col: str) -> str:
    return (f"第{row}行{col}列有无法识别的字符（字节 0xFF），文件中可能混有其他编码的内容或已损坏，"
            "请把文件另存为 UTF-8 或 GBK 编码后重新上传")


def csv_lines(count: int) -> list[str]:
    """A header and `count` - 1 data rows of three columns."""
    return ["姓名,身份证号码,备注"] + [f"张三{i},{make_id_number('450521', dt.date(1990, 1, 2), i % 900)},第{i}行的备注"
                                for i in range(2, count + 1)]


def encode(lines: list[str], encoding: str, *, bad_row: int, bad_col: int, at_end: bool = False) -> bytes:
    """The lines as bytes with BAD put into row `bad_row` (1-based), at the start (or end) of column `bad_col`."""
    out = []
    for number, line in enumerate(lines, start=1):
        cells = [cell.encode("utf-8" if encoding == "utf-8-sig" else encoding) for cell in line.split(",")]
        if number == bad_row:
            cells[bad_col] = cells[bad_col] + BAD if at_end else BAD + cells[bad_col]
        out.append(b",".join(cells) + b"\r\n")
    return (b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b"") + b"".join(out)


def read_all(data: bytes) -> list[tuple[int, list[object]]]:
    return list(reader.open_ledger(io.BytesIO(data), filename="台账.csv").rows())


def refused(data: bytes) -> str:
    with pytest.raises(reader.LedgerFileError) as exc:
        read_all(data)
    return exc.value.reason


@pytest.mark.parametrize("encoding", ENCODINGS)
class TestTheRowOfABadByte:
    def test_in_the_header(self, encoding):
        data = encode(csv_lines(3000), encoding, bad_row=1, bad_col=1)
        assert refused(data) == refusal(1, "B")

    def test_in_a_middle_row_across_a_chunk_boundary(self, encoding):
        lines = csv_lines(6000)
        clean = encode(lines, encoding, bad_row=0, bad_col=0)
        # the row that starts before the first chunk's end and ends after it; the bad byte at its end, past the boundary
        starts = [0]
        for line in clean.split(b"\r\n")[:-1]:
            starts.append(starts[-1] + len(line) + 2)
        row = next(n for n in range(1, len(starts)) if starts[n - 1] < reader._CHUNK < starts[n] - 2)
        data = encode(lines, encoding, bad_row=row, bad_col=2, at_end=True)
        assert starts[row - 1] < reader._CHUNK < data.index(BAD)   # the row straddles the boundary, the byte after it
        assert 1000 < row < 5000
        assert refused(data) == refusal(row, "C")
        # and with the bad byte at the row's start, before the boundary
        data = encode(lines, encoding, bad_row=row, bad_col=0)
        assert data.index(BAD) < reader._CHUNK
        assert refused(data) == refusal(row, "A")

    def test_in_the_last_row(self, encoding):
        data = encode(csv_lines(6000), encoding, bad_row=6000, bad_col=2)
        assert refused(data) == refusal(6000, "C")

    def test_a_character_cut_at_the_end_of_the_file(self, encoding):
        plain = "utf-8" if encoding == "utf-8-sig" else encoding
        cut = "尾".encode(plain)[:1]   # the first byte of a two- or three-byte character, no line end after it
        data = encode(csv_lines(50), encoding, bad_row=0, bad_col=0) + "末行,1,".encode(plain) + cut
        with pytest.raises(reader.LedgerFileError) as exc:
            read_all(data)
        assert exc.value.reason == refusal(51, "C").replace("0xFF", f"0x{cut[0]:02X}")

    def test_a_clean_file_reads_every_row(self, encoding):
        lines = csv_lines(6000)
        rows = read_all(encode(lines, encoding, bad_row=0, bad_col=0))
        assert len(rows) == 5999
        assert rows[0] == (2, lines[1].split(","))
        assert rows[-1] == (6000, lines[-1].split(","))


def test_a_row_spanning_lines_is_named_by_its_number():
    # the reader numbers rows as the csv module reads them (a quoted cell's line end does not start a row)
    text = '姓名,备注\r\n张三,"第一行\r\n第二行"\r\n李四,好\r\n'.encode()
    data = text.replace("第二行".encode(), BAD + "第二行".encode())
    assert refused(data) == refusal(2, "B")
    assert read_all(text) == [(2, ["张三", "第一行\r\n第二行"]), (3, ["李四", "好"])]


@pytest.mark.parametrize("line_end", [b"\r\n", b"\r", b"\n"])
def test_a_line_end_split_by_the_chunk_boundary_makes_no_empty_row(line_end):
    # "\r" the last byte of a chunk and "\n" the first of the next: one line end, as io.TextIOWrapper reads it
    first = b"a,b" + line_end
    row = b"x" * (reader._CHUNK - len(first) - 2) + b",y"   # ends at the boundary
    data = first + row + line_end + b"1,2" + line_end
    assert len(first + row) == reader._CHUNK
    assert read_all(data) == [(2, ["x" * (reader._CHUNK - len(first) - 2), "y"]), (3, ["1", "2"])]


def test_a_long_line_over_many_chunks_is_read_whole():
    cell = "长" * (reader._CHUNK + 10)
    data = f"姓名,备注\n张三,{cell[:100000]}\n李四,好\n".encode()
    assert read_all(data) == [(2, ["张三", cell[:100000]]), (3, ["李四", "好"])]


def test_utf8_with_a_bad_byte_in_the_head_is_not_read_as_gbk():
    assert reader.detect_encoding("姓名,备注\n张三,好\xff".encode() + BAD) == "utf-8"
    assert reader.detect_encoding("姓名,备注\n张三,好\n李四,坏".encode("gbk")) == "gb18030"
    assert reader.detect_encoding("姓名,备注\n张三,好\n".encode("gbk") + "李四,坏".encode()) == "gb18030"


@pytest.mark.django_db
def test_the_import_of_a_file_with_a_bad_last_row_fails_with_nothing_staged(world):
    # 2,500 rows: the first 2,000 are staged before the last is read (imports.CHUNK), and removed when it is refused
    lines = ["姓名,身份证号码"] + [f"人{i},{make_id_number('450521', dt.date(1980, 1, 1) + dt.timedelta(days=i), 13)}"
                             for i in range(2, 2502)]
    data = encode(lines, "gbk", bad_row=2501, bad_col=0)
    actor = world.users["village_a"]
    mapping = imports.import_mapping_save(actor=actor, org_code=imports.import_unit_for(actor), name="台账",
                                          columns={"姓名": "name", "身份证号码": "id_number"})
    batch = imports.import_batch_create(actor=actor, uploaded=SimpleUploadedFile("台账.csv", data), mapping=mapping)
    batch = imports.import_batch_stage(batch_id=batch.pk)
    assert (batch.status, batch.error_message) == (ImportBatch.Status.FAILED, refusal(2501, "A"))
    assert (batch.valid_rows, batch.error_rows, batch.processed_rows) == (0, 0, 0)
    assert ImportRow.objects.filter(batch=batch).count() == 0
    assert Person.objects.count() == 0
