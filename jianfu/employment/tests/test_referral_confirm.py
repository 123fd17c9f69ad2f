"""newuser19 #3: 推荐给单位 on the jobs page made the referral and moved the person 失业 → 已推荐 on one tap. The tap
now shows a confirm page (no JS needed) naming the posting, its employer and what will happen, nothing written; its
确认推荐 carries the form's one-time token — the same form posted again answers with the first referral."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment import matchsvc
from jianfu.employment.models import KeyStatus, Referral
from jianfu.employment.tests.factories import (
    key_person_in,
    person_in,
    posting_in,
    refer_confirmed,
    snapshot_kp,
)

pytestmark = pytest.mark.django_db


def _pair():
    kp = key_person_in(person=person_in(name="谢慧"), profile={"desired_text": "种过荔枝，想在附近打零工"})
    posting = posting_in(title="大棚种植工")
    return kp, posting


def test_the_tap_shows_what_will_happen_and_writes_nothing(world):
    kp, posting = _pair()
    client = world.client("grid_a")
    jobs = client.get(f"/employment/people/{kp.pk}/jobs/").content.decode()
    assert f'action="/employment/people/{kp.pk}/refer/{posting.pk}/"' in jobs
    before = (snapshot_kp(kp), AuditRecord.objects.count())
    page = client.post(f"/employment/people/{kp.pk}/refer/{posting.pk}/", {"score": "0.8", "reasons": "离家近"})
    html = page.content.decode()
    assert page.status_code == 200 and "<title>确认推荐" in html
    org = posting.organisation.name
    assert f"<tr><th>岗位</th><td><a href=\"/employment/jobs/{posting.pk}/\">大棚种植工</a></td></tr>" in html
    assert f"<tr><th>用人单位</th><td>{org}</td></tr>" in html
    assert f"登记一条推荐记录：谢慧 推荐至{org}“大棚种植工”，结果为“已推荐”；" in html
    assert "谢慧的状态由“失业”改为“已推荐”；" in html
    assert 'id="confirm-referral">确认推荐</button>' in html
    assert f'id="cancel-referral" href="/employment/people/{kp.pk}/jobs/">取消</a>' in html
    assert 'name="form_token" value="' in html and '<input type="hidden" name="confirm" value="1">' in html
    assert (snapshot_kp(kp), AuditRecord.objects.count()) == before and Referral.objects.count() == 0


def test_confirm_refers_once_and_a_second_post_of_the_form_answers_with_the_first(world):
    kp, posting = _pair()
    client = world.client("grid_a")
    url = f"/employment/people/{kp.pk}/refer/{posting.pk}/"
    page, done = refer_confirmed(client, url, {"score": "0.8", "reasons": "离家近"})
    assert done.status_code == 302 and done["Location"] == f"/employment/people/{kp.pk}/"
    referral = Referral.objects.get()
    # the matcher's score and reasons, not the posted ones (security20 #4)
    score, reasons = matchsvc.referral_match(kp, posting)
    assert (referral.key_person_id, referral.posting_id, referral.score, referral.reasons, referral.status) == (
        kp.pk, posting.pk, score, reasons, "recommended")
    assert score is not None and reasons != "离家近"
    kp.refresh_from_db()
    assert kp.status == KeyStatus.REFERRED
    audits = AuditRecord.objects.count()
    # the same confirm form again (a double tap, back then 确认推荐): the first referral, nothing new
    import re

    token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)
    again = client.post(url, {"confirm": "1", "form_token": token, "score": "0.8", "reasons": "离家近"}, follow=True)
    assert "该表单已提交过，没有重复推荐。" in again.content.decode()
    assert (Referral.objects.count(), AuditRecord.objects.count()) == (1, audits)


def test_confirm_without_a_token_is_refused_and_nothing_changes(world):
    kp, posting = _pair()
    client = world.client("grid_a")
    before = (snapshot_kp(kp), AuditRecord.objects.count())
    refused = client.post(f"/employment/people/{kp.pk}/refer/{posting.pk}/", {"confirm": "1", "score": "0.8"},
                          follow=True)
    assert EXPIRED in refused.content.decode()
    assert (snapshot_kp(kp), AuditRecord.objects.count()) == before and Referral.objects.count() == 0


def test_a_token_used_for_another_posting_is_an_expired_form(world):
    kp, posting = _pair()
    other = posting_in(title="仓管员")
    client = world.client("grid_a")
    token = token_new()
    client.post(f"/employment/people/{kp.pk}/refer/{posting.pk}/", {"confirm": "1", "form_token": token})
    before = (snapshot_kp(kp), AuditRecord.objects.count())
    refused = client.post(f"/employment/people/{kp.pk}/refer/{other.pk}/", {"confirm": "1", "form_token": token},
                          follow=True)
    assert EXPIRED in refused.content.decode()
    assert (snapshot_kp(kp), AuditRecord.objects.count()) == before
    assert list(Referral.objects.values_list("posting_id", flat=True)) == [posting.pk]


def test_a_person_no_longer_seeking_is_refused_at_the_tap_without_a_confirm_page(world):
    kp = key_person_in(status=KeyStatus.EMPLOYED, profile={"desired_text": "想进厂"})
    posting = posting_in(title="仓管员")
    client = world.client("grid_a")
    before = (snapshot_kp(kp), AuditRecord.objects.count())
    response = client.post(f"/employment/people/{kp.pk}/refer/{posting.pk}/", {"score": "0.5"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(f"/employment/people/{kp.pk}/", 302)]
    assert "该人员当前状态为“已就业”，不需要推荐岗位。" in html and 'id="referral-confirm"' not in html
    assert (snapshot_kp(kp), AuditRecord.objects.count()) == before and Referral.objects.count() == 0
