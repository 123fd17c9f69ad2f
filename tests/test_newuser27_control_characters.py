"""newuser27 #9: a notice's 正文 holding U+000B (a vertical tab, Word's manual line break, pasted) was refused with
"“正文”含有不可见的控制字符" — nothing the user could see to delete — while the direct line's form removed control
characters silently. One rule now (`jianfu.core.text.clean_text`): invisible control characters are removed on input,
a vertical tab or form feed is a line end in a text (a space in a one-line field), on both forms."""

from __future__ import annotations

import re

import pytest

from jianfu.core.formtokens import token_new
from jianfu.core.text import clean_line, clean_text
from jianfu.core.versioning import version_of
from jianfu.directline.models import Report
from jianfu.directline.tests.factories import TOWN, county_key_with_handler
from jianfu.monitor import services
from jianfu.monitor.models import Notice

pytestmark = pytest.mark.django_db

BODY = "现将有关情况通报如下。\x0b一、某局要求村里每周报送照片。\x07\x1b\r\n二、某镇\x0c要求打卡。"
SAVED_BODY = "现将有关情况通报如下。\n一、某局要求村里每周报送照片。\n二、某镇\n要求打卡。"


def test_the_shared_rule():
    assert clean_text("甲\x0b乙\x0c丙\x07丁\x85戊\u200b己\t庚") == "甲\n乙\n丙丁戊己\t庚"
    assert clean_line("甲\x0b乙\x0c丙\x07丁") == "甲 乙 丙丁"


def test_a_notice_saves_with_its_control_characters_cleaned(world):
    response = world.client("county_office").post("/monitor/notices/new/", {
        "title": "关于几起增加基层负担\x0b问题的通报\x07", "issuer": "合浦县减负办\x1f", "date": "2026-12-01", "body": BODY,
        "form_token": token_new()})
    notice = Notice.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/monitor/notices/{notice.pk}/"
    assert (notice.title, notice.issuer, notice.body) == ("关于几起增加基层负担 问题的通报", "合浦县减负办", SAVED_BODY)


def test_the_notice_edit_and_the_service_clean_the_same(world):
    office = world.users["county_office"]
    notice = services.notice_create(actor=office, data={"title": "通报", "issuer": "合浦县减负办",
                                                        "date": "2026-12-01", "body": BODY})
    assert notice.body == SAVED_BODY
    response = world.client("county_office").post(f"/monitor/notices/{notice.pk}/edit/", {
        "title": "通报\x0b二", "issuer": "合浦县减负办", "batch": "", "date": "2026-12-01", "body": "第一段\x0b第二段\x00",
        "version": version_of(notice)})
    notice.refresh_from_db()
    assert response.status_code == 302
    assert (notice.title, notice.body) == ("通报 二", "第一段\n第二段")


def test_the_direct_line_form_cleans_the_same_way(world):
    county_key_with_handler(world)
    client = world.client(None)
    text = "县某局要求每个村每周上报三张台账照片。\x0b并在群里打卡排名。\x07\x1b\r\n每天都要。"
    response = client.post("/directline/public/report/", {"form_token": token_new(), "place": TOWN,
                                                          "category": "app", "text": text}, follow=True)
    assert response.status_code == 200
    assert Report.objects.count() == 1
    code = re.search(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}", response.content.decode()).group()
    follow = client.post("/directline/public/follow/", {"code": code}).content.decode()
    assert "县某局要求每个村每周上报三张台账照片。<br>并在群里打卡排名。<br>每天都要。" in follow
