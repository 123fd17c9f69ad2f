"""The pure ledger core: reading files, validating cells and rows, in-file duplicates, name similarity."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from jianfu.registry.ledger import dedup, reader, validate, vocab
from jianfu.registry.ledger import values as V

TODAY = dt.date(2025, 6, 30)
VILLAGE = "450521200206"
ID_M = V.make_id_number("450521", dt.date(1990, 1, 2), 13)   # male
ID_F = V.make_id_number("450521", dt.date(1985, 7, 9), 24)   # female


def xlsx_bytes(rows, *, title="Sheet1", merge=None, extra_sheets=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    if merge:
        ws.merge_cells(merge)
    for name in extra_sheets:
        wb.create_sheet(name)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


# ---------------------------------------------------------------- cells

class TestIdNumber:
    def test_valid_number_gives_facts(self):
        info = V.parse_id_number(ID_M.lower() if ID_M.endswith("X") else ID_M)
        assert info == V.IdInfo(ID_M, dt.date(1990, 1, 2), "M", "450521")
        assert V.parse_id_number(ID_F).gender == "F"

    def test_old_resident_of_a_later_county_is_accepted(self):
        # 合浦县's code exists since 1987 in stdnum's table; people born earlier still carry it
        assert V.parse_id_number(V.make_id_number("450521", dt.date(1950, 3, 1), 5)).birth_date.year == 1950

    @pytest.mark.parametrize(("value", "reason"), [
        (ID_M[:-1] + ("0" if ID_M[-1] != "0" else "1"), "身份证号校验位错误"),
        (ID_M[:17], "身份证号应为18位，实际为17位"),
        ("450521900102013", "是15位旧身份证号，请填写18位身份证号"),
        (4.50521199001e17, "身份证号被存成了数字（Excel 只保留15位有效数字，末几位已丢失），请把该列设为文本后重新填写"),
        ("4.50521E+17", "身份证号被存成了数字（Excel 只保留15位有效数字，末几位已丢失），请把该列设为文本后重新填写"),
        ("45052119900102A13X", "身份证号只能由数字和末位X组成"),
    ])
    def test_invalid(self, value, reason):
        with pytest.raises(V.CellError) as exc:
            V.parse_id_number(value)
        assert exc.value.reason == reason

    def test_unknown_place_and_bad_date(self):
        body = "99999919900102013"
        from stdnum.cn import ric
        with pytest.raises(V.CellError, match="前6位不是有效的行政区划代码"):
            V.parse_id_number(body + ric.calc_check_digit(body + "0"))
        body = "45052119901302013"
        with pytest.raises(V.CellError, match="出生日期不存在"):
            V.parse_id_number(body + ric.calc_check_digit(body + "0"))

    def test_full_width_and_spaces(self):
        full = "".join(chr(ord(c) + 0xFEE0) for c in ID_M)
        assert V.parse_id_number(f" {full[:6]} {full[6:]} ").number == ID_M


class TestDates:
    @pytest.mark.parametrize("value", [
        "1990-01-02", "1990/1/2", "1990.1.2", "1990年1月2日", "19900102", 19900102, dt.date(1990, 1, 2),
        dt.datetime(1990, 1, 2, 0, 0), 32875, 32875.0, "32875", "1990-01-02 00:00:00",
    ])
    def test_forms(self, value):
        assert V.parse_date(value, today=TODAY) == (dt.date(1990, 1, 2), False)

    def test_month_precision(self):
        assert V.parse_date("1990.05", today=TODAY) == (dt.date(1990, 5, 1), True)
        assert V.parse_date("1990年5月", today=TODAY) == (dt.date(1990, 5, 1), True)

    @pytest.mark.parametrize(("value", "reason"), [
        ("1990-02-30", "日期不存在（1990年2月30日）"),
        ("明年", "无法识别的日期“明年”（可用格式：1990-01-31、1990/1/31、1990年1月31日、19900131）"),
        ("2030-01-01", "日期晚于今天"),
        ("1850-01-01", "日期早于1890年"),
    ])
    def test_bad(self, value, reason):
        with pytest.raises(V.CellError) as exc:
            V.parse_date(value, today=TODAY)
        assert exc.value.reason == reason


class TestEnumsAndNumbers:
    @pytest.mark.parametrize(("text", "code"), [("男", "M"), ("男性", "M"), ("M", "M"), ("m", "M"), ("女 ", "F"),
                                                 ("女性", "F"), ("Ｆ", "F")])
    def test_gender_synonyms(self, text, code):
        assert V.parse_enum(text, "gender") == code

    def test_unknown_enum_names_choices(self):
        with pytest.raises(V.CellError) as exc:
            V.parse_enum("未知", "gender")
        assert exc.value.reason == "“未知”不是可选值（可填：男、女）"

    def test_other_vocabularies(self):
        assert V.parse_enum("党员", "political_status") == "party_member"
        assert V.parse_enum("新农合", "insurance") == "resident"
        assert V.parse_enum("二级", "disability_grade") == "2"
        assert V.parse_enum("长子", "relation_to_head") == "child"
        assert V.parse_ethnicity("壮") == "壮族"
        assert V.parse_ethnicity("01") == "汉族"

    def test_bool_and_int(self):
        assert [V.parse_bool(x) for x in ("是", "否", "√", "Y", 1, 0, "无")] == [True, False, True, True, True,
                                                                                False, False]
        with pytest.raises(V.CellError, match="不是“是/否”"):
            V.parse_bool("也许")
        assert V.parse_int("1,200") == 1200
        assert V.parse_int(3.0) == 3
        with pytest.raises(V.CellError, match="应为整数"):
            V.parse_int("2.5")
        with pytest.raises(V.CellError, match="不能小于0"):
            V.parse_int(-1, minimum=0)

    def test_phone(self):
        assert V.parse_phone("138 0013 8000") == "13800138000"
        assert V.parse_phone("+86 13800138000") == "13800138000"
        assert V.parse_phone("0779-7201234") == "0779-7201234"
        assert V.parse_phone(13800138000.0) == "13800138000"
        with pytest.raises(V.CellError, match="联系电话格式错误"):
            V.parse_phone("12345")

    def test_credit_code(self):
        import random

        from jianfu.registry.synth import make_credit_code
        code = make_credit_code(random.Random(3), "91", "450521")
        assert V.parse_credit_code(code.lower()) == code
        with pytest.raises(V.CellError, match="统一社会信用代码校验位错误"):
            V.parse_credit_code(code[:-1] + ("0" if code[-1] != "0" else "1"))
        with pytest.raises(V.CellError, match="统一社会信用代码应为18位，实际为5位"):
            V.parse_credit_code("91450")

    def test_vocab_matches_model_choices(self):
        from jianfu.registry import models as m
        pairs = {"gender": m.Gender, "relation_to_head": m.RelationToHead, "education": m.Education,
                 "political_status": m.PoliticalStatus, "marital_status": m.MaritalStatus,
                 "residence_status": m.ResidenceStatus, "employment_status": m.EmploymentStatus,
                 "disability_category": m.DisabilityCategory, "insurance": m.Insurance, "status": m.PersonStatus}
        for name, choices in pairs.items():
            assert set(vocab.ENUMS[name]) == set(choices.values), name
            for value, label in choices.choices:  # the model's own label is always accepted
                if value:
                    assert vocab.enum_lookup(name, str(label)) == value, (name, label)


# ---------------------------------------------------------------- files

HEADER = ["姓名", "身份证号码", "性别", "出生日期", "联系电话", "是否低保"]


class TestReader:
    def test_xlsx_with_title_row_detects_header(self):
        buf = xlsx_bytes([["曲木村低保台账"], HEADER, ["张三", ID_M, "男", "1990-01-02", "13800138000", "是"]],
                         merge="A1:F1")
        led = reader.open_ledger(buf, filename="a.xlsx")
        assert (led.header_row, led.headers) == (2, HEADER)
        assert list(led.rows()) == [(3, ["张三", ID_M, "男", "1990-01-02", "13800138000", "是"])]

    def test_xlsx_cells_read_as_openpyxl_read_them(self):
        """The reader (python-calamine) gives the cell types the importers were written against (openpyxl's
        read-only mode): None for empty, int for integral numbers, datetime for dates, positions from A1."""
        wb = openpyxl.Workbook()
        ws = wb.active
        ws["B2"] = "台账（演示）"
        for col, head in zip("BCDEFGH", ["姓名", "年龄", "出生日期", "月收入", "编码", "上班时间", "是否低保"], strict=True):
            ws[f"{col}3"] = head
        values = ["张三", 42, dt.date(1990, 1, 2), 3000.5, 450521100000, dt.time(8, 30), True]
        for col, value in zip("BCDEFGH", values, strict=True):
            ws[f"{col}4"] = value
        ws["B6"], ws["C6"], ws["D6"], ws["E6"] = "李四", 1.0, dt.datetime(1985, 3, 4, 13, 30), 1e20
        buf = io.BytesIO()
        wb.save(buf)
        led = reader.open_ledger(buf, filename="a.xlsx")
        assert (led.header_row, led.headers) == (3, ["", "姓名", "年龄", "出生日期", "月收入", "编码", "上班时间", "是否低保"])
        rows = list(led.rows())
        assert rows == [
            (4, [None, "张三", 42, dt.datetime(1990, 1, 2), 3000.5, 450521100000, dt.time(8, 30), True]),
            (6, [None, "李四", 1, dt.datetime(1985, 3, 4, 13, 30), 1e20, None, None, None]),
        ]
        assert [type(v) for v in rows[0][1][2:6]] == [int, dt.datetime, float, int]
        assert type(rows[1][1][4]) is float
        buf.seek(0)
        legacy = openpyxl.load_workbook(buf, read_only=True, data_only=True).active
        assert [list(r) for r in legacy.iter_rows(min_row=4, max_row=4, values_only=True)] == [rows[0][1]]

    def test_merged_header_is_refused(self):
        buf = xlsx_bytes([HEADER, ["张三", ID_M]], merge="A1:B1")
        with pytest.raises(reader.LedgerFileError) as exc:
            reader.open_ledger(buf, filename="a.xlsx")
        assert exc.value.reason == ("工作表“Sheet1”的表头（第1行）有合并单元格 A1:B1，请把表头整理为一行、每列一个标题后再导入")

    def test_merged_data_cells_are_refused(self):
        buf = xlsx_bytes([HEADER, ["张三", ID_M], ["李四", ID_F]], merge="A2:A3")
        with pytest.raises(reader.LedgerFileError, match=r"数据区有合并单元格 A2:A3（第2行）"):
            reader.open_ledger(buf, filename="a.xlsx")

    def test_empty_sheet(self):
        with pytest.raises(reader.LedgerFileError) as exc:
            reader.open_ledger(xlsx_bytes([]), filename="a.xlsx")
        assert exc.value.reason == "工作表“Sheet1”是空的，没有表头和数据"

    def test_wrong_sheet(self):
        buf = xlsx_bytes([HEADER], title="台账", extra_sheets=["说明"])
        with pytest.raises(reader.LedgerFileError) as exc:
            reader.open_ledger(buf, filename="a.xlsx", sheet="花名册")
        assert exc.value.reason == "文件中没有名为“花名册”的工作表（现有：台账、说明）"
        assert reader.open_ledger(buf, filename="a.xlsx", sheet="台账").sheet_name == "台账"

    def test_formula_without_cached_value_is_found(self):
        buf = xlsx_bytes([["姓名", "年龄", "人数"], ["张三", 30, "=B2+1"]])
        led = reader.open_ledger(buf, filename="a.xlsx")
        assert led.info.formulas_without_value == {"C2"}
        assert led.info.formula_count == 1

    def test_not_a_zip(self):
        with pytest.raises(reader.LedgerFileError, match="不是有效的 xlsx 文件"):
            reader.open_ledger(io.BytesIO(b"hello"), filename="a.xlsx")

    def test_xls_and_other_types(self):
        with pytest.raises(reader.LedgerFileError, match="不支持旧版 .xls"):
            reader.open_ledger(io.BytesIO(b""), filename="a.xls")
        with pytest.raises(reader.LedgerFileError, match="只支持 .xlsx 和 .csv 文件"):
            reader.open_ledger(io.BytesIO(b""), filename="a.pdf")

    def test_row_limit(self):
        rows = "\n".join(["姓名,性别"] + [f"人{i},男" for i in range(12)])
        led = reader.open_ledger(io.BytesIO(rows.encode()), filename="a.csv", max_rows=10)
        with pytest.raises(reader.LedgerFileError) as exc:
            list(led.rows())
        assert exc.value.reason == "文件超过单个文件10行数据的上限，请拆分后分批导入"

    def test_xlsx_dimension_over_limit_fails_before_reading(self):
        buf = xlsx_bytes([HEADER] + [["张三"]] * 12)
        with pytest.raises(reader.LedgerFileError) as exc:
            reader.open_ledger(buf, filename="a.xlsx", max_rows=10)
        assert exc.value.reason == "工作表“Sheet1”有13行，超过单个文件10行的上限，请拆分后分批导入"

    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
    def test_csv_encodings(self, encoding):
        text = "姓名,身份证号码,性别\r\n张三," + ID_M + ",男\r\n璋嘉,,女\r\n"
        led = reader.open_ledger(io.BytesIO(text.encode(encoding)), filename="a.csv")
        assert led.headers == ["姓名", "身份证号码", "性别"]
        assert list(led.rows()) == [(2, ["张三", ID_M, "男"]), (3, ["璋嘉", "", "女"])]

    def test_csv_semicolon_and_duplicate_header(self):
        led = reader.open_ledger(io.BytesIO("姓名;性别\n张三;男\n".encode()), filename="a.csv")
        assert list(led.rows()) == [(2, ["张三", "男"])]
        with pytest.raises(reader.LedgerFileError) as exc:
            reader.open_ledger(io.BytesIO("姓名,性别,姓名\n".encode()), filename="a.csv")
        assert exc.value.reason == "文件表头第1行有重复的列名“姓名”（A列和C列）"

    @pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
    def test_csv_in_utf16_without_a_bom_is_read(self, encoding):
        # badinput15 #9: the header was read as mojibake (“覻”) and reported missing
        led = reader.open_ledger(io.BytesIO("身份证号,人员类别\n1,2\n".encode(encoding)), filename="u16nobom.csv")
        assert led.headers == ["身份证号", "人员类别"]
        assert list(led.rows()) == [(2, ["1", "2"])]

    @pytest.mark.parametrize("data", [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 200,                 # the attacker's png.csv
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)),  # a JPEG
        b"MZ\x90\x00\x03\x00\x00\x00",                        # a Windows program
        b"name,id\n\x00\x00\x01\x02\x00\x03\n",                   # NUL bytes in what is not UTF-16
        b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 50,           # decodes to control characters only
    ])
    def test_a_binary_file_named_csv_is_refused(self, data):
        with pytest.raises(reader.LedgerFileError) as exc:
            reader.open_ledger(io.BytesIO(data), filename="png.csv")
        assert exc.value.reason == "文件不是CSV/Excel表格（看起来是图片/二进制文件）"

    def test_a_stray_nul_in_a_text_csv_is_not_taken_for_utf16(self):
        led = reader.open_ledger(io.BytesIO("姓名,性别\n张三,男\x00\n".encode()), filename="a.csv")
        assert led.headers == ["姓名", "性别"]
        assert list(led.rows()) == [(2, ["张三", "男\x00"])]

    def test_empty_csv(self):
        with pytest.raises(reader.LedgerFileError, match="文件是空的"):
            reader.open_ledger(io.BytesIO(b"  \n"), filename="a.csv")


# ---------------------------------------------------------------- rows

def make_validator(headers=HEADER, **kwargs):
    plans = validate.resolve_mapping(headers, validate.guess_mapping(headers))
    kwargs.setdefault("default_org_code", VILLAGE)
    kwargs.setdefault("scope_prefix", VILLAGE)
    return validate.RowValidator(plans, today=TODAY, **kwargs)


class TestRows:
    def test_guess_mapping(self):
        assert validate.guess_mapping(["序号", "姓名", "公民身份号码", "手机号码", "是否低保对象", "备注"]) == {
            "姓名": "name", "公民身份号码": "id_number", "手机号码": "phone", "是否低保对象": "is_dibao"}

    def test_valid_row(self):
        r = make_validator().validate(5, ["张三", ID_M, "男性", "1990年1月2日", "13800138000", "是"])
        assert r.errors == []
        assert r.values == {"name": "张三", "id_number": ID_M, "gender": "M", "birth_date": dt.date(1990, 1, 2),
                            "phone": "13800138000", "is_dibao": True, "birthplace_code": "450521",
                            "org_code": VILLAGE}

    def test_every_error_of_a_row_is_listed(self):
        r = make_validator().validate(7, ["", ID_M, "女", "1991-01-02", "123", "也许"])
        assert [str(e) for e in r.errors] == [
            "第7行【联系电话】联系电话格式错误（应为11位手机号或带区号的固定电话）",
            "第7行【是否低保】“也许”不是“是/否”",
            "第7行【姓名】姓名不能为空",
            "第7行【性别】性别与身份证号不符（身份证号为男性）",
            "第7行【出生日期】出生日期与身份证号不符（身份证号为1990-01-02）",
        ]

    def test_control_and_invisible_characters_are_removed(self):
        # badinput15 #7: a zero-width space and a right-to-left override in the name, BEL and an ANSI escape in
        # the address were stored as given; the one rule of every input (core.text.clean_text) removes them.
        v = make_validator(["姓名", "住址"])
        r = v.validate(2, ["emoji😀\u200b\u202e李", "x\x07y\x1b[31m"])
        assert r.errors == []
        assert r.values == {"name": "emoji😀李", "address": "xy[31m", "org_code": VILLAGE}

    def test_a_name_of_invisible_characters_only_is_empty(self):
        r = make_validator(["姓名", "住址"]).validate(3, ["\x07\u200b", "某村"])
        assert [str(e) for e in r.errors] == ["第3行【姓名】姓名不能为空"]
        assert "name" not in r.values

    def test_an_over_long_name_is_one_error(self):
        # badinput15 #15: a 100,000-character name was reported both too long and empty.
        r = make_validator(["姓名", "住址"]).validate(8, ["A" * 100_000, "某村"])
        assert [str(e) for e in r.errors] == ["第8行【姓名】超过50个字"]

    def test_other_village_is_an_error(self):
        headers = ["姓名", "村代码"]
        v = make_validator(headers)
        r = v.validate(3, ["张三", "450521200201"])
        assert [str(e) for e in r.errors] == ["第3行【村代码】该行属于450521200201，不是本村（社区）450521200206，不能导入到其他村"]
        town = make_validator(headers, default_org_code="", scope_prefix="450521200",
                              allowed_org_codes={"450521200206", "450521200201"})
        assert town.validate(3, ["张三", "450521200201"]).errors == []
        assert [e.message for e in town.validate(4, ["张三", "450521100001"]).errors] == [
            "村（社区）代码450521100001不在本单位（450521200）管辖范围内"]
        assert [e.message for e in town.validate(4, ["张三", "450521200999"]).errors] == [
            "村（社区）代码450521200999不存在"]
        assert [e.message for e in town.validate(4, ["张三", ""]).errors] == ["没有填写所属村（社区）代码"]

    def test_extra_attributes(self):
        attrs = [validate.AttributeSpec("plot_mu", "承包地亩数", "decimal"),
                 validate.AttributeSpec("crop", "主要作物", "choice", ("水稻", "甘蔗"))]
        headers = ["姓名", "承包地亩数", "主要作物"]
        plans = validate.resolve_mapping(headers, validate.guess_mapping(headers, attributes=attrs), attributes=attrs)
        v = validate.RowValidator(plans, default_org_code=VILLAGE, scope_prefix=VILLAGE, attributes=attrs, today=TODAY)
        assert v.validate(2, ["张三", "2.5", "甘蔗"]).values["extra"] == {"plot_mu": "2.5", "crop": "甘蔗"}
        assert [str(e) for e in v.validate(3, ["张三", "两亩", "玉米"]).errors] == [
            "第3行【承包地亩数】“两亩”不是数字（只能填写数字和小数点，如 12.5）", "第3行【主要作物】“玉米”不是可选值（可填：水稻、甘蔗）"]

    def test_mapping_problems(self):
        with pytest.raises(reader.LedgerFileError) as exc:
            validate.resolve_mapping(["姓名"], {"姓名": "name", "身份证": "id_number"})
        assert exc.value.reason == "文件中找不到映射里的列：身份证（请确认选对了来源表或重新设置列对应）"
        with pytest.raises(reader.LedgerFileError, match="没有“姓名”列"):
            validate.resolve_mapping(["性别"], {"性别": "gender"})
        with pytest.raises(reader.LedgerFileError, match="两列都对应到了同一个字段"):
            validate.resolve_mapping(["姓名", "名字"], {"姓名": "name", "名字": "name"})

    def test_duplicates_in_file_keep_the_first_row(self):
        v = make_validator()
        dup = validate.InFileDuplicates(v)
        rows = [v.validate(2, ["张三", ID_M]), v.validate(3, ["李四", ID_F]), v.validate(9, ["张三三", ID_M])]
        for r in rows:
            dup.check(r)
        assert [str(e) for e in rows[2].errors] == ["第9行【身份证号码】身份证号与第2行重复（已保留第2行）"]
        assert rows[0].errors == [] and rows[1].errors == []

    def test_two_heads_in_one_household(self):
        headers = ["姓名", "户编号", "与户主关系"]
        v = make_validator(headers)
        dup = validate.InFileDuplicates(v)
        a, b = v.validate(2, ["甲", "H1", "户主"]), v.validate(3, ["乙", "H1", "本人"])
        dup.check(a)
        dup.check(b)
        assert [e.message for e in b.errors] == ["户编号H1已有户主（第2行，已保留）"]
        assert a.errors == []


class TestDedup:
    def test_similarity(self):
        assert dedup.name_similarity("李娜", "李纳") == (100.0, "姓名拼音相同")
        score, how = dedup.name_similarity("王小明", "王小鸣")
        assert how == "姓名拼音相同" and score == 100.0
        score, how = dedup.name_similarity("欧阳小明", "欧阳晓")
        assert how == "姓名字形相近" and 50 < score < 90
        assert dedup.name_similarity("张伟", "李强")[0] == 0.0

    def test_candidates(self):
        b = dt.date(1960, 5, 1)
        idx = dedup.VillageIndex([dedup.Known(1, "李娜", b), dedup.Known(2, "李纳", b), dedup.Known(3, "王芳", b),
                                  dedup.Known(4, "李娜", None), dedup.Known(5, "李娜", dt.date(1970, 1, 1))])
        got = [c.as_dict() for c in idx.candidates("李娜", b)]
        assert got == [{"person_id": 1, "score": 100.0, "reason": "同村同名同出生日期"},
                       {"person_id": 2, "score": 100.0, "reason": "同村同出生日期，姓名拼音相同"},
                       {"person_id": 4, "score": 80.0, "reason": "同村同名，缺出生日期无法区分"}]
        assert [c.person_id for c in idx.candidates("李娜", None)] == [1, 4, 5]
        assert idx.candidates("赵六", b) == []
