"""fix-left16 #1 (ADR 0035): the anonymous report form carries a one-time token and needs it. A post without one (a
hand-made post, a page from before tokens) stores nothing and comes back with what was typed; the same form posted
three times (a double click, a refresh) is one report with one receipt code, shown again only for a few minutes — on the
receipt page the form redirects to. A repeat is the same token with the same content; the same token with other
content is refused (codereview16b #3). The sealed copy is deleted within twenty minutes (#4), and kept off the report's
row (security17 #1, test_form_receipt.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.directline import services
from jianfu.directline.models import FormReceipt, Report
from jianfu.directline.tasks import directline_receipts_forget_task
from jianfu.directline.tests.factories import COUNTY, TOWN, county_key_with_handler

TEXT = "县某局要求各村每周上传 30 张入户走访照片，并在工作群打卡排名，村干部每晚加班补材料。"
CODE_RE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}")
TOKEN_RE = re.compile(r'<input type="hidden" name="form_token" value="([A-Za-z0-9_-]{43})">')
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


def _post(client, body):
    """The form's POST and the receipt page it redirects to (Post/Redirect/Get), as a browser follows it."""
    response = client.post("/directline/public/report/", body, follow=True)
    return response, response.content.decode()


@pytest.mark.django_db
def test_the_same_form_posted_three_times_is_one_report_with_one_code(world):
    county_key_with_handler(world)
    client = world.client(None)
    body = {"place": TOWN, "category": "app", "text": TEXT, "form_token": _form_token(client)}
    first, page = _post(client, body)
    assert first.redirect_chain == [("/directline/public/receipt/", 302)]
    code = CODE_RE.search(page).group()
    assert first.status_code == 200 and REPEATED not in page
    for _ in range(2):   # a double click: the browser shows the second answer, which shows the same code
        again, page = _post(client, body)
        assert again.redirect_chain == [("/directline/public/receipt/", 302)]
        assert again.status_code == 200 and REPEATED in page and CODE_RE.findall(page) == [code]
    report = Report.objects.get()
    assert len(report.form_key) == 64 and body["form_token"] not in report.form_key
    assert len(report.form_content_key) == 64 and report.form_content_key != report.form_key
    stored = repr([getattr(report, f.attname) for f in Report._meta.fields])
    assert code not in stored and code.replace("-", "") not in stored and body["form_token"] not in stored
    # the report opens with that code, and another form is another report
    assert TEXT in world.client(None).post("/directline/public/follow/", {"code": code}).content.decode()
    assert services.report_submit_from_form(form_token=_form_token(client), county_code=COUNTY, township_code=TOWN,
                                            category="app", text=TEXT)[2] is True
    assert Report.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("change", [{"text": TEXT + "另外，乡镇还要求每天报送两次进度表。"}, {"category": "meeting"},
                                    {"place": COUNTY}])
def test_the_same_token_with_other_content_is_refused_not_shown_the_first_code(world, change):
    """codereview16b #3: person B on A's page (back button, a shared computer) sends other text within the window:
    B is not shown A's receipt code (which opens A's conversation) and B's report is not dropped as a repeat —
    refused with the form's expired message, nothing written, B's typing kept with a fresh token."""
    county_key_with_handler(world)
    client = world.client(None)
    body = {"place": TOWN, "category": "app", "text": TEXT, "form_token": _form_token(client)}
    code = CODE_RE.search(_post(client, body)[1]).group()
    before = (list(Report.objects.values_list()), list(FormReceipt.objects.values_list()))
    other = {**body, **change}
    for _ in range(2):
        response, page = _post(client, other)
        assert response.status_code == 400 and response.redirect_chain == []
        assert EXPIRED in page and REPEATED not in page and code not in page and CODE_RE.search(page) is None
        assert f">{other['text']}</textarea>" in page and f'<option value="{other["category"]}" selected>' in page
        assert TOKEN_RE.search(page).group(1) != body["form_token"]
    assert (list(Report.objects.values_list()), list(FormReceipt.objects.values_list())) == before
    # the sealed copy cannot be opened with the token and other content either, nor without the form's cookie
    first, browser = Report.objects.get(), client.cookies["jf_form"].value
    assert services._receipt_again(first, body["form_token"], services.form_content(
        county_code=COUNTY, township_code=TOWN, category="app", text=TEXT), browser) == code
    assert services._receipt_again(first, body["form_token"], services.form_content(
        county_code=COUNTY, township_code=TOWN, category="meeting", text=TEXT), browser) == ""
    assert services._receipt_again(first, body["form_token"], services.form_content(
        county_code=COUNTY, township_code=TOWN, category="app", text=TEXT), services.form_token_new()) == ""
    # once the copy is gone, other content is still refused; the same content is told it was sent
    FormReceipt.objects.all().delete()
    assert _post(client, other)[0].status_code == 400
    page = _post(client, body)[1]
    assert REPEATED in page and CODE_RE.search(page) is None
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_after_a_few_minutes_a_repeat_no_longer_shows_the_code(world, monkeypatch):
    """The same form posted again after the window: told it was sent, not given the code."""
    county_key_with_handler(world)
    client = world.client(None)
    body = {"place": TOWN, "category": "app", "text": TEXT, "form_token": _form_token(client)}
    sent_at = 1_800_000_000
    monkeypatch.setattr(services.time, "time", lambda: sent_at)
    code = CODE_RE.search(_post(client, body)[1]).group()
    monkeypatch.setattr(services.time, "time", lambda: sent_at + services.RECEIPT_AGAIN_SECONDS)
    assert CODE_RE.findall(_post(client, body)[1]) == [code]
    monkeypatch.setattr(services.time, "time", lambda: sent_at + services.RECEIPT_AGAIN_SECONDS + 1)
    response, page = _post(client, body)
    assert response.status_code == 200 and response.redirect_chain == []
    assert REPEATED in page and "回执码只在提交时显示一次，这里不再显示。" in page and CODE_RE.search(page) is None
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_the_kept_receipt_is_deleted_by_the_second_sweep_after_it(world, monkeypatch):
    """codereview16b #4: the sealed copy was kept until the hourly job after its day (~25 h). The sweep runs every ten
    minutes and deletes the copies of the window before last: kept 10–20 minutes, no finer time stored (security17 #1:
    in FormReceipt, not on the report's row)."""
    county_key_with_handler(world)
    client = world.client(None)
    now = [1_800_000_000.0]
    monkeypatch.setattr(services.time, "time", lambda: now[0])

    def send():
        body = {"place": TOWN, "category": "app", "text": TEXT, "form_token": _form_token(client)}
        assert _post(client, body)[0].status_code == 200
        return FormReceipt.objects.get(window=int(now[0]) // 600)

    first = send()
    now[0] += 600
    assert directline_receipts_forget_task.call_local() == 0       # the window after its own: kept
    second = send()
    now[0] += 600
    assert directline_receipts_forget_task.call_local() == 1       # the first deleted, the second kept
    assert list(FormReceipt.objects.values_list("lookup", flat=True)) == [second.lookup] != [first.lookup]
    now[0] += 600
    assert directline_receipts_forget_task.call_local() == 1
    assert FormReceipt.objects.count() == 0 and Report.objects.count() == 2
    assert services.receipts_for_form_forget() == 0
    # every ten minutes
    task = directline_receipts_forget_task.task_class()  # huey asks validate_datetime each minute
    runs = [minute for minute in range(60) if task.validate_datetime(dt.datetime(2026, 12, 5, 3, minute))]
    assert runs == [0, 10, 20, 30, 40, 50]
