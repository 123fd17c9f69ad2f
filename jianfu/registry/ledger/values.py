"""Parsing of single ledger cells into registry values. Pure functions, no Django.

Every parser returns the normalised value or raises `CellError` with a Chinese reason; the row validator
adds the row number and the column header.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo

from stdnum import exceptions as stdnum_exc
from stdnum.cn import ric, uscc

from jianfu.core.text import clean_text as _house_clean_text
from jianfu.core.text import misplaced_comma, without_thousands

from . import vocab

CHINA_TZ = ZoneInfo("Asia/Shanghai")


def local_today() -> dt.date:
    return dt.datetime.now(tz=CHINA_TZ).date()


def age_on(birth: dt.date, on: dt.date) -> int:
    """Full years of age on `on`."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


class CellError(ValueError):
    """A cell's value cannot be used; `args[0]` is the Chinese reason."""

    @property
    def reason(self) -> str:
        return self.args[0]


def is_blank(value: object) -> bool:
    """True for an empty cell, and for a text cell of only spaces, control or invisible characters."""
    return value is None or (isinstance(value, str) and not clean_text(value))


def clean_text(value: object) -> str:
    """A cell as text by the one clean-text rule of every input (`jianfu.core.text.clean_text`: control characters,
    bidi overrides and invisible format characters removed, badinput15 #7), ideographic spaces as spaces, stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)) if not isinstance(value, str) else value
    return _house_clean_text(text).replace("\u3000", " ").strip()


# ---------------------------------------------------------------- ID numbers

@dataclass(frozen=True)
class IdInfo:
    number: str
    birth_date: dt.date
    gender: str  # 'M' | 'F'
    birthplace_code: str


@lru_cache(maxsize=4096)
def birthplace_known(prefix: str) -> bool:
    """Whether stdnum's division table (numdb `cn/loc`) knows the 6-digit code as a county, in any period.

    `ric.validate` also requires the county to have existed in the *birth* year, which rejects real IDs:
    numbers were assigned at registration (from 1984), so a resident of 合浦县 (450521, created 1987) born
    in 1950 has a 450521 number. We therefore use stdnum's table without the birth-year condition.
    """
    from stdnum import numdb

    info = {k: v for _part, props in numdb.get("cn/loc").info(prefix) for k, v in props.items()}
    return bool(info.get("county"))


_SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+?\d+$")


def parse_id_number(value: object, *, today: dt.date | None = None) -> IdInfo:
    """Validate a resident ID number (GB 11643) with python-stdnum `cn.ric` and derive its facts."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError("身份证号被存成了数字（Excel 只保留15位有效数字，末几位已丢失），请把该列设为文本后重新填写")
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    number = text.strip().replace(" ", "").replace("-", "").upper()
    if _SCIENTIFIC.match(number):   # 4.50521E+17: a CSV exported from Excel after the column became a number
        raise CellError("身份证号被存成了数字（Excel 只保留15位有效数字，末几位已丢失），请把该列设为文本后重新填写")
    if len(number) == 15 and number.isdigit():
        raise CellError("是15位旧身份证号，请填写18位身份证号")
    if len(number) != 18:
        raise CellError(f"身份证号应为18位，实际为{len(number)}位")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise CellError("身份证号只能由数字和末位X组成")
    # Checksum, birth date and birth place, each with stdnum's own routines (as ric.validate does).
    if number[-1] != ric.calc_check_digit(number):
        raise CellError("身份证号校验位错误")
    try:
        birth = ric.get_birth_date(number)
    except stdnum_exc.ValidationError:
        raise CellError("身份证号中的出生日期不存在") from None
    today = today or local_today()
    if birth > today or birth.year < 1890:
        raise CellError("身份证号中的出生日期不合理")
    if not birthplace_known(number[:6]):
        raise CellError("身份证号前6位不是有效的行政区划代码")
    gender = "M" if int(number[16]) % 2 == 1 else "F"
    return IdInfo(number=number, birth_date=birth, gender=gender, birthplace_code=number[:6])


