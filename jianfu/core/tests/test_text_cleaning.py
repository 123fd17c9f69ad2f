"""Control characters, very long text, emoji and RTL marks: cleaned in one place, never a 500 (issue 11.3)."""

from __future__ import annotations

from django import forms
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as OPENPYXL_ILLEGAL
from rest_framework import serializers

from jianfu.core.text import XLSX_CELL_MAX, clean_line, clean_text, xlsx_text

CONTROL = "报告\x01内容\x0b第二行\x00\x1f结束"
EMOJI_RTL = "路灯坏了🔦\u200f\u202eمرحبا\u200e，请修"
# What the new user typed (N14): BEL, ESC, RLO; plus DEL, a C1 control (NEL) and the bidi isolates.
HOSTILE = "下一步\x07\x1b[31m红\u202e反转\x7f\x85\u2066隔离\u2069\u202a\u202b\u202c\u202d"


def test_clean_text_drops_what_xml_cannot_hold_and_keeps_the_rest():
    assert clean_text(CONTROL) == "报告内容\n第二行结束"
    assert clean_text("a\tb\r\nc\rd") == "a\tb\nc\nd"
    assert clean_text(EMOJI_RTL) == "路灯坏了🔦\u200fمرحبا\u200e，请修"  # marks kept, the override gone
    assert clean_text("") == ""


def test_clean_text_drops_c1_controls_and_bidi_overrides_and_isolates():
    assert clean_text(HOSTILE) == "下一步[31m红反转隔离"


@given(st.text())
def test_clean_text_is_idempotent_and_leaves_nothing_openpyxl_refuses(text):
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert not OPENPYXL_ILLEGAL.search(cleaned)
    assert all(ch in text or ch == "\n" for ch in cleaned)


def test_xlsx_text_cuts_to_the_cell_limit_and_neutralises_formulas():
    long = "长" * 100_000
    assert len(xlsx_text(long)) == XLSX_CELL_MAX and xlsx_text(long).endswith("…")
    assert xlsx_text("=1+1") == "'=1+1"
    assert xlsx_text(3) == 3


