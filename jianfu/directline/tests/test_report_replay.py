"""fix-left16 #1 (ADR 0035): the anonymous report form carries a one-time token and needs it. A post without one (a
hand-made post, a page from before tokens) stores nothing and comes back with what was typed; the same form posted
three times (a double click, a refresh) is one report with one receipt code, shown again only for a few minutes."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.directline import services
from jianfu.directline.models import Report
from jianfu.directline.tasks import directline_receipts_forget_task
from jianfu.directline.tests.factories import COUNTY, TOWN, county_key_with_handler

TEXT = "县某局要求各村每周上传 30 张入户走访照片，并在工作群打卡排名，村干部每晚加班补材料。"
CODE_RE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}")
TOKEN_RE = re.compile(r'<input type="hidden" name="form_token" value="([A-Za-z0-9_-]{43})">')
EXPIRED = "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。"
REPEATED = "这份反映已经提交过，没有重复提交。如要反映另一件事，请重新打开反映页面。"


def _form_token(client) -> str:
    return TOKEN_RE.search(client.get("/directline/public/report/").content.decode()).group(1)


@pytest.mark.django_db
def test_a_post_without_the_forms_token_stores_nothing_and_keeps_the_typing(world):
    county_key_with_handler(world)
    client = world.client(None)
    for token in (None, "", "short", "x" * 65):
        body = {"place": TOWN, "category": "app", "text": TEXT, **({} if token is None else {"form_token": token})}
        response = client.post("/directline/public/report/", body)
        page = response.content.decode()
        assert response.status_code == 400
        assert EXPIRED in page and f">{TEXT}</textarea>" in page and '<option value="app" selected>' in page
        assert CODE_RE.search(page) is None and TOKEN_RE.search(page) is not None
    assert Report.objects.count() == 0


@pytest.mark.django_db
def test_the_same_form_posted_three_times_is_one_report_with_one_code(world):
    county_key_with_handler(world)
    client = world.client(None)
    body = {"place": TOWN, "category": "app", "text": TEXT, "form_token": _form_token(client)}
    first = client.post("/directline/public/report/", body)
    code = CODE_RE.search(first.content.decode()).group()
    assert first.status_code == 200 and REPEATED not in first.content.decode()
    for _ in range(2):
        again = client.post("/directline/public/report/", body)
        page = again.content.decode()
        assert again.status_code == 200 and REPEATED in page and CODE_RE.findall(page) == [code]
    report = Report.objects.get()
    assert len(report.form_key) == 64 and body["form_token"] not in report.form_key
    stored = repr([getattr(report, f.attname) for f in Report._meta.fields])
    assert code not in stored and code.replace("-", "") not in stored
    # the report opens with that code, and another form is another report
    assert services.report_submit_from_form(form_token=_form_token(client), county_code=COUNTY, township_code=TOWN,
                                            category="app", text=TEXT)[2] is True
    assert Report.objects.count() == 2


@pytest.mark.django_db
def test_after_a_few_minutes_a_repeat_no_longer_shows_the_code(world, monkeypatch):
    """The next person at a shared computer pressing back, then 提交: told it was sent, not given the code."""
    county_key_with_handler(world)
    client = world.client(None)
    body = {"place": TOWN, "category": "app", "text": TEXT, "form_token": _form_token(client)}
    sent_at = 1_800_000_000
    monkeypatch.setattr(services.time, "time", lambda: sent_at)
    code = CODE_RE.search(client.post("/directline/public/report/", body).content.decode()).group()
    monkeypatch.setattr(services.time, "time", lambda: sent_at + services.RECEIPT_AGAIN_SECONDS)
    assert CODE_RE.findall(client.post("/directline/public/report/", body).content.decode()) == [code]
    monkeypatch.setattr(services.time, "time", lambda: sent_at + services.RECEIPT_AGAIN_SECONDS + 1)
    page = client.post("/directline/public/report/", body).content.decode()
    assert REPEATED in page and "回执码只在提交时显示一次，这里不再显示。" in page and CODE_RE.search(page) is None
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_the_kept_receipt_is_blanked_once_its_day_is_over(world):
    county_key_with_handler(world)
    client = world.client(None)
    for _ in range(2):
        body = {"place": TOWN, "category": "app", "text": TEXT, "form_token": _form_token(client)}
        assert client.post("/directline/public/report/", body).status_code == 200
    yesterday, today = Report.objects.order_by("pk")
    Report.objects.filter(pk=yesterday.pk).update(received_on=yesterday.received_on - dt.timedelta(days=1))
    assert directline_receipts_forget_task.call_local() == 1
    assert bytes(Report.objects.get(pk=yesterday.pk).receipt_for_form) == b""
    assert bytes(Report.objects.get(pk=today.pk).receipt_for_form) == bytes(today.receipt_for_form) != b""
    assert services.receipts_for_form_forget() == 0
