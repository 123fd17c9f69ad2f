"""security20 #4: the web's 推荐给单位 took `score` and `reasons` from the client (village_a posted score=99 and
reasons=forged: stored as the matcher's; score=nan: a 500 IntegrityError). Both are the matcher's now, as the API's
(`matchsvc.referral_match`); what the client posts is ignored."""

from __future__ import annotations

import pytest

from jianfu.employment import matchsvc
from jianfu.employment.models import Referral
from jianfu.employment.tests.factories import key_person_in, person_in, posting_in, refer_confirmed

pytestmark = pytest.mark.django_db


def _pair():
    kp = key_person_in(person=person_in(name="谢慧"), profile={"desired_text": "种过荔枝，想在附近打零工"})
    return kp, posting_in(title="大棚种植工")


@pytest.mark.parametrize("score", ["99", "nan", "inf", "-1e400", "x"])
def test_the_score_and_reasons_a_referral_records_are_the_matcher_s_whatever_is_posted(world, score):
    kp, posting = _pair()
    expected = matchsvc.referral_match(kp, posting)
    assert expected[0] is not None and expected[1] and expected[1] != "forged"
    url = f"/employment/people/{kp.pk}/refer/{posting.pk}/"
    page, done = refer_confirmed(world.client("village_a"), url, {"score": score, "reasons": "forged"})
    assert "forged" not in page.content.decode()
    assert f"<tr><th>推荐理由</th><td>{expected[1]}</td></tr>" in page.content.decode()
    assert done.status_code == 302 and done["Location"] == f"/employment/people/{kp.pk}/"
    assert list(Referral.objects.values_list("score", "reasons")) == [expected]


def test_a_forged_score_on_the_confirm_post_itself_is_ignored_too(world):
    import re

    kp, posting = _pair()
    expected = matchsvc.referral_match(kp, posting)
    client = world.client("village_a")
    url = f"/employment/people/{kp.pk}/refer/{posting.pk}/"
    token = re.search(r'name="form_token" value="([^"]+)"', client.post(url).content.decode()).group(1)
    done = client.post(url, {"confirm": "1", "form_token": token, "score": "nan", "reasons": "forged"})
    assert done.status_code == 302
    assert list(Referral.objects.values_list("score", "reasons")) == [expected]


@pytest.mark.parametrize(("username", "status"), [("village_b", 404), ("dept_housing", 403), ("dept_forestry", 403),
                                                  ("county_office", 403), ("village_a", 200), ("grid_a", 200)])
def test_the_first_step_is_refused_outside_the_village_and_without_the_right(world, username, status):
    """security20 #5: the matrix covered only the confirm post; the first step renders the person and the posting."""
    kp, posting = _pair()
    response = world.client(username).post(f"/employment/people/{kp.pk}/refer/{posting.pk}/")
    assert response.status_code == status
    assert ("谢慧" in response.content.decode(), Referral.objects.count()) == (status == 200, 0)


def test_a_referral_to_a_posting_beyond_the_persons_top_50_records_the_pair_s_score_and_reasons(world):
    """codereview20 #4: the score came only from the person's top-50 jobs, so a referral made from a posting's
    candidate list, the posting ranking below 50 for the person, stored (None, "") and its confirm page showed no
    reasons. The single pair is scored then, as its place in a list would have scored it."""
    kp, _posting = _pair()
    for _ in range(55):
        posting_in(title="大棚种植工", description="种植荔枝、大棚蔬菜，附近零工。")
    far = posting_in(title="仓库保管员", description="管理仓库台账，出入库登记。")
    assert far.pk not in {p.pk for p, _r in matchsvc.jobs_for(kp, top=50)}
    score, reasons = matchsvc.referral_match(kp, far)
    assert score is not None and reasons.startswith("为何推荐")
    matcher, _postings = matchsvc._job_matcher()
    whole = {r.job_id: r for r in matcher.jobs_for(matchsvc.seeker_of(kp), top=60)}[str(far.pk)]
    assert (score, reasons) == (float(whole.score), whole.reasons)
    url = f"/employment/people/{kp.pk}/refer/{far.pk}/"
    page, done = refer_confirmed(world.client("village_a"), url, {})
    assert f"<tr><th>推荐理由</th><td>{reasons}</td></tr>" in page.content.decode()
    assert done.status_code == 302
    assert list(Referral.objects.values_list("score", "reasons")) == [(score, reasons)]
