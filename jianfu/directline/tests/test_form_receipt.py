"""security17 #1 and #2 (fix-dl17): the receipt code kept for a repeat of the report form.

#1: the sealed copy and its sweep mark lived on the Report row, so a backup showed which reports arrived in the last
twenty minutes. The copy is now in FormReceipt, which names no report, and the report's row never changes with time.
#2: the same body replayed from another browser within 600 s was shown the receipt code. The copy is bound to a random
cookie the form's page sets; without it a repeat is told the report was sent, never the code."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from jianfu.directline import services
from jianfu.directline.models import FormReceipt, PendingReceipt, Report
from jianfu.directline.tasks import directline_receipts_forget_task
from jianfu.directline.tests.factories import COUNTY, TOWN, county_key_with_handler

TEXT = "县某局要求各村每周上传 30 张入户走访照片，并在工作群打卡排名，村干部每晚加班补材料。"
CODE_RE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}")
TOKEN_RE = re.compile(r'<input type="hidden" name="form_token" value="([A-Za-z0-9_-]{43})">')
REPEATED = "这份反映已经提交过，没有重复提交。如要反映另一件事，请重新打开反映页面。"
NOT_AGAIN = "回执码只在提交时显示一次，这里不再显示。"
SENT_AT = 1_800_000_000        # a multiple of 600: the start of a ten-minute window


def _body(client) -> dict[str, str]:
    token = TOKEN_RE.search(client.get("/directline/public/report/").content.decode()).group(1)
    return {"place": TOWN, "category": "app", "text": TEXT, "form_token": token}


def _post(client, body):
    response = client.post("/directline/public/report/", body, follow=True)
    return response, response.content.decode()


def _report_rows() -> list[tuple]:
    return list(Report.objects.order_by("pk").values_list())


@pytest.fixture
def clock(monkeypatch):
    now = [float(SENT_AT)]
    monkeypatch.setattr(services.time, "time", lambda: now[0])
    return now


# --- #1: nothing on the report's row tells how recently it arrived -------------------------------------------
@pytest.mark.django_db
def test_the_report_row_is_the_same_before_and_after_the_receipt_copy_expires(world, clock):
    county_key_with_handler(world)
    client = world.client(None)
    body = _body(client)
    code = CODE_RE.search(_post(client, body)[1]).group()
    rows = _report_rows()
    assert {"receipt_for_form", "receipt_for_form_marked"} & {f.name for f in Report._meta.get_fields()} == set()
    # the copy is kept off the row, and still serves the double click
    assert FormReceipt.objects.count() == 1
    assert CODE_RE.findall(_post(client, body)[1]) == [code]
    for minutes in (10, 20):
        clock[0] = SENT_AT + minutes * 60
        directline_receipts_forget_task.call_local()
        assert _report_rows() == rows       # a backup at any of these moments holds the same report row
    assert FormReceipt.objects.count() == 0


@pytest.mark.django_db
def test_the_kept_copy_names_no_report(world, clock):
    county_key_with_handler(world)
    client = world.client(None)
    body = _body(client)
    code = CODE_RE.search(_post(client, body)[1]).group()
    report = Report.objects.get()
    kept = FormReceipt.objects.get()
    row = repr(list(FormReceipt.objects.values_list()))
    report_values = [str(v) for v in Report.objects.values_list()[0] if v not in (None, "", b"")]
    named = [v for v in (*report_values, report.uid, str(report.pk), body["form_token"], code,
                         code.replace("-", ""), client.cookies["jf_form"].value) if len(v) > 3 and v in row]
    assert named == []
    assert len(kept.lookup) == 64 and kept.lookup not in (report.form_key, report.form_content_key)
    assert kept.window == SENT_AT // 600     # its ten-minute window, no finer time


@pytest.mark.django_db
def test_copies_are_deleted_two_windows_after_their_own_by_the_sweep_and_by_a_write(world, clock):
    """A copy written in window w is kept through window w+1 (at least RECEIPT_AGAIN_SECONDS) and deleted from w+2."""
    county_key_with_handler(world)
    first_client, second_client = world.client(None), world.client(None)
    first = _body(first_client)
    clock[0] = SENT_AT + 599                  # the last second of window w
    code = CODE_RE.search(_post(first_client, first)[1]).group()
    clock[0] = SENT_AT + 599 + services.RECEIPT_AGAIN_SECONDS   # window w+1: kept, and shown
    assert services.receipts_for_form_forget() == 0
    assert CODE_RE.findall(_post(first_client, first)[1]) == [code]
    clock[0] = SENT_AT + 1200                 # window w+2: a write (another report) deletes it
    second = _body(second_client)
    assert _post(second_client, second)[0].status_code == 200
    assert list(FormReceipt.objects.values_list("window", flat=True)) == [SENT_AT // 600 + 2]
    response, page = _post(first_client, first)
    assert response.redirect_chain == [] and REPEATED in page and NOT_AGAIN in page and CODE_RE.search(page) is None
    clock[0] = SENT_AT + 2400                 # window w+4: the sweep deletes the second
    assert directline_receipts_forget_task.call_local() == 1
    assert FormReceipt.objects.count() == 0 and Report.objects.count() == 2


# --- #2: the code is shown again only to the browser that sent the report --------------------------------------
@pytest.mark.django_db
def test_the_report_form_sets_a_new_random_cookie_of_its_own_path(world):
    client = Client()
    first = client.get("/directline/public/report/").cookies["jf_form"]
    second = client.get("/directline/public/report/").cookies["jf_form"]
    assert (first["path"], first["httponly"], first["samesite"], first["max-age"]) == (
        "/directline/public/report/", True, "Strict", "")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", first.value) and first.value != second.value


@pytest.mark.django_db
@pytest.mark.parametrize("cookies", [{}, {"jf_form": "x" * 43}, {"jf_form": "short"}])
def test_the_same_body_replayed_from_another_browser_is_never_shown_the_code(world, cookies):
    county_key_with_handler(world)
    reporter = world.client(None)
    body = _body(reporter)
    code = CODE_RE.search(_post(reporter, body)[1]).group()
    before = (_report_rows(), list(FormReceipt.objects.values_list()), PendingReceipt.objects.count())
    other = Client()
    for name, value in cookies.items():
        other.cookies[name] = value
    response, page = _post(other, body)
    assert response.status_code == 200 and response.redirect_chain == []
    assert REPEATED in page and NOT_AGAIN in page and CODE_RE.search(page) is None and code not in page
    assert "jf_receipt" not in response.cookies
    assert (_report_rows(), list(FormReceipt.objects.values_list()), PendingReceipt.objects.count()) == before
    # the reporter's own browser, a double click: still the code
    assert CODE_RE.findall(_post(reporter, body)[1]) == [code]


@pytest.mark.django_db
def test_back_to_the_form_then_the_same_post_shows_no_code(world):
    """Back re-fetches the form (a new cookie) while the browser posts the first token again: the next person at a
    shared computer, within the 600 s, is told the report was sent and not shown the code."""
    county_key_with_handler(world)
    client = world.client(None)
    body = _body(client)
    code = CODE_RE.search(_post(client, body)[1]).group()
    client.get("/directline/public/report/")
    response, page = _post(client, body)
    assert response.redirect_chain == [] and REPEATED in page and code not in page and CODE_RE.search(page) is None
    assert Report.objects.count() == 1 and FormReceipt.objects.count() == 1


@pytest.mark.django_db
def test_a_post_without_the_cookie_is_sent_as_before_but_keeps_no_copy(world):
    county_key_with_handler(world)
    client = Client()
    body = {"place": TOWN, "category": "app", "text": TEXT, "form_token": services.form_token_new()}
    response, page = _post(client, body)
    assert response.redirect_chain == [("/directline/public/receipt/", 302)] and REPEATED not in page
    code = CODE_RE.search(page).group()
    assert TEXT in Client().post("/directline/public/follow/", {"code": code}).content.decode()
    assert FormReceipt.objects.count() == 0
    response, page = _post(client, body)
    assert response.redirect_chain == [] and REPEATED in page and CODE_RE.search(page) is None
    assert Report.objects.count() == 1
    assert services.report_submit_from_form(form_token=body["form_token"], browser="", county_code=COUNTY,
                                            township_code=TOWN, category="app", text=TEXT)[1:] == ("", False)


@pytest.mark.django_db
def test_the_receipt_cookie_expires_after_the_window(world):
    county_key_with_handler(world)
    client = world.client(None)
    posted = client.post("/directline/public/report/", _body(client))
    cookie = posted.cookies["jf_receipt"]
    assert (posted.status_code, cookie["max-age"], cookie["path"]) == (302, 600, "/directline/public/receipt/")
