"""fix-cr31b: the code review of forms400 / forms400b / mend31. A refused button-form's reason is shown once: beside
the input it names and not again as the page's message (#2); a refusal naming no input (the state moved on, a button
with nothing typed) is the page's one message, as the form may be gone. Each test: the status, the exact words, how
often the page says them, nothing written."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.core.models import AuditRecord

pytestmark = pytest.mark.django_db


def _messages(page: str) -> list[str]:
    """The page's error messages (the flash list under the header)."""
    return re.findall(r'<div class="alert alert-error" role="alert">(.*?)</div>', page, re.S)


def _beside(page: str, input_id: str) -> list[str]:
    listed = re.search(rf'<ul class="errorlist" id="{re.escape(input_id)}_error">(.*?)</ul>', page, re.S)
    return re.findall(r"<li>(.*?)</li>", listed.group(1)) if listed else []


# ------------------------------------------------------------------ #2: once, beside the input or as the message


def test_a_return_refused_for_its_reason_says_so_beside_the_box_only(world):
    from jianfu.dispatch.tests.factories import event_in, snapshot

    event = event_in(world)   # dispatched to 林业局
    before = snapshot(event), AuditRecord.objects.count()
    refused = world.client("dept_forestry").post(f"/dispatch/events/{event.pk}/return/", {"reason": "不归"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert _beside(page, "id_reason") == ["退回理由至少需要 4 个字。"]
    assert _messages(page) == []
    assert page.count("退回理由至少需要 4 个字。") == 1
    assert (snapshot(event), AuditRecord.objects.count()) == before


def test_a_citizen_s_rating_without_a_score_says_so_once(world):
    from jianfu.dispatch.tests.factories import event_in, snapshot

    event = event_in(world, status="resolved")
    before = snapshot(event), AuditRecord.objects.count()
    refused = world.client(None).post(f"/dispatch/public/track/{event.feedback_token}/", {"comment": "第二盏还不亮"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert _beside(page, "id_score") == ["请选择评分（1–5 分）后再提交评价。"]
    assert (_messages(page), page.count("请选择评分（1–5 分）后再提交评价。")) == ([], 1)
    assert (snapshot(event), AuditRecord.objects.count()) == before


def test_an_accept_refused_for_the_event_s_state_is_the_page_s_one_message(world):
    from jianfu.dispatch.tests.factories import event_in, snapshot

    event = event_in(world, status="accepted")   # 签收 already: the button posts nothing typed
    before = snapshot(event), AuditRecord.objects.count()
    refused = world.client("dept_forestry").post(f"/dispatch/events/{event.pk}/accept/")
    page = refused.content.decode()
    assert refused.status_code in (400, 409)
    [message] = _messages(page)
    assert message and page.count(message) == 1
    assert 'class="errorlist"' not in page
    assert (snapshot(event), AuditRecord.objects.count()) == before


def test_a_close_refused_for_a_flagged_posting_is_the_page_s_one_message(world):
    from jianfu.employment.models import Posting, PostingStatus
    from jianfu.employment.tests.factories import TOWN, posting_in

    posting = posting_in(TOWN, status=PostingStatus.FLAGGED, title="保洁员")
    before = list(Posting.objects.values_list("pk", "status")), AuditRecord.objects.count()
    refused = world.client("county_office").post(f"/employment/postings/{posting.pk}/close/")
    page = refused.content.decode()
    assert refused.status_code == 409
    [message] = _messages(page)
    assert message == "岗位当前为“待核查（疑似歧视）”，不能改为“已结束”。"
    assert page.count(message) == 1 and _beside(page, "note") == []   # not beside the 下架 form's 说明
    assert (list(Posting.objects.values_list("pk", "status")), AuditRecord.objects.count()) == before


def test_a_reason_whose_input_is_gone_from_the_page_is_its_message(world):
    """A refusal naming an input the page no longer shows (the referral was answered meanwhile: no form for it) is
    not lost beside nothing: the page's one message (core.views.render_refused)."""
    import datetime as dt

    from jianfu.employment.models import Referral
    from jianfu.employment.tests.factories import key_person_in, posting_in

    kp = key_person_in()
    referral = Referral.objects.create(key_person=kp, posting=posting_in(), org_code=kp.org_code,
                                       grid_code=kp.grid_code, referred_on=dt.date.today(), status="refused",
                                       refusal_reason="工资太低")
    before = list(Referral.objects.values_list("pk", "status", "refusal_reason")), AuditRecord.objects.count()
    refused = world.client("village_a").post(f"/employment/referrals/{referral.pk}/advance/", {"status": "elsewhere"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert f'id="referral-status-{referral.pk}"' not in page
    assert (_messages(page), page.count("推荐结果无效。")) == (["推荐结果无效。"], 1)
    assert (list(Referral.objects.values_list("pk", "status", "refusal_reason")), AuditRecord.objects.count()) == before


# ------------------------------------------------------------------ #3: a refused 吹哨 answered, not kept for later


def test_a_refused_whistle_comes_back_in_its_answer_and_is_not_kept_for_the_next_visit(world):
    from jianfu.core.formtokens import token_new
    from jianfu.dispatch.models import Whistle
    from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in, snapshot

    event = event_in(world, status="accepted")
    client = world.client("town_quzhang")
    before = snapshot(event), Whistle.objects.count(), AuditRecord.objects.count()
    refused = client.post(f"/dispatch/events/{event.pk}/whistle/", {
        "departments": [HOUSING, FORESTRY], "reason": "山体", "checkin_hours": "12", "form_token": token_new()})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert _beside(page, "id_wreason") == ["吹哨事由至少需要 4 个字。"] and _messages(page) == []
    assert refused.context["whistle_typed"] == {"departments": [HOUSING, FORESTRY], "reason": "山体",
                                                "checkin_hours": "12"}
    assert not [key for key, _value in client.session.items() if "whistle" in key]
    again = client.get(f"/dispatch/events/{event.pk}/")
    assert again.context["whistle_typed"] == {"departments": [], "reason": "", "checkin_hours": "24"}
    assert (snapshot(event), Whistle.objects.count(), AuditRecord.objects.count()) == before


# ------------------------------------------------------------------ #4: over-length typing refused whole, not cut


def _input_value(page: str, input_id: str) -> str | None:
    for tag in re.findall(r"<input\b[^>]*>", page):
        if f'id="{input_id}"' in tag:
            found = re.search(r'value="([^"]*)"', tag)
            return found.group(1) if found else ""
    return None


def test_a_status_change_s_note_over_200_is_refused_whole_not_cut(world):
    from jianfu.employment.models import KeyPerson, StatusChange
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in()
    note = "已推荐到海产加工厂，" * 20 + "本人同意去"   # 205 characters: the history keeps 200
    before = (KeyPerson.objects.filter(pk=kp.pk).values_list("status", "status_since").get(),
              StatusChange.objects.count(), AuditRecord.objects.count())
    refused = world.client("village_a").post(f"/employment/people/{kp.pk}/status/refer/", {"note": note})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert _beside(page, "note") == ["已输入 205 字，最多 200 字，超出 5 字，请删减"] and _messages(page) == []
    assert _input_value(page, "note") == note
    assert '<input id="note" name="note" data-maxlength="200"' in page   # the counter, not the browser's cut
    assert (KeyPerson.objects.filter(pk=kp.pk).values_list("status", "status_since").get(),
            StatusChange.objects.count(), AuditRecord.objects.count()) == before
    # exactly 200 goes through, whole
    done = world.client("village_a").post(f"/employment/people/{kp.pk}/status/refer/", {"note": note[:200]})
    assert done.status_code == 302
    assert StatusChange.objects.latest("pk").note == note[:200]


def test_a_referral_s_reason_over_200_is_refused_whole_not_cut(world):
    from jianfu.employment.models import Referral
    from jianfu.employment.tests.factories import key_person_in, posting_in

    kp = key_person_in()
    referral = Referral.objects.create(key_person=kp, posting=posting_in(), org_code=kp.org_code,
                                       grid_code=kp.grid_code, referred_on=dt.date.today(), status="applied")
    reason = "用人单位认为不合适。" * 21   # 210 characters
    before = list(Referral.objects.values_list("pk", "status", "refusal_reason")), AuditRecord.objects.count()
    refused = world.client("village_a").post(f"/employment/referrals/{referral.pk}/advance/",
                                             {"status": "refused", "refused_by": "employer", "reason": reason})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert _beside(page, f"referral-reason-{referral.pk}") == ["已输入 210 字，最多 200 字，超出 10 字，请删减"]
    assert _messages(page) == [] and _input_value(page, f"referral-reason-{referral.pk}") == reason
    assert (list(Referral.objects.values_list("pk", "status", "refusal_reason")), AuditRecord.objects.count()) == before
