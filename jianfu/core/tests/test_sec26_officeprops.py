"""sec26 #5: a title holding a control character (U+0007, U+0000) made stamp_docx / new_workbook's file raise
ValueError when written, a lone surrogate UnicodeEncodeError. officeprops drops what XML cannot hold itself."""

from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl

from jianfu.core.officeprops import new_workbook, stamp_docx

TITLE = "关于\x07某局\x00问题\ud800的通报"
NOW = dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.UTC)


def test_a_docx_titled_with_control_characters_and_a_lone_surrogate_is_written():
    document = docx.Document()
    stamp_docx(document, title=TITLE, author="合浦县\x1b减负办", description="说明\x00", now=NOW)
    out = io.BytesIO()
    document.save(out)
    props = docx.Document(io.BytesIO(out.getvalue())).core_properties
    assert (props.title, props.author, props.comments, props.last_modified_by) == (
        "关于某局问题的通报", "合浦县减负办", "说明", "合浦县减负办")


def test_a_workbook_titled_with_control_characters_and_a_lone_surrogate_is_written():
    for write_only in (False, True):
        wb = new_workbook(title=TITLE, author="减负\x07赋能", write_only=write_only)
        if write_only:
            wb.create_sheet("表")
        out = io.BytesIO()
        wb.save(out)
        props = openpyxl.load_workbook(io.BytesIO(out.getvalue())).properties
        assert (props.title, props.creator) == ("关于某局问题的通报", "减负赋能")


def test_tab_newline_and_characters_beyond_the_bmp_stay():
    wb = new_workbook(title="表\t一\n😀")
    assert wb.properties.title == "表\t一\n😀"
