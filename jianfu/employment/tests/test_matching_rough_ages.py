"""Ages said roughly (session 11): "九几年出生", "80后", "七零后", "五十出头", "快四十了".

`parse_age` still refuses a rough age (a form asks for the number); the import, since session 14, loads it as the
lowest age it admits (`parse.rough_age`) with a warning naming the row and the column; a posting's age requirement said roughly ("40岁左右" before, "80后" now) is read to a range. Birth years count
from the parser's reference date (`date.today()`, as "1985年" always did)."""

from __future__ import annotations

from datetime import date

import pytest

from jianfu.employment.matching.parse import parse_age, parse_age_range, parse_experience
from jianfu.employment.matching.sheets import read_sheet
from jianfu.employment.tests.test_employment_match_command import write_csv

YEAR = date.today().year
ROUGH = "是大致的说法，无法确定岁数：请填写周岁（如“45”）或出生年份（如“1985年”）。"


@pytest.mark.parametrize("text", ["九几年出生", "80后", "七零后", "五十出头", "快四十了", "四十多", "50来岁", "40左右", "85后"])
def test_a_seeker_s_rough_age_is_refused_saying_how_to_write_it(text):
    with pytest.raises(ValueError) as refused:
        parse_age(text)
    assert str(refused.value) == f"年龄“{text}”{ROUGH}"


def test_the_import_loads_a_rough_age_as_its_lowest_naming_the_row_and_the_column(tmp_path):
    # session 14: no row is refused for a soft cell; the rough age is read as the lowest it admits, with a warning
    header = ["编号", "年龄", "求职意向", "现居住地"]
    rows = [["S1", "45", "保洁", "廉州镇"], ["S2", "80后", "保安", "廉州镇"], ["S3", "九几年出生", "普工", "廉州镇"],
            ["S4", "85年出生", "普工", "廉州镇"]]
    sheet = read_sheet(write_csv(tmp_path / "s.csv", header, rows), "seekers")
    assert sheet.errors == []
    lowest = "（取这一说法中最小的岁数），请核实后填写周岁。"
    assert [str(w) for w in sheet.warnings] == [
        f"第 3 行“年龄”列：年龄“80后”是大致的说法，按 {YEAR - 1989} 岁参与匹配{lowest}",
        f"第 4 行“年龄”列：年龄“九几年出生”是大致的说法，按 {YEAR - 1999} 岁参与匹配{lowest}"]
    assert [(s.id, s.age) for s in sheet.items] == [("S1", 45), ("S2", YEAR - 1989), ("S3", YEAR - 1999),
                                                    ("S4", YEAR - 1985)]


@pytest.mark.parametrize(("text", "age"), [
    ("85年出生", YEAR - 1985), ("85年", YEAR - 1985), ("95年生", YEAR - 1995), ("05年出生", YEAR - 2005),
    ("1985年", YEAR - 1985), ("45岁", 45), ("四十五", 45),
])
def test_a_birth_year_in_two_digits_is_read_as_four(text, age):
    assert parse_age(text) == age


@pytest.mark.parametrize(("text", "bounds"), [
    ("80后", (YEAR - 1989, YEAR - 1980)),
    ("限八零后", (YEAR - 1989, YEAR - 1980)),
    ("70后、80后均可", (YEAR - 1989, YEAR - 1970)),            # the widest span, as with two ranges
    ("90年代出生", (YEAR - 1999, YEAR - 1990)),
    ("九几年出生", (YEAR - 1999, YEAR - 1990)),
    ("85后", (None, YEAR - 1985)),                         # born 1985 or later
    ("85后，18岁以上", (18, YEAR - 1985)),
    ("40岁左右", (35, 45)),                                # as before
])
def test_a_posting_s_rough_age_is_read_to_a_range(text, bounds):
    assert parse_age_range(text) == bounds


def test_a_posting_s_rough_age_that_is_no_range_is_still_refused():
    with pytest.raises(ValueError, match="无法识别的年龄要求“五十出头”"):
        parse_age_range("五十出头")


@pytest.mark.parametrize(("text", "years"), [
    ("九几年出生，做过普工", 0.5),      # was 3 years through the "几年" fallback
    ("九几年出生", 0.0),
    ("八几年去的广东", 0.0),
    ("做过几年", 3.0), ("十几年", 10.0), ("二十几年", 20.0),     # years said roughly are still years
])
def test_a_decade_of_birth_is_no_years_of_work(text, years):
    assert parse_experience(text, strict=True) == years
