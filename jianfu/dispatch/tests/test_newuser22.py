"""newuser22's dispatch findings (not the browser half, which is tests/e2e/test_newuser22_fixes.py):

#1 back after a report whose photo the page shrank, then 提交: the kept token came with no photo (a file box is never
   refilled with a shrunk photo), so the post was "other content" — 表单已失效 — and 提交 again on that page filed a
   second case without the photo. The same account's (or browser session's) report of the same words, place,
   urgency and address within minutes is that report, whatever its token and photos: 已经上报过, nothing filed.
#2 a grid is shown with its village wherever an event's 发生地 is (page, lists, 事件清单 export).
#5 a rating without a chosen score is refused in Chinese, nothing saved (the forms preselect none)."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.dispatch import services
from jianfu.dispatch.models import DepartmentRating, Event, EventPhoto, Feedback, TimelineEntry
from jianfu.dispatch.tests.factories import event_in
from jianfu.dispatch.workflow import Status
from jianfu.orgs.models import OrgUnit
from jianfu.orgs.selectors import place_names

pytestmark = pytest.mark.django_db
QUMU = "450521200206"
GRID = "450521200206001"
TEXT = "大照片测试：曲木村卫生室门前道路塌陷"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _jpeg(name="shrunk.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 90, 200)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def _staff(client, token, *, photo=True, **edited):
    data = {"text": TEXT, "org_code": GRID, "urgency": "normal", "address": "", "form_token": token, **edited}
    if photo:
        data["photos"] = _jpeg()
    return client.post("/dispatch/report/", data, follow=True)


def _state() -> tuple:
    return (list(Event.objects.values_list("pk", "text", "org_code", "reporter__username")),
            EventPhoto.objects.count(), TimelineEntry.objects.count(), AuditRecord.objects.count())


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _said_once_beside(response, input_id: str, reason: str) -> bool:
    """The reason beside the input it names, and not again as the page's message (fix-cr31b #2)."""
    page = response.content.decode()
    return (f'<ul class="errorlist" id="{input_id}_error"><li>{reason}</li></ul>' in page and page.count(reason) == 1
            and _messages(response) == [])


# --- #1 --------------------------------------------------------------------------------------------

def test_back_after_a_shrunk_photo_then_submit_answers_already_reported(world, catalogue):
    client = world.client("grid_a")
    token = token_new()
    first = _staff(client, token)
    event = Event.objects.get()
    assert _messages(first) == [f"事件 {event.number} 已上报。"] and event.photos.count() == 1
    before = _state()
    # back: the kept token comes again with the words, the file box empty
    again = _staff(client, token, photo=False)
    assert again.redirect_chain == [(f"/dispatch/events/{event.pk}/?reported=1", 302)]
    assert _messages(again) == [f"事件 {event.number} 已经上报过，没有重复上报。"]
    assert _state() == before


def test_the_same_words_under_a_fresh_token_within_minutes_are_the_same_report(world, catalogue):
    """The page refused or re-fetched (JavaScript off): its new token, no photo — still not a second case."""
    client = world.client("grid_a")
    _staff(client, token_new())
    event = Event.objects.get()
    before = _state()
    again = _staff(client, token_new(), photo=False, text=f"  {TEXT}\u200b ")
    assert again.redirect_chain == [(f"/dispatch/events/{event.pk}/?reported=1", 302)]
    assert _messages(again) == [f"事件 {event.number} 已经上报过，没有重复上报。"]
    assert _state() == before


def test_after_ten_minutes_the_same_words_are_a_new_report(world, catalogue):
    client = world.client("grid_a")
    _staff(client, token_new())
    Event.objects.update(created_at=timezone.now() - dt.timedelta(minutes=11))
    later = _staff(client, token_new(), photo=False)
    assert later.redirect_chain[0][1] == 302 and Event.objects.count() == 2
    assert _messages(later)[0].endswith(" 已上报。")


@pytest.mark.parametrize("edited", [{"urgency": "urgent"}, {"address": "卫生室门前"}, {"org_code": "450521200206002"},
                                    {"text": TEXT + "，有半米深"}])
def test_other_words_place_urgency_or_address_under_the_same_token_stay_refused(world, catalogue, edited):
    client = world.client("grid_a")
    token = token_new()
    _staff(client, token)
    before = _state()
    refused = _staff(client, token, photo=False, **edited)
    assert refused.status_code == 400 and EXPIRED in refused.content.decode()
    assert _state() == before


def test_another_accounts_same_words_are_their_own_report(world, catalogue):
    _staff(world.client("grid_a"), token_new())
    mine = Event.objects.get()
    theirs = _staff(world.client("village_a"), token_new(), photo=False)
    assert Event.objects.count() == 2
    other = Event.objects.exclude(pk=mine.pk).get()
    assert other.reporter == world.users["village_a"]
    assert _messages(theirs) == [f"事件 {other.number} 已上报。"]


def _public(client, token, *, photo=True):
    data = {"text": TEXT, "town": "450521200000", "org_code": QUMU, "form_token": token}
    if photo:
        data["photos"] = _jpeg()
    return client.post("/dispatch/public/report/", data, follow=True)


