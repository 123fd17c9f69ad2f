"""The pure cryptographic core: sealed boxes, wrapping, receipt codes, suppression, identifier checks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.directline import sealing
from jianfu.directline.suppression import THRESHOLD, suppress
from jianfu.directline.textcheck import find_identifiers, strip_controls


def test_seal_opens_only_with_the_right_key_and_purpose():
    county, other = sealing.new_key_pair(), sealing.new_key_pair()
    blob = sealing.seal_text("某局要求每周报材料", recipient_public=county.public, aad="directline:u1:body")
    assert sealing.open_text(blob, private=county.private, aad="directline:u1:body") == "某局要求每周报材料"
    with pytest.raises(sealing.OpenError):
        sealing.open_text(blob, private=other.private, aad="directline:u1:body")
    with pytest.raises(sealing.OpenError):  # copied into another report or field
        sealing.open_text(blob, private=county.private, aad="directline:u2:body")
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(sealing.OpenError):
        sealing.open_text(tampered, private=county.private, aad="directline:u1:body")
    # Two seals of the same text differ (fresh ephemeral key and nonce each time).
    assert blob != sealing.seal_text("某局要求每周报材料", recipient_public=county.public, aad="directline:u1:body")


def test_passphrase_wrapping():
    pair = sealing.new_key_pair()
    salt = sealing.new_salt()
    wrapped = sealing.wrap(pair.private, key=sealing.passphrase_key("正确的口令-123456", salt=salt, log_n=8), aad="slot")
    assert sealing.unwrap(wrapped, key=sealing.passphrase_key("正确的口令-123456", salt=salt, log_n=8),
                          aad="slot") == pair.private
    with pytest.raises(sealing.OpenError):
        sealing.unwrap(wrapped, key=sealing.passphrase_key("错误的口令-123456", salt=salt, log_n=8), aad="slot")
    assert sealing.public_of(pair.private) == pair.public


@given(st.data())
@settings(max_examples=200, deadline=None)
def test_receipt_codes_round_trip_however_typed(data):
    code = sealing.new_receipt_code()
    assert len(code) == 29 and code.count("-") == 5
    normal = sealing.normalise_receipt_code(code)
    typed = data.draw(st.sampled_from([code, code.lower(), code.replace("-", ""), code.replace("-", " "),
                                       code.replace("0", "O").replace("1", "I")]))
    assert sealing.normalise_receipt_code(typed) == normal
    assert sealing.receipt_lookup_hash(normal) != sealing.receipt_lookup_hash(sealing.normalise_receipt_code(
        sealing.new_receipt_code()))


@pytest.mark.parametrize("typed", ["", "ABC", "A" * 23, "A" * 25, "AAAA-AAAA-AAAA-AAAA-AAAA-AAA!", "\x00" * 24,
                                   "<script>alert(1)</script>", "Ａ" * 24, None, "A" * 81])
def test_malformed_codes_are_none(typed):
    assert sealing.normalise_receipt_code(typed) is None


def test_codes_carry_120_bits():
    assert len(sealing.CODE_ALPHABET) ** sealing.CODE_LENGTH == 2 ** 120
    assert len({sealing.new_receipt_code() for _ in range(1000)}) == 1000


@given(st.dictionaries(st.text(min_size=1, max_size=4), st.integers(min_value=0, max_value=40), max_size=12))
@settings(max_examples=500, deadline=None)
def test_suppression_never_lets_a_small_count_be_recovered(counts):
    result = suppress(counts)
    hidden = [c.label for c in result.cells if c.value is None]
    # Every count 1–4 is hidden; visible cells are exact.
    for cell in result.cells:
        assert cell.value is None or cell.value == counts[cell.label]
        if 0 < counts[cell.label] < THRESHOLD:
            assert cell.value is None
    if result.total is not None:
        assert result.total == sum(counts.values())
        hidden_sum = sum(counts[label] for label in hidden)
        # total − visible = hidden sum: it must not single out one cell, nor be a small count itself.
        assert hidden == [] or (len(hidden) >= 2 and hidden_sum >= THRESHOLD)
    else:
        assert 0 < sum(counts.values()) < THRESHOLD or all(c.value is None or c.value == 0 for c in result.cells)


def test_suppression_examples():
    result = suppress({"曲樟乡": 3, "廉州镇": 12, "公馆镇": 7})
    assert [c.shown for c in result.cells] == ["*", "12", "*"] and result.total_shown == "22"
    result = suppress({"曲樟乡": 2, "廉州镇": 0})
    assert [c.shown for c in result.cells] == ["*", "0"] and result.total_shown == "*"
    result = suppress({"a": 5, "b": 6})
    assert [c.shown for c in result.cells] == ["5", "6"] and result.total_shown == "11"


@pytest.mark.parametrize(("text", "kinds"), [
    ("我的电话 13912345678", ["phone"]),
    ("电话：+86 139-1234-5678", ["phone"]),
    ("座机 0779-7201234", ["phone"]),
    ("身份证 11010119900307447X", []),            # wrong check digit: not flagged as an ID
    ("身份证 110101199003074477", ["id_number"]),
    ("文件共 5000 字，2024 年 3 月下发", []),
    ("编号 20240301123456789012345", []),
])
def test_identifier_detection(text, kinds):
    assert [i.kind for i in find_identifiers(text)] == kinds


def test_strip_controls_keeps_text_and_newlines():
    assert strip_controls("第一行\r\n第二\u202e行\x00\x07\t结束\u200b") == "第一行\n第二行\t结束"
