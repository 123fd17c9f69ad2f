"""A count cell's reason names what is wrong with it (session 9 diff review: a huge negative number was refused as
"too large", and a 1 written with 21 leading zeros was refused at all)."""

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.monitor import ledgers

DURATION = next(spec for spec in ledgers.fields_of("meeting") if spec.name == "duration_minutes")
SPEECH = next(spec for spec in ledgers.fields_of("meeting") if spec.name == "speech_minutes")


@pytest.mark.parametrize(("text", "value"), [("0000000000000000000001", 1), ("+0000000000000000000090", 90)])
def test_leading_zeros_are_the_number_they_write(text, value):
    assert ledgers.clean_value(DURATION, text) == value


def test_zero_is_zero_where_zero_is_allowed():
    # a meeting lasts at least a minute (U18, session 12); a speech may be 0
    assert ledgers.clean_value(SPEECH, "0") == 0
    assert ledgers.clean_value(SPEECH, "000") == 0


@pytest.mark.parametrize(("text", "reason"), [
    ("-99999999999999999999", "“会议时长（分钟）”不能为负数。"),
    ("99999999999999999999", "“会议时长（分钟）”不能超过 10080。"),
    ("-5", "“会议时长（分钟）”不能为负数。"),
    ("0", "“会议时长（分钟）”不能少于 1。"),
    ("0000", "“会议时长（分钟）”不能少于 1。"),
])
def test_the_reason_says_what_is_wrong(text, reason):
    with pytest.raises(ApplicationError) as caught:
        ledgers.clean_value(DURATION, text)
    assert caught.value.message == reason


# Session 33 (lead, after badinput33): a comma that is no thousands separator was dropped, so "1,5" minutes were 15
@pytest.mark.parametrize("text", ["1,5", "1,2,3", "12,00", "1,0000"])
def test_a_comma_out_of_place_is_refused_not_dropped(text):
    with pytest.raises(ApplicationError) as caught:
        ledgers.clean_value(DURATION, text)
    assert caught.value.message == (f"“会议时长（分钟）”逗号位置不对（“{text}”）：千分位逗号每三位一个（如 1,000），"
                                    "也可以直接写 1000；小数请用小数点（如 1.5）。")
    assert caught.value.details == {"cell": f"“{text}”逗号位置不对。"}


@pytest.mark.parametrize(("text", "value"), [("1,000", 1000), ("2,880", 2880), ("90", 90)])
def test_thousands_commas_still_read(text, value):
    assert ledgers.clean_value(DURATION, text) == value
