"""emend32: the employment pages a township 人社所 officer stumbled on (docs/employment.md, Session 32).

#1 修改后公开 on a posting held for suspected discrimination: the texts corrected, the check run again, audited.
#2 a referral's result carries its day (结果日期, default today; not in the future, not before the referral); #3 the
referral confirm page shows the employer's 联系人 and phone; #4 the contact line without a 联系人 and a lone wage figure
read right; #5 the person page links the 联系电话 to the registry field that keeps it, or says who may edit it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.core.models import AuditRecord
from jianfu.employment import discrimination
from jianfu.employment.models import KeyStatus, Posting, PostingStatus, Referral, StatusChange
from jianfu.employment.tests.factories import TOWN, VILLAGE_C, key_person_in, posting_in
from jianfu.registry.ledger.values import local_today

pytestmark = pytest.mark.django_db

HELD_TEXT = "流水线装配，限男性，两班倒。"


def _held(org: str = TOWN) -> Posting:
    flags = [f.as_dict() for f in discrimination.check("电子厂普工", HELD_TEXT)]
    return posting_in(org, status=PostingStatus.FLAGGED, title="电子厂普工", description=HELD_TEXT, benefits="包吃住",
                      flags=flags)


def _row(posting: Posting) -> tuple:
    return Posting.objects.filter(pk=posting.pk).values_list(
        "title", "description", "benefits", "status", "flags", "fingerprint").get()


def _amend(client, posting: Posting, **texts):
    data = {"title": "电子厂普工", "description": "流水线装配，两班倒。", "benefits": "包吃住", **texts}
    return client.post(f"/employment/postings/{posting.pk}/amend/", data)


def test_the_held_posting_page_offers_its_texts_to_correct_under_amend_then_publish(world):
    posting = _held()
    page = world.client("town_quzhang").get(f"/employment/postings/{posting.pk}/").content.decode()
    form = re.search(r'<form method="post" id="amend" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form.group(1) == f"/employment/postings/{posting.pk}/amend/"
    assert '<input id="amend-title" name="title" maxlength="100" required value="电子厂普工">' in form.group(2)
    assert f">{HELD_TEXT}</textarea>" in form.group(2)
    assert re.findall(r"<button[^>]*>([^<]+)</button>", form.group(2)) == ["修改后公开"]
    opened = posting_in()
    assert 'id="amend"' not in world.client("town_quzhang").get(f"/employment/postings/{opened.pk}/").content.decode()


def test_a_township_drops_the_sex_limit_and_the_posting_is_public_with_the_change_audited(world):
    posting = _held()
    client = world.client("town_quzhang")
    answer = _amend(client, posting)
    assert answer.status_code == 302 and answer["Location"] == f"/employment/postings/{posting.pk}/"
    posting.refresh_from_db()
    assert (posting.description, posting.status, posting.flags, posting.questions) == (
        "流水线装配，两班倒。", PostingStatus.OPEN, [], [])
    assert posting.fingerprint != "test-1" and len(posting.fingerprint) == 64
    record = AuditRecord.objects.filter(action="employment.posting.amend").get()
    assert (record.object_id, record.actor.username) == (str(posting.pk), "town_quzhang")
    assert record.changes == {"description": [HELD_TEXT, "流水线装配，两班倒。"], "flags": [["gender"], []],
                              "status": ["flagged", "open"]}
    page = client.get(f"/employment/postings/{posting.pk}/").content.decode()
    assert "已修改，复查未发现疑似歧视内容，岗位已公开。" in page
    assert 'id="amend"' not in page and "疑似就业歧视，需核查" not in page
    assert client.get(f"/employment/jobs/{posting.pk}/").status_code == 200


def test_text_still_discriminating_stays_held_with_the_new_finding(world):
    posting = _held()
    client = world.client("county_office")
    answer = _amend(client, posting, description="流水线装配，女士勿扰。")
    assert answer.status_code == 302
    posting.refresh_from_db()
    assert (posting.description, posting.status, [(f["code"], f["excerpt"]) for f in posting.flags]) == (
        "流水线装配，女士勿扰。", PostingStatus.FLAGGED, [("gender", "流水线装配，女士勿扰")])
    assert AuditRecord.objects.get(action="employment.posting.amend").changes["status"] == ["flagged", "flagged"]
    page = client.get(f"/employment/postings/{posting.pk}/").content.decode()
    assert "已修改，但仍含疑似歧视内容，岗位仍待核查。" in page


@pytest.mark.parametrize(("texts", "input_id", "reason"), [
    ({"description": ""}, "amend-description", "岗位描述为空"),
    ({"title": "x" * 101}, "amend-title", "岗位名称过长（101字，最多100字）"),
    ({"benefits": "<b>包吃住</b>"}, "amend-benefits", "福利待遇含有网页代码（&lt;…&gt;），请只填写文字"),
    ({"description": HELD_TEXT}, "amend-description", "内容没有修改：请修改疑似歧视的内容后再公开。"),
])
def test_a_refused_amend_says_why_beside_the_field_keeps_the_typing_and_changes_nothing(world, texts, input_id,
                                                                                       reason):
    posting = _held()
    before = (_row(posting), AuditRecord.objects.count())
    answer = _amend(world.client("town_quzhang"), posting, **texts)
    page = answer.content.decode()
    assert answer.status_code == 400
    assert re.search(rf'id="{input_id}"[^>]* aria-invalid="true" aria-describedby="{input_id}_error"', page)
    assert page.count(reason) == 1
    assert (_row(posting), AuditRecord.objects.count()) == before


def test_amend_is_refused_for_a_posting_not_held_and_outside_the_scope_and_nothing_changes(world):
    opened = posting_in(description="分拣冻虾。")
    other = _held(VILLAGE_C)   # 廉州镇: not the township's
    village_held = _held()
    before = ([_row(p) for p in (opened, other, village_held)], AuditRecord.objects.count())
    assert _amend(world.client("county_office"), opened).status_code == 409
    assert _amend(world.client("town_quzhang"), other).status_code == 404
    assert _amend(world.client("village_a"), village_held).status_code == 403   # no EMPLOYMENT_MANAGE
    assert ([_row(p) for p in (opened, other, village_held)], AuditRecord.objects.count()) == before


def test_amend_into_the_text_of_another_posting_is_a_duplicate_and_nothing_changes(world):
    posting = _held()
    from jianfu.employment.postings import posting_fingerprint

    org = posting.organisation
    posting_in(organisation=org, title="电子厂普工", description="流水线装配，两班倒。",
               fingerprint=posting_fingerprint(org.credit_code or None, org.name, "电子厂普工", "曲樟乡",
                                               "流水线装配，两班倒。"))
    before = (_row(posting), AuditRecord.objects.count())
    answer = _amend(world.client("town_quzhang"), posting)
    assert answer.status_code == 400
    assert answer.content.decode().count(f"与已有岗位重复（{org.name} 电子厂普工）。") == 1
    assert (_row(posting), AuditRecord.objects.count()) == before


# ---------------------------------------------------------------- #2 the day of a referral's result

def _referred(days_ago: int = 5) -> Referral:
    since = local_today() - dt.timedelta(days=days_ago)
    kp = key_person_in(status=KeyStatus.REFERRED, identified_on=since)
    return Referral.objects.create(key_person=kp, posting=posting_in(), org_code=kp.org_code, grid_code=kp.grid_code,
                                   referred_on=since, status="recommended")


def _state(referral: Referral) -> tuple:
    kp = referral.key_person.__class__.objects.get(pk=referral.key_person_id)
    return (Referral.objects.filter(pk=referral.pk).values_list("status", "closed_on").get(), kp.status,
            kp.status_since, StatusChange.objects.count(), AuditRecord.objects.count())


def test_an_interview_of_yesterday_is_recorded_on_yesterday_from_the_web(world):
    referral = _referred()
    yesterday = local_today() - dt.timedelta(days=1)
    client = world.client("village_a")
    page = client.get(f"/employment/people/{referral.key_person_id}/").content.decode()
    assert (f'<input type="date" id="referral-on-{referral.pk}" name="on" '
            f'min="{referral.referred_on.isoformat()}" max="{local_today().isoformat()}" '
            f'value="{local_today().isoformat()}">') in page
    answer = client.post(f"/employment/referrals/{referral.pk}/advance/", {"status": "interviewed",
                                                                           "on": yesterday.isoformat()})
    assert answer.status_code == 302
    kp = referral.key_person.__class__.objects.get(pk=referral.key_person_id)
    assert (kp.status, kp.status_since) == (KeyStatus.INTERVIEWING, yesterday)
    assert StatusChange.objects.filter(key_person=kp).values_list("to_status", "on").get() == (
        KeyStatus.INTERVIEWING, yesterday)
    assert AuditRecord.objects.get(action="employment.referral.advance").changes["on"] == yesterday.isoformat()


def test_a_refusal_of_two_days_ago_closes_the_referral_on_that_day_from_the_api_and_blank_is_today(world):
    referral, other = _referred(), _referred()
    two_days = local_today() - dt.timedelta(days=2)
    api = world.api_client("village_a")
    answer = api.post(f"/api/v1/employment/referrals/{referral.pk}/advance/",
                      {"status": "refused", "reason": "嫌路远", "refused_by": "seeker", "on": two_days.isoformat()},
                      format="json")
    assert answer.status_code == 200
    assert Referral.objects.filter(pk=referral.pk).values_list("status", "closed_on").get() == ("refused", two_days)
    assert api.post(f"/api/v1/employment/referrals/{other.pk}/advance/", {"status": "hired"},
                    format="json").status_code == 200
    assert Referral.objects.filter(pk=other.pk).values_list("status", "closed_on").get() == ("hired", local_today())


@pytest.mark.parametrize(("offset", "reason"), [
    (1, "结果日期不能晚于今天（{today}）。"),
    (-6, "结果日期不能早于推荐日期（{referred}）。"),
    (None, "日期格式应为 年-月-日（如 2025-03-01）。"),
])
def test_a_result_dated_tomorrow_before_the_referral_or_unreadable_is_refused_in_words_and_nothing_changes(
        world, offset, reason):
    referral = _referred()
    on = "昨天" if offset is None else (local_today() + dt.timedelta(days=offset)).isoformat()
    reason = reason.format(today=local_today().isoformat(), referred=referral.referred_on.isoformat())
    before = _state(referral)
    page = world.client("village_a").post(f"/employment/referrals/{referral.pk}/advance/",
                                          {"status": "interviewed", "on": on})
    html = page.content.decode()
    assert page.status_code == 400
    assert html.count(reason) == 1
    assert re.search(rf'id="referral-on-{referral.pk}"[^>]* value="{on}" aria-invalid="true"', html)
    answer = world.api_client("village_a").post(f"/api/v1/employment/referrals/{referral.pk}/advance/",
                                                {"status": "interviewed", "on": on}, format="json")
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"] == {"on": [reason]}
    assert _state(referral) == before


# ---------------------------------------------------------------- #3 the employer's contact on the confirm page

def test_the_referral_confirm_page_shows_the_employers_contact_and_phone_as_the_posting_page_does(world):
    kp = key_person_in()
    posting = posting_in(contact_name="黄经理", contact_phone="13507795678")
    client = world.client("village_a")
    page = client.post(f"/employment/people/{kp.pk}/refer/{posting.pk}/").content.decode()
    assert '<tr id="referral-contact"><th>联系人</th><td>黄经理</td></tr>' in page
    assert ('<tr id="referral-phone"><th>联系电话</th><td><a href="tel:13507795678">13507795678</a></td></tr>'
            in page)
    bare = posting_in()
    page = client.post(f"/employment/people/{kp.pk}/refer/{bare.pk}/").content.decode()
    assert '<tr id="referral-contact"><th>联系人</th><td>—</td></tr>' in page
    assert '<tr id="referral-phone"><th>联系电话</th><td>—</td></tr>' in page
    assert Referral.objects.count() == 0   # the confirm page writes nothing


# ---------------------------------------------------------------- #4 the contact line and a lone wage figure

@pytest.mark.parametrize(("name", "shown"), [
    ("", "联系方式：13507795678"), ("黄经理", "联系方式：黄经理 13507795678")])
def test_the_posting_contact_line_has_no_leading_space_without_a_contact_name(world, name, shown):
    posting = posting_in(contact_name=name, contact_phone="13507795678")
    page = world.client("town_quzhang").get(f"/employment/postings/{posting.pk}/").content.decode()
    assert f'<span id="posting-contact">{shown}</span>' in page


@pytest.mark.parametrize(("text", "shown"), [
    ("3000元", "3000元/月"), ("3000", "3000元/月"), ("月薪3000元", "3000元/月"),
    ("3000起", "3000元/月起"), ("3000以上", "3000元/月起"), ("3000多", "3000元/月起"), ("", "3000元/月起")])
def test_a_single_wage_figure_is_shown_as_that_figure_and_a_floor_only_when_written(world, text, shown):
    assert posting_in(wage_min=3000, wage_max=None, wage_text=text).wage_display == shown


# ---------------------------------------------------------------- #5 where the phone is recorded

def _phone_cell(page: str) -> str:
    return re.search(r'<td id="pii-phone">(.*?)</td>', page, re.S).group(1)


@pytest.mark.parametrize("username", ["town_quzhang", "village_a", "grid_a"])
def test_a_person_without_a_phone_links_who_may_edit_it_to_the_registry_field(world, username):
    from jianfu.registry.models import Person

    kp = key_person_in()
    Person.objects.filter(pk=kp.person_id).update(phone_cipher="", phone_index=None, phone_masked="")   # heard later
    client = world.client(username)
    cell = _phone_cell(client.get(f"/employment/people/{kp.pk}/").content.decode())
    assert cell.strip().startswith("—\n")
    edit = f"/registry/persons/{kp.person_id}/edit/"
    assert f'<a id="phone-edit" class="btn btn-small btn-secondary" href="{edit}#id_phone">登记联系电话</a>' in cell
    assert '<span class="muted" id="phone-owner">（在人口信息中修改）</span>' in cell
    form = client.get(edit)
    assert form.status_code == 200 and 'id="id_phone"' in form.content.decode()


def test_a_reader_who_may_not_edit_the_registry_is_told_who_does_and_gets_no_link(world):
    from jianfu.employment.tests.factories import hrss_account

    hrss_account(world)
    kp = key_person_in()
    for username in ("dept_hrss", "county_office"):
        cell = _phone_cell(world.client(username).get(f"/employment/people/{kp.pk}/").content.decode())
        assert 'id="phone-edit"' not in cell, username
        assert ('<span class="muted" id="phone-owner">联系电话在人口信息中登记，由所在村（社区）、乡镇（街道）或网格员修改。'
                '</span>') in cell, username


def test_the_visit_form_links_the_phone_to_the_registry_for_who_may_edit_it(world):
    kp = key_person_in()
    page = world.client("village_a").get(f"/employment/people/{kp.pk}/visit/").content.decode()
    assert f'<a id="phone-edit" href="/registry/persons/{kp.person_id}/edit/#id_phone">修改联系电话</a>' in page
