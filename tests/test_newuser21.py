"""newuser21's findings on messages and flows (fix-ui21b): one word about eyesight per matched job (#4), the low-vision
note on the order (#5), /logout/ opened from the address bar (#7), the refusal of the conflicts page in its own words
(#10) and a meeting's empty 主要讲话时长 (#11). #6 (a POST-only address under a page the account may not see) is in
tests/test_post_only_address.py."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from jianfu.core.formtokens import token_new
from jianfu.employment.models import KeyPerson
from jianfu.employment.tests.factories import TOWN, key_person_in, person_in, posting_in
from jianfu.monitor.models import LedgerMeeting

pytestmark = pytest.mark.django_db


def _cards(html: str) -> dict[str, str]:
    """The job cards of a person's 推荐岗位 page by posting title."""
    cards = html.split('<div class="card job-match">')[1:]
    return {re.search(r'class="tap" href="[^"]+">([^<]+)</a>', card).group(1): card for card in cards}


def _visual(grade: int | None) -> KeyPerson:
    return key_person_in(person=person_in(name="王强强", gender="M", disability_category="visual",
                                          disability_grade=grade),
                         profile={"desired_text": "什么活都能干", "places": ["town"]})


def test_a_card_says_one_thing_about_eyesight_before_the_reasons_and_the_button(world):
    """#4: 建筑小工 said "不足：需要良好视力（建筑施工），请核实" and, among its reasons, "无需精细目视作业（符合“视力残疾
    （三级）”）"."""
    kp = _visual(3)
    posting_in(TOWN, title="建筑小工", place_text="曲樟乡", description="工地搬砖、拌砂浆。", wage_min=6000,
               wage_max=6500)
    posting_in(TOWN, title="办公楼保洁员", place_text="曲樟乡", description="办公楼保洁，白班。", wage_min=3000,
               wage_max=3000)
    posting_in(TOWN, title="仓库理货员", place_text="曲樟乡", description="仓库理货，白班。", wage_min=3500,
               wage_max=3500)
    cards = _cards(world.client("village_a").get(f"/employment/people/{kp.pk}/jobs/").content.decode())
    assert set(cards) == {"仓库理货员", "建筑小工", "办公楼保洁员"}
    site, cleaning, store = cards["建筑小工"], cards["办公楼保洁员"], cards["仓库理货员"]
    doubt = ('<p class="sight alert alert-warning"><strong>视力</strong>：需要良好视力（建筑施工），请核实</p>')
    assert site.count(doubt) == 1 and site.count("需要良好视力") == 1
    assert "无需精细目视作业" not in site and "对视力要求不高" not in site
    assert site.index(doubt) < site.index("为何推荐") < site.index("推荐给单位")
    fits = '<p class="sight alert alert-success"><strong>视力</strong>：对视力要求不高（保洁）</p>'
    assert cleaning.count(fits) == 1 and "无需精细目视作业" not in cleaning and "需要良好视力" not in cleaning
    # neither doubtful nor commonly suitable: the fine sight it spares, once, as the card's word on eyesight
    spared = '<p class="sight alert alert-success"><strong>视力</strong>：无需精细目视作业（符合“视力残疾（三级）”）</p>'
    assert store.count("无需精细目视作业") == 1 and spared in store and "需要良好视力" not in store
    # the reasons the matcher gives elsewhere (the referral, the API) keep the doubt and never the praise beside it
    from jianfu.employment import matchsvc

    rec = next(r for p, r in matchsvc.jobs_for(kp) if p.title == "建筑小工")
    assert (rec.sight, rec.sight_doubt) == ("需要良好视力（建筑施工），请核实", True)
    assert "需要良好视力（建筑施工），请核实" in rec.unmet and not any("精细目视" in m for m in rec.met)
    assert "视力" not in rec.reasons_shown.replace("视力残疾", "")


def test_the_postings_candidates_say_it_once_too(world):
    kp = _visual(3)
    posting = posting_in(TOWN, title="建筑小工", place_text="曲樟乡", description="工地搬砖、拌砂浆。",
                         wage_min=6000, wage_max=6500)
    html = world.client("town_quzhang").get(f"/employment/postings/{posting.pk}/").content.decode()
    card = next(c for c in html.split('<div class="card">')[1:] if f"/employment/people/{kp.pk}/" in c)
    assert card.count("需要良好视力（建筑施工），请核实") == 1
    assert '<p class="sight alert alert-warning"><strong>视力</strong>：需要良好视力（建筑施工），请核实</p>' in card
    assert "无需精细目视作业" not in card