def make_id_number(prefix6: str, birth: dt.date, sequence: int) -> str:
    """A syntactically valid ID number (check digit by stdnum). `sequence` 0..999; odd = male."""
    body = f"{prefix6}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


def parse_credit_code(value: object) -> str:
    text = unicodedata.normalize("NFKC", clean_text(value)).upper().replace(" ", "")
    try:
        return uscc.validate(text)
    except stdnum_exc.InvalidLength:
        raise CellError(f"统一社会信用代码应为18位，实际为{len(text)}位") from None
    except stdnum_exc.InvalidChecksum:
        raise CellError("统一社会信用代码校验位错误") from None
    except stdnum_exc.ValidationError:
        raise CellError("统一社会信用代码格式错误") from None


# ---------------------------------------------------------------- phone numbers

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3})(\d{7,8})$")


def parse_phone(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    digits = re.sub(r"[\s\-()（）]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if _MOBILE.match(digits):
        return digits
    m = _LANDLINE.match(digits)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    raise CellError("联系电话格式错误（应为11位手机号或带区号的固定电话）")


# ---------------------------------------------------------------- dates

EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_MONTH_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月?$"),
    re.compile(r"^(\d{4})(\d{2})$"),
)


def excel_serial_to_date(serial: float) -> dt.date:
    if not (1 <= serial < 2958466):
        raise CellError("日期数值超出范围")
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(value: object, *, today: dt.date | None = None) -> tuple[dt.date, bool]:
    """A date from a datetime, an Excel serial number or text in the usual forms. Returns the date and
    whether only year and month were given (出生年月 '1990.05' → 1990-05-01, month precision)."""
    today = today or local_today()
    month_only = False
    if isinstance(value, dt.datetime):
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer() and 1800 < value < 2200:
            # 1990.05 typed into a number cell
            year, month = divmod(round(value * 100), 100)
            result, month_only = _ymd(year, month, 1), True
        elif 19000101 <= value <= 21001231 and float(value).is_integer():
            text = str(int(value))
            result = _ymd(int(text[:4]), int(text[4:6]), int(text[6:]))
        else:
            result = excel_serial_to_date(float(value))
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        result = None
        for pattern in _DATE_PATTERNS:
            m = pattern.match(text)
            if m:
                result = _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                break
        if result is None:
            for pattern in _MONTH_PATTERNS:
                m = pattern.match(text)
                if m:
                    result, month_only = _ymd(int(m.group(1)), int(m.group(2)), 1), True
                    break
        if result is None and re.fullmatch(r"\d{5}(\.\d+)?", text):
            result = excel_serial_to_date(float(text))
        if result is None:
            raise CellError(f"无法识别的日期“{text}”（可用格式：1990-01-31、1990/1/31、1990年1月31日、19900131）")
    if result > today:
        raise CellError("日期晚于今天")
    if result.year < 1890:
        raise CellError("日期早于1890年")
    return result, month_only


def _ymd(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"日期不存在（{year}年{month}月{day}日）") from None


# ---------------------------------------------------------------- numbers, booleans, enumerations

_PLAIN_INT = re.compile(r"-?\d+\Z", re.ASCII)


def _figure_text(value: object) -> str:
    """A figure typed in a cell, normalised (full-width digits read) and without its thousands commas; a comma that
    separates no thousands ("1,2,3", "1,5") is refused, not dropped (badinput33 #2: they were read as 123 and 15)."""
    text = unicodedata.normalize("NFKC", clean_text(value)).strip()
    plain = without_thousands(text)
    if plain is None:
        raise CellError(misplaced_comma(text))
    return plain


def parse_plain_int(value: object, *, minimum: int | None = 0, maximum: int | None = None) -> int:
    """An integer written in plain digits ("35", full-width and thousands commas read; not "1e5", "35.0", "0x10",
    "1_000"), within [minimum, maximum] (fix-left17: an integer attribute read "1e5" as 100000 and stored a 12-digit
    年龄). A spreadsheet's number cell is taken when it is a whole number."""
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, float) and not value.is_integer():
        raise CellError("应为整数")
    if not isinstance(value, int | float):
        text = _figure_text(value)
        if not _PLAIN_INT.match(text):
            raise CellError(f"“{text[:20]}”不是整数（只能填写数字，如 35）")
        if len(text.lstrip("-")) > 18:
            raise CellError(f"不能大于{maximum}" if maximum is not None and not text.startswith("-") else "数值过大")
    return parse_int(value, minimum=minimum, maximum=maximum)