def test_a_citizens_back_without_the_photo_shows_the_case_from_the_same_browser_only(world, catalogue):
    browser = world.client(None)
    token = token_new()
    _public(browser, token)
    event = Event.objects.get()
    before = _state()
    again = _public(browser, token, photo=False)
    assert again.redirect_chain == [(f"/dispatch/public/track/{event.feedback_token}/", 302)]
    assert _state() == before
    # the same token and words from another browser (a kiosk's next person): an expired form, the case not named
    other = _public(world.client(None), token, photo=False)
    page = other.content.decode()
    assert other.status_code == 400 and EXPIRED in page and event.feedback_token not in page
    assert _state() == before


# --- #2 --------------------------------------------------------------------------------------------

def _demo_names():
    """As the demo's units are named: 11 grids of 曲樟乡 called 第一网格, one per village."""
    OrgUnit.objects.filter(code=GRID).update(name="第一网格")
    OrgUnit.objects.create(code="450521200201001", name="第一网格", kind="grid", level=6, parent_code="450521200201")


def test_place_names_give_a_grid_its_village(world):
    _demo_names()
    assert place_names([GRID, "450521200201001", "450521200206002", QUMU, "450521000000D02", "", "nope"]) == {
        GRID: "曲木村委会 · 第一网格",
        "450521200201001": "璋嘉村委会 · 第一网格",
        "450521200206002": "曲木村第二网格",          # names its village already
        QUMU: "曲木村委会",
        "450521000000D02": "林业局",
    }


def test_a_village_whose_name_another_village_of_the_county_shares_gets_its_township(world):
    OrgUnit.objects.create(code="450521100002", name="曲木村委会", kind="village", level=5, parent_code="450521100000")
    assert place_names([QUMU, "450521100002", "450521200201"]) == {
        QUMU: "曲樟乡 · 曲木村委会", "450521100002": "廉州镇 · 曲木村委会", "450521200201": "璋嘉村委会"}


def test_the_event_page_the_lists_and_the_export_name_the_village(world, catalogue):
    _demo_names()
    event = event_in(world, org=GRID)
    client = world.client("county_office")
    label = "曲木村委会 · 第一网格"
    detail = client.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert re.search(r"<dt>发生地</dt><dd>曲木村委会 · 第一网格</dd>", detail)
    listed = client.get("/dispatch/").content.decode()
    assert f'<td data-label="发生地">{label}</td>' in listed
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/dispatch/export.xlsx").content)).active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [label]


# --- #5 --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("score", ["", None, "  "])
def test_feedback_without_a_score_is_refused_in_chinese_and_saves_nothing(world, score):
    event = event_in(world, org=GRID, status=Status.RESOLVED)
    client = world.client("grid_a")
    data = {"comment": "还行"} if score is None else {"score": score, "comment": "还行"}
    response = client.post(f"/dispatch/events/{event.pk}/feedback/", data, follow=True)
    assert _said_once_beside(response, "id_fscore", "请选择评分（1–5 分）后再提交评价。")
    assert (Feedback.objects.count(), Event.objects.get().status) == (0, Status.RESOLVED)


def test_a_citizens_rating_without_a_score_is_refused_and_saves_nothing(world):
    event = event_in(world, org=GRID, status=Status.RESOLVED)
    response = world.client(None).post(f"/dispatch/public/track/{event.feedback_token}/", {"score": ""}, follow=True)
    assert _said_once_beside(response, "id_score", "请选择评分（1–5 分）后再提交评价。")
    assert (Feedback.objects.count(), Event.objects.get().status) == (0, Status.RESOLVED)


def test_a_townships_rating_without_a_score_is_refused_and_saves_nothing(world):
    event = event_in(world, org=GRID, status=Status.RESOLVED)
    response = world.client("town_quzhang").post(f"/dispatch/events/{event.pk}/rate/",
                                                 {"score": "", "department_code": event.department_code}, follow=True)
    assert _said_once_beside(response, "id_rscore", "请选择评分（1–5 分）后再提交评价。")
    assert DepartmentRating.objects.count() == 0


def test_the_rating_forms_preselect_no_score(world):
    event = event_in(world, org=GRID, status=Status.RESOLVED)
    for user, select in (("grid_a", "id_fscore"), ("town_quzhang", "id_rscore")):
        page = world.client(user).get(f"/dispatch/events/{event.pk}/").content.decode()
        assert (f'<select id="{select}" name="score" required><option value="" selected>请选择</option>'
                '<option value="5">5</option>') in page
    page = world.client(None).get(f"/dispatch/public/track/{event.feedback_token}/").content.decode()
    assert '<select id="id_score" name="score" required><option value="" selected>请选择</option>' in page
    assert "selected" not in page.split('id="id_score"')[1].split("</select>")[0].replace(
        '<option value="" selected>', "")


def test_a_chosen_score_is_still_recorded(world):
    event = event_in(world, org=GRID, status=Status.RESOLVED)
    services.event_feedback(actor=world.users["grid_a"], event=event, score="2", comment="")
    assert list(Feedback.objects.values_list("score", "satisfied")) == [(2, False)]
