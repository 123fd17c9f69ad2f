"""Session 16 (newuser16 #1): the report form redirects to the receipt page, which shows the code once; a reload
neither submits again nor shows the code again."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from jianfu.directline.models import PendingReceipt, Report
from jianfu.directline.tests.factories import TOWN, county_key_with_handler

TEXT = "县某局要求各村每周上传 30 张入户走访照片，并在工作群打卡排名，村干部每晚加班补材料。"
CODE_RE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}")
TOKEN_RE = re.compile(r'<input type="hidden" name="form_token" value="([A-Za-z0-9_-]{43})">')


def _body(client) -> dict[str, str]:
    """The form as a browser posts it: with the one-time token of its rendering (required, ADR 0035)."""
    token = TOKEN_RE.search(client.get("/directline/public/report/").content.decode()).group(1)
    return {"place": TOWN, "category": "app", "text": TEXT, "form_token": token}


@pytest.mark.django_db
def test_the_report_form_redirects_and_the_receipt_shows_the_code_once(world):
    county_key_with_handler(world)
    reporter = world.client(None)
    posted = reporter.post("/directline/public/report/", _body(reporter))
    assert (posted.status_code, posted["Location"]) == (302, "/directline/public/receipt/")
    assert CODE_RE.search(posted.content.decode()) is None
    cookie = posted.cookies["jf_receipt"]
    assert (cookie["path"], cookie["httponly"], cookie["samesite"], cookie["max-age"]) == (
        "/directline/public/receipt/",
        True,
        "Strict",
        600,
    )  # a cookie of that page only, for the RECEIPT_AGAIN_SECONDS its code may be shown (security17 #2)
    # Kept server-side sealed: the row holds neither the code nor the cookie's key.
    pending = PendingReceipt.objects.get()
    stored = repr([getattr(pending, f.attname) for f in PendingReceipt._meta.fields])
    assert cookie.value not in stored
    shown = reporter.get("/directline/public/receipt/")
    page = shown.content.decode()
    assert shown.status_code == 200 and "已收到您的反映" in page
    code = CODE_RE.search(page).group()
    assert code not in stored and code.replace("-", "") not in stored
    assert PendingReceipt.objects.count() == 0
    assert shown.cookies["jf_receipt"].value == "" and shown.cookies["jf_receipt"]["max-age"] == 0
    # The code opens the report.
    assert TEXT in world.client(None).post("/directline/public/follow/", {"code": code}).content.decode()
    # A reload: one report still, the code not shown again, and how to follow up.
    reloaded = reporter.get("/directline/public/receipt/")
    again = reloaded.content.decode()
    assert reloaded.status_code == 200 and CODE_RE.search(again) is None
    assert "回执码已经显示过" in again and "请凭当时抄写或拍照保存的回执码查看办理情况。" in again
    assert '<a class="tap" href="/directline/public/follow/">凭回执码查看办理情况</a>' in again
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_the_receipt_page_shows_nothing_to_another_browser_or_a_forged_cookie(world):
    county_key_with_handler(world)
    reporter = world.client(None)
    posted = reporter.post("/directline/public/report/", _body(reporter))
    other = Client()
    assert CODE_RE.search(other.get("/directline/public/receipt/").content.decode()) is None
    other.cookies["jf_receipt"] = "A" * 43 + "="
    assert CODE_RE.search(other.get("/directline/public/receipt/").content.decode()) is None
    other.cookies["jf_receipt"] = "not base64 at all!"
    assert other.get("/directline/public/receipt/").status_code == 200
    assert PendingReceipt.objects.count() == 1  # still there for the reporter's own browser
    assert posted.cookies["jf_receipt"].value
    assert CODE_RE.search(reporter.get("/directline/public/receipt/").content.decode()) is not None


@pytest.mark.django_db
def test_receipts_never_picked_up_are_dropped_the_day_after(world):
    import datetime as dt

    from django.utils import timezone

    county_key_with_handler(world)
    PendingReceipt.objects.create(
        key_hash="0" * 64, sealed_code=b"x", created_on=timezone.localdate() - dt.timedelta(days=2)
    )
    PendingReceipt.objects.create(
        key_hash="1" * 64, sealed_code=b"x", created_on=timezone.localdate() - dt.timedelta(days=1)
    )
    client = world.client(None)
    client.post("/directline/public/report/", _body(client))
    # the two days old one is gone; yesterday's stays beside the new report's (whose random hash may sort anywhere)
    kept = set(PendingReceipt.objects.values_list("key_hash", flat=True))
    assert "0" * 64 not in kept and "1" * 64 in kept
    assert len(kept) == 2