def test_every_form_and_serializer_field_cleans_without_asking():
    class AnyForm(forms.Form):  # a form of an app written later: nothing to opt into
        name = forms.CharField()
        email = forms.EmailField(required=False)

    form = AnyForm({"name": "王\x01五\x0b", "email": "a\x02@example.com"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"name": "王五", "email": "a@example.com"}

    class AnySerializer(serializers.Serializer):
        text = serializers.CharField(trim_whitespace=False)

    s = AnySerializer(data={"text": CONTROL})
    assert s.is_valid(), s.errors
    assert s.validated_data["text"] == "报告内容\n第二行结束"


def test_every_form_field_refuses_a_long_text_in_the_counters_words():
    # N13: Django's "确保该变量包含不超过 200 字符" stood under the counter's "已输入 10000 字，最多 200 字…"
    class AnyForm(forms.Form):
        next_step = forms.CharField(max_length=200)

    form = AnyForm({"next_step": "长" * 10_000})
    assert not form.is_valid()
    assert form.errors == {"next_step": ["已输入 10000 字，最多 200 字，超出 9800 字，请删减"]}


def test_invisible_format_characters_are_removed_but_inside_an_emoji():
    """N12 (session 14): an event kept U+200B while village pages dropped it; one rule now drops every format
    character (Cf) but the three bidi marks (beside right-to-left letters: sec27 #1) and the joiners and tags an
    emoji is made of."""
    assert clean_text("老人摔倒过\u200b请\u200c帮\u200d忙\u2060看\ufeff看\u00ad吧\u2064") == "老人摔倒过请帮忙看看吧"
    family, nurse, flag = "👨\u200d👩\u200d👧", "👩🏽\u200d⚕\ufe0f", "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert clean_text(f"家庭{family}医生{nurse}旗{flag}") == f"家庭{family}医生{nurse}旗{flag}"
    assert clean_text("👍\u200d\u200d👍 村\u200d委 👍\u200d") == "👍👍 村委 👍"     # a ZWJ not between two pictographs
    assert clean_text("\U000e0067\U000e007f标签") == "标签"                           # tags without their flag
    assert clean_text("\u061c\u200e\u200fمرحبا") == "\u061c\u200e\u200fمرحبا"           # the bidi marks stay by RTL text


def test_the_format_characters_removed_are_unicodes_cf_less_the_kept_marks():
    import sys
    import unicodedata

    from jianfu.core.text import KEPT_FORMAT_CHARACTERS, UNWANTED_CHARACTERS_RE

    format_characters = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    removed = {ch for ch in format_characters if UNWANTED_CHARACTERS_RE.fullmatch(ch)}
    assert format_characters - removed == set(KEPT_FORMAT_CHARACTERS)
    assert all(clean_text(f"甲{ch}乙") == "甲乙" for ch in removed)
    assert all(clean_text(f"甲{ch}乙") == "甲乙" for ch in KEPT_FORMAT_CHARACTERS)   # no RTL letter: the marks too


@given(st.text(alphabet=st.sampled_from(["👨", "👩", "⚕", "\ufe0f", "🏽", "\u200d", "\u200b", "🏴", "\U000e0067",
                                         "\U000e007f", "村", "\n"])))
def test_clean_text_keeps_emoji_sequences_idempotently(text):
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert "\u200b" not in cleaned


# ---------------------------------------------------------------- tag characters (codereview15 #5)

def _tags(text: str) -> str:
    return "".join(chr(0xE0000 + ord(c)) for c in text)


CANCEL_TAG = "\U000e007f"
RGI_FLAGS = ["🏴" + _tags(code) + CANCEL_TAG for code in ("gbeng", "gbsct", "gbwls")]   # 英格兰, 苏格兰, 威尔士


def test_only_the_three_subdivision_flags_keep_their_tag_characters():
    """Tag characters after 🏴 were kept in any number and of any kind, so "🏴" + hidden ASCII + CANCEL TAG carried
    invisible text (a phone number) past the one clean-text rule and made two equal-looking titles differ. Only the
    flags Unicode recommends (RGI: England, Scotland, Wales) keep their tags now; any other run is removed."""
    hidden = "会议通知🏴" + _tags("any hidden text, 13812345678") + CANCEL_TAG
    assert len(hidden) == 34 and clean_text(hidden) == "会议通知🏴"
    assert clean_text("旗" + "".join(RGI_FLAGS) + "旗") == "旗" + "".join(RGI_FLAGS) + "旗"
    assert clean_text("🏴" + _tags("usca") + CANCEL_TAG) == "🏴"                 # a valid shape, not recommended: no tags
    assert clean_text("🏴" + _tags("GBENG") + CANCEL_TAG) == "🏴"                # upper-case tags are not a flag
    assert clean_text("🏴" + _tags("gbeng")) == "🏴"                             # no cancel tag
    assert clean_text("🏴" + _tags("gbenggbeng") + CANCEL_TAG) == "🏴"          # too long
    assert clean_text(_tags("gbeng") + CANCEL_TAG + "标签") == "标签"              # tags without their flag
    assert clean_text("🏴" + _tags("gb") + RGI_FLAGS[0]) == "🏴" + RGI_FLAGS[0]
    # hypothesis found it in CI: a ZWJ before a flag took the flag's 🏴 and stranded its tags
    assert clean_text("🏴\u200d" + RGI_FLAGS[0]) == "🏴\u200d" + RGI_FLAGS[0]
    assert clean_text(RGI_FLAGS[1] + "\u200d🏴") == RGI_FLAGS[1] + "\u200d🏴"


_TAG_TEXT = st.text(alphabet=st.sampled_from(["🏴", CANCEL_TAG, *_tags("gbengsctwlsu1 "), "\U000e0001", "\u200d",
                                              "👍", "村"]), max_size=40)


@given(st.lists(st.one_of(_TAG_TEXT, st.sampled_from(RGI_FLAGS)), max_size=6).map("".join))
def test_no_tag_character_is_left_outside_a_subdivision_flag(text):
    cleaned = clean_text(text)
    outside = cleaned
    for flag in RGI_FLAGS:
        outside = outside.replace(flag, "")
    assert not [ch for ch in outside if "\U000e0000" <= ch <= "\U000e007f"]
    assert clean_text(cleaned) == cleaned
    assert [f for f in RGI_FLAGS if f in text and f not in cleaned] == []        # a real flag is never broken


# ---------------------------------------------------------------- security27 #1-#3

def test_the_bidi_marks_go_from_a_text_without_right_to_left_letters():
    """sec27 #1: RLM/LRM/ALM between digits reorder them on screen ("第\u200f1\u200f2期" shows as 第21期); they
    mean something only beside Hebrew or Arabic letters, and stay there."""
    assert clean_text("关于第\u200f1\u200f2期的通报") == "关于第12期的通报"
    assert clean_text("电话\u200f139\u200f1234\u200f5678") == "电话13912345678"
    assert clean_text("\u200e编号\u061cA-7\u200e") == "编号A-7"
    assert clean_text("电话\u200f139 שלום\u200e") == "电话\u200f139 שלום\u200e"     # Hebrew: kept
    assert clean_text("地址\u200fﻣﺮﺣﺒﺎ\u061c") == "地址\u200fﻣﺮﺣﺒﺎ\u061c"              # Arabic presentation forms: kept
    # an Arabic format character (removed) or ALM itself is no right-to-left letter
    assert clean_text("\u0600\u200f12\u061c") == "12"
    assert clean_text("\u202e第\u200f1\u200f2期\u202c") == "第12期"


def test_variation_selectors_and_fillers_are_removed_but_an_emojis_selector():
    """sec27 #2: "全县林长制工作会\ufe00" was another title than "全县林长制工作会" (a second ledger row)."""
    assert clean_text("全县林长制工作会\ufe00") == "全县林长制工作会"
    assert clean_text("全县\u3164林长制\u034f工作会\u115f\u1160\uffa0") == "全县林长制工作会"
    assert clean_text("".join(chr(c) for c in range(0xFE00, 0xFE10)) + "会") == "会"
    assert clean_text("村\ufe0f委\ufe0e") == "村委"
    # the presentation selector right after a pictograph, and a keycap's, are the emoji's own
    assert clean_text("点赞👍\ufe0f 电话☎\ufe0e 第1\ufe0f\u20e3名") == "点赞👍\ufe0f 电话☎\ufe0e 第1\ufe0f\u20e3名"
    assert clean_text("👍\ufe00 👍\ufe0f\ufe0f 1\ufe0f名") == "👍 👍\ufe0f 1名"
    assert clean_text("医生👩🏽\u200d⚕\ufe0f\u3164") == "医生👩🏽\u200d⚕\ufe0f"


def test_line_and_paragraph_separators_are_line_ends_and_spaces_in_one_line():
    """sec27 #3: U+2028/U+2029/U+0085 went through a one-line field (its check looks for "\n" only)."""
    assert clean_text("第一段\u2028第二行\u2029第二段\x85完") == "第一段\n第二行\n第二段完"
    assert clean_line("全县\u2028林长制\u2029工作会\x85通知") == "全县 林长制 工作会 通知"
    assert clean_line("甲\x0b乙\r\n丙") == "甲 乙\n丙"       # CRLF stays a line end (the field refuses it)