@pytest.mark.parametrize(("grade", "noted"), [(4, True), (3, True), (None, False), (1, False)])
def test_low_vision_says_the_order_was_kept(world, grade, noted):
    """#5: with 视力残疾（四级） 收银员 stays first by score (on purpose, docs/matching.md) — the page says so."""
    kp = _visual(grade)
    posting_in(TOWN, title="超市收银员", place_text="曲樟乡", description="超市收银，白班。", wage_min=3000,
               wage_max=3000)
    page = world.client("village_a").get(f"/employment/people/{kp.pk}/jobs/").content.decode()
    note = (f'<p class="alert alert-info" id="sight-order">{kp.disability_words}：需要良好视力的岗位已在卡片上标出，'
            "排序未因视力调整，请与本人核实。</p>")
    assert (note in page) is noted
    assert ("排序未因视力调整" in page) is noted
    assert "需要良好视力（收银），请核实" in page


def test_low_vision_with_nothing_marked_needs_no_note(world):
    kp = _visual(4)
    posting_in(TOWN, title="办公楼保洁员", place_text="曲樟乡", description="办公楼保洁，白班。", wage_min=3000,
               wage_max=3000)
    page = world.client("village_a").get(f"/employment/people/{kp.pk}/jobs/").content.decode()
    assert "办公楼保洁员" in page and "排序未因视力调整" not in page


def test_logout_typed_in_the_address_bar_asks_first(world):
    """#7: GET /logout/ said "无法完成操作…不能直接打开"; now a page that asks, whose 退出 posts (CSRF) — a GET never
    logs out."""
    client = Client(REMOTE_ADDR="127.0.0.9", enforce_csrf_checks=True)
    client.force_login(world.users["county_office"])
    response = client.get("/logout/", HTTP_REFERER="http://testserver/monitor/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>退出登录？</h1>" in html and "不能直接打开" not in html
    form = html.split('id="logout-confirm"')[1]
    assert '<form method="post" action="/logout/">' in form
    assert '<button type="submit">退出</button>' in form
    assert '<a class="btn btn-secondary" href="http://testserver/monitor/">返回</a>' in form
    assert client.get("/").status_code == 200                 # still logged in
    # a post without the token is refused and logs nobody out
    assert client.post("/logout/").status_code == 403
    assert client.get("/").status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post("/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert client.get("/")["Location"].startswith("/login/")


def test_logout_page_back_link_never_leaves_the_site(world):
    client = world.client("village_a")
    html = client.get("/logout/", HTTP_REFERER="https://elsewhere.example/x").content.decode()
    assert '<a class="btn btn-secondary" href="/">返回</a>' in html
    assert client.get("/").status_code == 200


def test_logout_opened_when_not_logged_in_goes_to_the_login_page(world):
    response = world.client(None).get("/logout/")
    assert response.status_code == 302 and response["Location"] == "/login/"


@pytest.mark.parametrize(("address", "message"), [
    ("/registry/conflicts/", "您无权查看导入冲突。"),
    ("/registry/reviews/", "您无权查看疑似重复核对。"),
    ("/registry/imports/", "您无权导入台账。"),
])
def test_a_refusal_speaks_of_the_page_asked_for(world, address, message):
    """#10: the county office's /registry/conflicts/ said "您无权导入台账。"."""
    response = world.client("county_office").get(address)
    html = response.content.decode()
    assert response.status_code == 403
    assert f"<p>{message}</p>" in html
    if message != "您无权导入台账。":
        assert "导入台账" not in html


def test_an_empty_speech_length_reads_unfilled(world):
    """#11: the meeting page showed 主要讲话时长 "0" for a field left empty; its form showed 0 to correct."""
    client = world.client("county_office")
    response = client.post("/monitor/ledgers/meeting/new/", {
        "form_token": token_new(), "date": "2026-12-05", "title": "全县冬季森林防火调度会", "issuer": "林业局",
        "duration_minutes": "120",
        "speech_minutes": "", "meeting_kind": "business"})
    row = LedgerMeeting.objects.get()
    assert response.status_code == 302 and row.speech_minutes == 0
    page = client.get(f"/monitor/ledgers/meeting/{row.pk}/").content.decode()
    assert "<tr><th>主要讲话时长（分钟）</th><td>未填</td></tr>" in page
    assert "<tr><th>会议时长（分钟）</th><td>120</td></tr>" in page
    form = client.get(f"/monitor/ledgers/meeting/{row.pk}/edit/").content.decode()
    assert re.search(r'name="speech_minutes" id="id_speech_minutes"[^>]* value=""', form)
    assert re.search(r'name="duration_minutes" id="id_duration_minutes"[^>]* value="120"', form)
    LedgerMeeting.objects.filter(pk=row.pk).update(speech_minutes=30)
    page = client.get(f"/monitor/ledgers/meeting/{row.pk}/").content.decode()
    assert "<tr><th>主要讲话时长（分钟）</th><td>30</td></tr>" in page
