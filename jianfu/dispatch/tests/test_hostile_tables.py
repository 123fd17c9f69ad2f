"""The routing commands' own table reader runs the xlsx guard first: a zip bomb, an encrypted or damaged file
is one Chinese error naming the file, and nothing is written (no classified csv, no trained model). And the
catalogue import's guard covers only the reading: a bad row is named by row and column, a bug in cleaning is a
bug (raised as it is), never reported as an unreadable file."""

from __future__ import annotations

import io
import struct

import pytest
from django.core.management import CommandError, call_command

from jianfu.core.tests import hostile_files
from jianfu.dispatch import catalogue as cat
from jianfu.dispatch import routing_bridge
from jianfu.dispatch.models import CatalogueVersion, Matter

pytestmark = pytest.mark.django_db

ROWS = [["id", "text", "部门"], ["1", "邻居偷砍我家山上的树", "林业局"], ["2", "物业公司乱收停车费", "住房和城乡建设局"]]


def _encrypted_member(data: bytes) -> bytes:
    """The same zip with every member flagged as encrypted (general-purpose bit 0), as a zip tool's password
    protection leaves it: opening a member asks for a password."""
    out = bytearray(data)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = out.find(signature)
        while at != -1:
            flags = struct.unpack_from("<H", out, at + flag_at)[0]
            struct.pack_into("<H", out, at + flag_at, flags | 1)
            at = out.find(signature, at + 4)
    return bytes(out)


# What Excel writes when a workbook is saved with a password: an OLE2 compound file, not a zip.
OFFICE_ENCRYPTED = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le")

CASES = [
    ("bomb", lambda: hostile_files.with_string_bomb(hostile_files.xlsx(ROWS)),
     "：文件内的 xl/sharedStrings.xml 解压后有 20 MB（压缩前仅 0.0 MB），不像 Excel 保存的台账，可能是恶意构造的压缩文件，"
     "已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传"),
    ("office_encrypted", lambda: OFFICE_ENCRYPTED,
     "：文件不是有效的 xlsx 文件（可能已损坏，或是改了扩展名的其他文件）（加密的文件请先在 Excel 中取消密码再导出）"),
    ("zip_encrypted", lambda: _encrypted_member(hostile_files.xlsx(ROWS)),
     "：文件不是有效的 xlsx 文件（可能已损坏，或是改了扩展名的其他文件）（加密的文件请先在 Excel 中取消密码再导出）"),
    ("truncated", lambda: hostile_files.with_truncated_sheet(hostile_files.xlsx(ROWS * 40)),
     "：文件不是有效的 xlsx 文件（可能已损坏，或是改了扩展名的其他文件）"),
]


@pytest.mark.parametrize(("name", "build", "message"), CASES, ids=[c[0] for c in CASES])
def test_classify_refuses_a_hostile_xlsx_and_writes_no_csv(world, catalogue, tmp_path, name, build, message):
    src = tmp_path / "events.xlsx"
    src.write_bytes(build())
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError) as raised:
        call_command("dispatch_classify", str(src), "--text-column", "text", "--out", str(out), stdout=io.StringIO())
    assert str(raised.value) == f"无法读取 Excel 文件 {src}{message}"
    assert not out.exists()


@pytest.mark.parametrize(("name", "build", "message"), CASES[:2], ids=[c[0] for c in CASES[:2]])
def test_train_refuses_a_hostile_xlsx_and_saves_no_model(world, catalogue, tmp_path, name, build, message):
    src = tmp_path / "history.xlsx"
    src.write_bytes(build())
    with pytest.raises(CommandError) as raised:
        call_command("dispatch_train", str(src), "--text-column", "text", "--label-column", "部门",
                     stdout=io.StringIO())
    assert str(raised.value) == f"无法读取 Excel 文件 {src}{message}"
    assert not routing_bridge.model_path("450521000000").exists()


def test_a_good_xlsx_is_still_read(world, catalogue, tmp_path):
    from jianfu.dispatch.management.commands._tables import read_table

    src = tmp_path / "events.xlsx"
    src.write_bytes(hostile_files.xlsx(ROWS))
    assert read_table(str(src)) == (["id", "text", "部门"], ROWS[1:])