def parse_int(value: object, *, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError("应为整数")
        number = int(value)
    else:
        text = _figure_text(value)
        try:
            dec = Decimal(text)
        except InvalidOperation:
            raise CellError(f"“{text}”不是数字") from None
        if not dec.is_finite():  # "Infinity", "NaN", "sNaN" parse as decimals
            raise CellError(f"“{text[:20]}”不是数字")
        if dec.adjusted() >= 18:  # int(Decimal("1e999999999")) would build a billion-digit number
            raise CellError(f"不能大于{maximum}" if maximum is not None and dec > 0 else
                            f"不能小于{minimum}" if minimum is not None and dec < 0 else "数值过大")
        if dec != dec.to_integral_value():
            raise CellError("应为整数")
        number = int(dec)
    if minimum is not None and number < minimum:
        raise CellError(f"不能小于{minimum}")
    if maximum is not None and number > maximum:
        raise CellError(f"不能大于{maximum}")
    return number


_PLAIN_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?\Z", re.ASCII)


def _plain(number: Decimal) -> str:
    """A spreadsheet's number as plain digits (0.00001 comes as the float 1e-05)."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_decimal(value: object, *, minimum: Decimal | None = Decimal(0), maximum: Decimal | None = None,
                  decimals: int | None = None) -> Decimal:
    """A decimal written in plain digits ("12.5", full-width and thousands commas read; not "1e30", "1_000",
    "Infinity"), within [minimum, maximum] and with at most `decimals` places (badinput16 #7: -1, 1e30 and 1e400
    were stored as a household's 承包地亩数)."""
    if isinstance(value, bool):
        raise CellError("应为数字")
    if isinstance(value, (int, float)):   # a number cell of a spreadsheet
        try:
            text = _plain(Decimal(str(value)))
        except InvalidOperation:
            raise CellError("应为数字") from None
    else:
        text = _figure_text(value)
    if not _PLAIN_DECIMAL.match(text):
        raise CellError(f"“{text[:20]}”不是数字（只能填写数字和小数点，如 12.5）")
    number = Decimal(text)
    if minimum is not None and number < minimum:
        raise CellError("不能为负数" if minimum == 0 else f"不能小于{minimum}")
    if maximum is not None and number > maximum:
        raise CellError(f"不能大于{_plain(maximum)}")
    places = -number.as_tuple().exponent
    if decimals is not None and places > decimals:
        raise CellError(f"最多{decimals}位小数" if decimals else "应为整数")
    return number


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    token = vocab.norm_token(str(value))
    if token in vocab.BOOL_TRUE:
        return True
    if token in vocab.BOOL_FALSE:
        return False
    raise CellError(f"“{clean_text(value)}”不是“是/否”")


def parse_enum(value: object, vocab_name: str) -> str:
    code = vocab.enum_lookup(vocab_name, clean_text(value))
    if code is None:
        raise CellError(f"“{clean_text(value)}”不是可选值（可填：{vocab.enum_examples(vocab_name)}）")
    return code


def parse_ethnicity(value: object) -> str:
    name = vocab.ethnicity_lookup(clean_text(value))
    if name is None:
        raise CellError(f"“{clean_text(value)}”不是民族名称")
    return name
