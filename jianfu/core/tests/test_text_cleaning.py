"""Control characters, very long text, emoji and RTL marks: cleaned in one place, never a 500 (issue 11.3)."""

from __future__ import annotations

from django import forms
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as OPENPYXL_ILLEGAL
from rest_framework import serializers

from jianfu.core.text import XLSX_CELL_MAX, clean_text, xlsx_text

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