def test_a_formula_without_its_result_is_named_by_the_command_line_readers(tmp_path):
    """Session 15: a training table or a matching sheet written by a script held formulas without results, read as
    empty text (a row trained on "", a seeker with no 求职意向); both readers name the first such cell."""
    from jianfu.dispatch.management.commands._tables import read_table
    from jianfu.employment.matching.sheets import SheetError, read_rows

    src = tmp_path / "events.xlsx"
    src.write_bytes(hostile_files.xlsx([*ROWS, ["9", '=CONCAT("路灯","坏了")', "=C2"]]))
    with pytest.raises(CommandError) as raised:
        read_table(str(src))
    assert str(raised.value) == f"{src}：第{len(ROWS) + 1}行「text」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值"
    with pytest.raises(SheetError) as raised:
        list(read_rows(src))
    assert str(raised.value) == f"第{len(ROWS) + 1}行「text」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值"


# ---- the catalogue import: the guard wraps the reading only

HEADER = [label for _key, label in cat.XLSX_COLUMNS]
GOOD = ["OK-1", "正常事项", "测试", "", "", "", "林业局", "", "配合", 5, 24, ""]


def _import(world, data: bytes):
    return cat.catalogue_import_xlsx(actor=world.users["county_office"], county_code="450521000000",
                                     file=io.BytesIO(data))


def test_a_bad_row_still_names_row_and_column(world):
    before = (CatalogueVersion.objects.count(), Matter.objects.count())
    bad = ["OK-2", *GOOD[1:9], "三天", 24, ""]
    with pytest.raises(cat.ApplicationError) as raised:
        _import(world, hostile_files.xlsx([HEADER, GOOD, [], bad]))
    assert raised.value.message == "第 4 行「办理时限（工作日）」：必须是整数"
    assert (CatalogueVersion.objects.count(), Matter.objects.count()) == before


def test_a_formula_without_its_result_is_named_as_one_and_a_cached_result_is_read(world):
    """Session 15: a formula saved without its result (a script's file, WPS's) read as an empty cell."""
    before = (CatalogueVersion.objects.count(), Matter.objects.count())
    formula = ["OK-2", '=CONCAT("防汛","事项")', *GOOD[2:]]
    with pytest.raises(cat.ApplicationError) as raised:
        _import(world, hostile_files.xlsx([HEADER, GOOD, formula]))
    assert (raised.value.message, raised.value.code) == (
        "第3行「事项名称」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值。", "formula")
    assert (CatalogueVersion.objects.count(), Matter.objects.count()) == before
    cached = hostile_files.rewrite(hostile_files.xlsx([HEADER, GOOD, formula]), "xl/worksheets/sheet1.xml",
                                   lambda xml: xml.replace(b'<c r="B3"><f>', b'<c r="B3" t="str"><f>')
                                   .replace(b"</f><v></v>", "</f><v>防汛事项</v>".encode()))
    version = _import(world, cached)
    assert list(version.matters.order_by("code").values_list("code", "name")) == [("OK-1", "正常事项"),
                                                                                  ("OK-2", "防汛事项")]


def test_a_bug_in_row_cleaning_is_not_reported_as_an_unreadable_file(world, monkeypatch):
    def broken(raw, **kwargs):
        return {"code": raw["missing-key"]}       # a KeyError, as a bug would raise it

    monkeypatch.setattr(cat, "_clean_matter", broken)
    before = (CatalogueVersion.objects.count(), Matter.objects.count())
    with pytest.raises(KeyError, match="missing-key"):
        _import(world, hostile_files.xlsx([HEADER, GOOD]))
    assert (CatalogueVersion.objects.count(), Matter.objects.count()) == before


def test_too_many_rows_are_still_refused(world, monkeypatch):
    monkeypatch.setattr(cat, "MAX_IMPORT_ROWS", 3)
    rows = [[f"OK-{i}", *GOOD[1:]] for i in range(5)]
    with pytest.raises(cat.ApplicationError) as raised:
        _import(world, hostile_files.xlsx([HEADER, *rows]))
    assert raised.value.message == "最多导入 3 行。"
    assert Matter.objects.count() == 0
