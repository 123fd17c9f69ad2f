"""Session 15, issue 8 leftover 4: postings and the matching core clean text by the one rule, `core.text.clean_text`
(the postings module and the matching core each had a control-character regex of their own, differing from it)."""

from __future__ import annotations

from jianfu.core.text import clean_text
from jianfu.employment import postings
from jianfu.employment.matching import parse

FAMILY = "👨\u200d👩\u200d👧"         # one emoji: a ZWJ sequence the house rule keeps whole
NURSE = "👩\u200d⚕\ufe0f"


def test_posting_cell_keeps_an_emoji_whole_and_drops_what_the_house_rule_drops():
    postings._text_of_str.cache_clear()
    assert postings._text(f"包吃住{NURSE}\u200b，夜\u00ad班\u202e") == f"包吃住{NURSE}，夜班"
    assert postings._text(FAMILY) == FAMILY
    # the same as every form and API field gets
    raw = "冻虾\u200b分拣\u2060，\x07计件\ufeff\u2066"
    assert postings._text(raw) == clean_text(raw) == "冻虾分拣，计件"


def test_matching_text_uses_the_house_rule_and_drops_the_bidi_marks():
    # the soft hyphen and the other format characters of the house rule: the core's own regex kept them
    assert parse.normalise_text("电\u00ad工证") == "电工证"
    assert parse.normalise_text("焊工\U000e0041证") == "焊工证"
    # what both rules removed still goes; spaces collapse; the three bidi marks (kept by the house rule for display)
    # are dropped for comparison
    assert parse.normalise_text("  电\u200b工\u200e证\u2060 \x85C1\u202e\ufeff\u200f ") == "电工证 C1"
    assert parse.normalise_text("叉车\u061c证") == "叉车证"
    # a line end of any kind is a space, as a newline was
    assert parse.normalise_text("流水线\r\n想进厂\r离家近\x0b包住") == "流水线 想进厂 离家近 包住"
    assert parse.normalise_text(FAMILY) == FAMILY
    assert parse.normalise_text("ＡＢＣ１２３") == "ABC123"


def test_no_module_of_its_own_control_rule():
    import inspect

    assert "_CONTROL" not in inspect.getsource(postings)
    assert "_CONTROL" not in inspect.getsource(parse)
